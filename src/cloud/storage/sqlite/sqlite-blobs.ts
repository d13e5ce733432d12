import type Database from 'better-sqlite3';
import type { BackupRow, BlobRow, UploadRow } from '../metadata-store';
import { addUsage, readUsage, wouldExceed } from './sqlite-usage';
import { toBackup, type BackupDbRow, type BlobPart } from '../sql-rows';

/** Uploads, blobs and backups on SQLite (the bytes live in the blob store). */
export function sqliteBlobs(db: Database.Database): BlobPart {
  const uploadOf = db.prepare('SELECT * FROM uploads WHERE account_id = ? AND id = ?');
  const blobOf = db.prepare('SELECT * FROM blobs WHERE account_id = ? AND id = ?');
  const backupOf = db.prepare('SELECT * FROM backups WHERE account_id = ? AND id = ?');

  const createUpload = db.transaction((row: Parameters<BlobPart['createUpload']>[0], quotaBytes: number | null) => {
    if (wouldExceed(readUsage(db, row.accountId), row.totalSize, quotaBytes)) return 'quota-exceeded' as const;
    db.prepare('INSERT INTO uploads (id, account_id, total_size, created_at) VALUES (?, ?, ?, ?)').run(
      row.id,
      row.accountId,
      row.totalSize,
      row.createdAt,
    );
    addUsage(db, row.accountId, 'reserved_bytes', row.totalSize);
    return 'created' as const;
  });
  const completeUpload = db.transaction((accountId: string, uploadId: string, blob: BlobRow) => {
    const upload = uploadOf.get(accountId, uploadId) as { total_size: number; completed_at: number | null } | undefined;
    if (!upload || upload.completed_at !== null) return;
    db.prepare('UPDATE uploads SET completed_at = ? WHERE id = ?').run(blob.createdAt, uploadId);
    db.prepare('INSERT INTO blobs (id, account_id, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(
      blob.id,
      accountId,
      blob.size,
      blob.sha256,
      blob.createdAt,
    );
    addUsage(db, accountId, 'reserved_bytes', -upload.total_size);
    addUsage(db, accountId, 'blob_bytes', blob.size);
  });
  const deleteUpload = db.transaction((accountId: string, uploadId: string) => {
    const upload = uploadOf.get(accountId, uploadId) as { total_size: number; completed_at: number | null } | undefined;
    if (!upload || upload.completed_at !== null) return;
    db.prepare('DELETE FROM uploads WHERE id = ?').run(uploadId);
    addUsage(db, accountId, 'reserved_bytes', -upload.total_size);
  });
  const removeBlobRow = (accountId: string, blobId: string): boolean => {
    const blob = blobOf.get(accountId, blobId) as { size: number } | undefined;
    if (!blob) return false;
    db.prepare('DELETE FROM blobs WHERE id = ?').run(blobId);
    db.prepare('DELETE FROM uploads WHERE id = ?').run(blobId);
    addUsage(db, accountId, 'blob_bytes', -blob.size);
    return true;
  };
  const deleteBlob = db.transaction((accountId: string, blobId: string) => {
    if (db.prepare('SELECT 1 FROM backups WHERE account_id = ? AND blob_id = ?').get(accountId, blobId)) return 'in-use' as const;
    return removeBlobRow(accountId, blobId) ? ('deleted' as const) : ('not-found' as const);
  });
  const createBackup = db.transaction((row: BackupRow, quotaBytes: number | null) => {
    if (!blobOf.get(row.accountId, row.blobId)) return 'blob-missing' as const;
    if (row.parentId !== null && !backupOf.get(row.accountId, row.parentId)) return 'parent-missing' as const;
    const size = row.manifestCiphertext.byteLength;
    if (wouldExceed(readUsage(db, row.accountId), size, quotaBytes)) return 'quota-exceeded' as const;
    db.prepare('INSERT INTO backups (id, account_id, blob_id, kind, parent_id, manifest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      row.id,
      row.accountId,
      row.blobId,
      row.kind,
      row.parentId,
      Buffer.from(row.manifestCiphertext),
      row.createdAt,
    );
    addUsage(db, row.accountId, 'backup_bytes', size);
    return 'created' as const;
  });
  const deleteBackup = db.transaction((accountId: string, backupId: string) => {
    const backup = backupOf.get(accountId, backupId) as BackupDbRow | undefined;
    if (!backup) return null;
    // Incremental backups built on this one lose their parent link rather than their data.
    db.prepare('UPDATE backups SET parent_id = NULL WHERE account_id = ? AND parent_id = ?').run(accountId, backupId);
    db.prepare('DELETE FROM backups WHERE id = ?').run(backupId);
    addUsage(db, accountId, 'backup_bytes', -backup.manifest.byteLength);
    const stillUsed = db.prepare('SELECT 1 FROM backups WHERE account_id = ? AND blob_id = ?').get(accountId, backup.blob_id);
    const blobRemoved = stillUsed ? false : removeBlobRow(accountId, backup.blob_id);
    return { blobId: backup.blob_id, blobRemoved };
  });

  return {
    createUpload: async (row, quotaBytes) => createUpload.immediate(row, quotaBytes),
    getUpload: async (accountId, uploadId) => {
      const row = uploadOf.get(accountId, uploadId) as
        | { id: string; account_id: string; total_size: number; created_at: number; completed_at: number | null }
        | undefined;
      return row
        ? ({ id: row.id, accountId: row.account_id, totalSize: row.total_size, createdAt: row.created_at, completedAt: row.completed_at } satisfies UploadRow)
        : null;
    },
    completeUpload: async (accountId, uploadId, blob) => completeUpload.immediate(accountId, uploadId, blob),
    deleteUpload: async (accountId, uploadId) => deleteUpload(accountId, uploadId),
    getBlob: async (accountId, blobId) => {
      const row = blobOf.get(accountId, blobId) as { id: string; account_id: string; size: number; sha256: string; created_at: number } | undefined;
      return row ? { id: row.id, accountId: row.account_id, size: row.size, sha256: row.sha256, createdAt: row.created_at } : null;
    },
    deleteBlob: async (accountId, blobId) => deleteBlob.immediate(accountId, blobId),
    createBackup: async (row, quotaBytes) => createBackup.immediate(row, quotaBytes),
    listBackups: async (accountId) =>
      (db.prepare('SELECT * FROM backups WHERE account_id = ? ORDER BY created_at, rowid').all(accountId) as BackupDbRow[]).map(toBackup),
    getBackup: async (accountId, backupId) => {
      const row = backupOf.get(accountId, backupId) as BackupDbRow | undefined;
      return row ? toBackup(row) : null;
    },
    deleteBackup: async (accountId, backupId) => deleteBackup.immediate(accountId, backupId),
  };
}
