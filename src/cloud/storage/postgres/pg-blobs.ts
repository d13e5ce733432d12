import type pg from 'pg';
import type { BlobRow, UploadRow } from '../metadata-store';
import { inTransaction, lockAccount, toBuffer, wouldExceed } from './pg-pool';
import { toBackup, type BackupDbRow, type BlobPart } from '../sql-rows';

type UsageColumn = 'record_bytes' | 'blob_bytes' | 'reserved_bytes' | 'backup_bytes';

/** Adds `delta` to one counter; call inside the transaction that changed the rows (the column is one of four literals). */
async function addUsage(client: pg.PoolClient, accountId: string, column: UsageColumn, delta: number): Promise<void> {
  if (delta === 0) return;
  await client.query(`UPDATE usage SET ${column} = ${column} + $2 WHERE account_id = $1`, [accountId, delta]);
}

/** The open upload's reserved size, or null when it is unknown or already complete. */
async function openUploadSize(client: pg.PoolClient, accountId: string, uploadId: string): Promise<number | null> {
  const { rows } = await client.query<{ total_size: number; completed_at: number | null }>(
    'SELECT total_size, completed_at FROM uploads WHERE account_id = $1 AND id = $2',
    [accountId, uploadId],
  );
  const upload = rows[0];
  return upload && upload.completed_at === null ? upload.total_size : null;
}

/** Deletes a blob's row (and its finished upload's) and un-counts its bytes; false when unknown. */
async function removeBlobRow(client: pg.PoolClient, accountId: string, blobId: string): Promise<boolean> {
  const { rows } = await client.query<{ size: number }>('DELETE FROM blobs WHERE account_id = $1 AND id = $2 RETURNING size', [accountId, blobId]);
  const blob = rows[0];
  if (!blob) return false;
  await client.query('DELETE FROM uploads WHERE account_id = $1 AND id = $2', [accountId, blobId]);
  await addUsage(client, accountId, 'blob_bytes', -blob.size);
  return true;
}

/** Uploads, blobs and backups on PostgreSQL (the bytes live in the blob store). Every change takes the account's row lock first. */
export function pgBlobs(pool: pg.Pool): BlobPart {
  const backupOf = async (client: pg.Pool | pg.PoolClient, accountId: string, backupId: string): Promise<BackupDbRow | undefined> =>
    (await client.query<BackupDbRow>('SELECT * FROM backups WHERE account_id = $1 AND id = $2', [accountId, backupId])).rows[0];

  return {
    createUpload: (row, quotaBytes) =>
      inTransaction(pool, async (client) => {
        if (wouldExceed(await lockAccount(client, row.accountId), row.totalSize, quotaBytes)) return 'quota-exceeded' as const;
        await client.query('INSERT INTO uploads (id, account_id, total_size, created_at) VALUES ($1, $2, $3, $4)', [
          row.id,
          row.accountId,
          row.totalSize,
          row.createdAt,
        ]);
        await addUsage(client, row.accountId, 'reserved_bytes', row.totalSize);
        return 'created' as const;
      }),
    getUpload: async (accountId, uploadId) => {
      const { rows } = await pool.query<{ id: string; account_id: string; total_size: number; created_at: number; completed_at: number | null }>(
        'SELECT * FROM uploads WHERE account_id = $1 AND id = $2',
        [accountId, uploadId],
      );
      const row = rows[0];
      return row
        ? ({ id: row.id, accountId: row.account_id, totalSize: row.total_size, createdAt: row.created_at, completedAt: row.completed_at } satisfies UploadRow)
        : null;
    },
    completeUpload: (accountId, uploadId, blob) =>
      inTransaction(pool, async (client) => {
        await lockAccount(client, accountId);
        const reserved = await openUploadSize(client, accountId, uploadId);
        if (reserved === null) return;
        await client.query('UPDATE uploads SET completed_at = $3 WHERE account_id = $1 AND id = $2', [accountId, uploadId, blob.createdAt]);
        await client.query('INSERT INTO blobs (id, account_id, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5)', [
          blob.id,
          accountId,
          blob.size,
          blob.sha256,
          blob.createdAt,
        ]);
        await addUsage(client, accountId, 'reserved_bytes', -reserved);
        await addUsage(client, accountId, 'blob_bytes', blob.size);
      }),
    deleteUpload: (accountId, uploadId) =>
      inTransaction(pool, async (client) => {
        await lockAccount(client, accountId);
        const reserved = await openUploadSize(client, accountId, uploadId);
        if (reserved === null) return;
        await client.query('DELETE FROM uploads WHERE account_id = $1 AND id = $2', [accountId, uploadId]);
        await addUsage(client, accountId, 'reserved_bytes', -reserved);
      }),
    getBlob: async (accountId, blobId) => {
      const { rows } = await pool.query<{ id: string; account_id: string; size: number; sha256: string; created_at: number }>(
        'SELECT * FROM blobs WHERE account_id = $1 AND id = $2',
        [accountId, blobId],
      );
      const row = rows[0];
      return row ? ({ id: row.id, accountId: row.account_id, size: row.size, sha256: row.sha256, createdAt: row.created_at } satisfies BlobRow) : null;
    },
    deleteBlob: (accountId, blobId) =>
      inTransaction(pool, async (client) => {
        await lockAccount(client, accountId);
        const used = await client.query('SELECT 1 FROM backups WHERE account_id = $1 AND blob_id = $2 LIMIT 1', [accountId, blobId]);
        if (used.rowCount) return 'in-use' as const;
        return (await removeBlobRow(client, accountId, blobId)) ? ('deleted' as const) : ('not-found' as const);
      }),
    createBackup: (row, quotaBytes) =>
      inTransaction(pool, async (client) => {
        const usage = await lockAccount(client, row.accountId);
        const blob = await client.query('SELECT 1 FROM blobs WHERE account_id = $1 AND id = $2', [row.accountId, row.blobId]);
        if (!blob.rowCount) return 'blob-missing' as const;
        if (row.parentId !== null && !(await backupOf(client, row.accountId, row.parentId))) return 'parent-missing' as const;
        const size = row.manifestCiphertext.byteLength;
        if (wouldExceed(usage, size, quotaBytes)) return 'quota-exceeded' as const;
        await client.query(
          'INSERT INTO backups (id, account_id, blob_id, kind, parent_id, manifest, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [row.id, row.accountId, row.blobId, row.kind, row.parentId, toBuffer(row.manifestCiphertext), row.createdAt],
        );
        await addUsage(client, row.accountId, 'backup_bytes', size);
        return 'created' as const;
      }),
    listBackups: async (accountId) =>
      (await pool.query<BackupDbRow>('SELECT * FROM backups WHERE account_id = $1 ORDER BY created_at, id', [accountId])).rows.map(toBackup),
    getBackup: async (accountId, backupId) => {
      const row = await backupOf(pool, accountId, backupId);
      return row ? toBackup(row) : null;
    },
    deleteBackup: (accountId, backupId) =>
      inTransaction(pool, async (client) => {
        await lockAccount(client, accountId);
        const backup = await backupOf(client, accountId, backupId);
        if (!backup) return null;
        // Incremental backups built on this one lose their parent link rather than their data.
        await client.query('UPDATE backups SET parent_id = NULL WHERE account_id = $1 AND parent_id = $2', [accountId, backupId]);
        await client.query('DELETE FROM backups WHERE account_id = $1 AND id = $2', [accountId, backupId]);
        await addUsage(client, accountId, 'backup_bytes', -backup.manifest.byteLength);
        const stillUsed = await client.query('SELECT 1 FROM backups WHERE account_id = $1 AND blob_id = $2 LIMIT 1', [accountId, backup.blob_id]);
        const blobRemoved = stillUsed.rowCount ? false : await removeBlobRow(client, accountId, backup.blob_id);
        return { blobId: backup.blob_id, blobRemoved };
      }),
  };
}
