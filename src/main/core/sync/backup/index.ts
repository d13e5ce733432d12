/**
 * Encrypted backup and restore (issue 10): full and incremental backups of the database and the
 * writer's media as encrypted packs of keyed chunks, uploaded resumably; restore into a new
 * folder or in place (after a snapshot, applied at the next start). Built against two ports —
 * {@link BackupTransport} (the endpoint) and {@link BackupKeys} (the unlocked keyring).
 */
export type { BackupKeys, BackupTransport } from './backup-ports';
export { OffsetMismatch } from './backup-ports';
export { createHttpBackupTransport, type HttpBackupTransportDeps } from './http-backup-transport';
export { createBackupRunner, BACKUP_STAGING_FOLDER, type BackupRunner, type BackupRunnerDeps, type BackupRun } from './backup-runner';
export { createRestoreRunner, RESTORE_SNAPSHOTS_FOLDER, RESTORE_STAGING_FOLDER, type RestoreOutcome, type RestoreRun, type RestoreRunner } from './restore-runner';
export { applyPendingRestore, readPendingRestore, PENDING_RESTORE_FILE, type PendingRestore } from './pending-restore';
export { BACKED_UP_FOLDERS, DB_ENTRY } from './backup-sources';
export { CHUNK_BYTES } from './pack-writer';
export { HASH_PIECE_BYTES, type StartHashWorker } from './pack-hasher';
export { UPLOAD_PIECE_BYTES } from './resumable-upload';
export {
  BACKUP_JOB_KIND,
  RESTORE_JOB_KIND,
  createBackupHandlers,
  createBackupService,
  type BackupOverrides,
  type BackupService,
  type BackupServiceDeps,
} from './backup-service';
