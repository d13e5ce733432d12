import type { Backup, BlobInfo, UploadStatus } from '../../../../shared/cloud/blobs';
import type { Keyring } from '../crypto';

/**
 * What the backup part needs from the cloud endpoint. {@link createHttpBackupTransport} speaks
 * the real routes; the sync engine's client may implement it instead (the lead's choice).
 * Failures are `AppError`s (see backup-errors.ts): NOT_FOUND, SYNC_SIGNED_OUT, SYNC_QUOTA_EXCEEDED,
 * RATE_LIMITED, SYNC_SERVER_FAILED, SYNC_OFFLINE (the server could not be reached), and
 * {@link OffsetMismatch} when a chunk's offset is not the upload's.
 */
export interface BackupTransport {
  /** Announces an upload of `size` bytes (the quota is checked before any byte). */
  createUpload(size: number): Promise<UploadStatus>;
  /** The upload's durable offset on the server: a resumed upload continues from there. */
  uploadStatus(uploadId: string): Promise<UploadStatus>;
  /** Appends `bytes` at `offset`; resolves with the new durable offset. */
  appendChunk(uploadId: string, offset: number, bytes: Uint8Array, signal?: AbortSignal): Promise<number>;
  /** Seals the upload as a blob; the server checks the SHA-256 of every byte. */
  completeUpload(uploadId: string, sha256: string): Promise<BlobInfo>;
  /** Registers a completed blob as a backup with its sealed manifest. */
  createBackup(input: { blobId: string; kind: 'full' | 'incremental'; parentId: string | null; manifest: Uint8Array }): Promise<Backup>;
  /** The account's backups (any order). */
  listBackups(): Promise<Backup[]>;
  getBackup(backupId: string): Promise<Backup>;
  deleteBackup(backupId: string): Promise<void>;
  /** The blob's bytes from `start` (a ranged download, so an interrupted restore resumes). */
  download(blobId: string, start: number, signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

/** Thrown by {@link BackupTransport.appendChunk} when the server is at another offset. */
export class OffsetMismatch extends Error {
  constructor(readonly currentOffset: number) {
    super(`The upload is at byte ${currentOffset}.`);
    this.name = 'OffsetMismatch';
  }
}

/** The account's unlocked keys. `keyring()` throws KEYS_LOCKED (an `AppError`) while they are locked. */
export interface BackupKeys {
  keyring(): Keyring;
}
