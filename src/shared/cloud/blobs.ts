import { z } from 'zod';
import { Base64Schema, EpochMsSchema, OpaqueIdSchema, Sha256HexSchema } from './common';

/** Largest blob, in bytes (a backup of a large library with media). */
export const MAX_BLOB_BYTES = 64 * 1024 ** 3;
/** Largest chunk one `PATCH /v1/uploads/:id` carries. */
export const MAX_CHUNK_BYTES = 32 * 1024 * 1024;
/** Largest backup manifest, in bytes. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Header carrying the upload offset (the tus name): the chunk's start on PATCH, the durable offset on answers. */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
/** Header carrying an upload's total size on HEAD. */
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';

/** `POST /v1/uploads`: announces the size up front so the quota is checked before any byte. */
export const CreateUploadRequestSchema = z.object({ size: z.number().int().positive().max(MAX_BLOB_BYTES) });

/** `POST /v1/uploads` and `GET /v1/uploads/:id`. */
export const UploadStatusSchema = z.object({
  uploadId: OpaqueIdSchema,
  size: z.number().int().positive(),
  /** Durable bytes so far: the next chunk starts here. */
  offset: z.number().int().nonnegative(),
  /** Set once completed: the blob id (the same as the upload id). */
  blobId: OpaqueIdSchema.nullable(),
});
export type UploadStatus = z.infer<typeof UploadStatusSchema>;

/** `POST /v1/uploads/:id/complete`: the SHA-256 the client computed while reading its file. */
export const CompleteUploadRequestSchema = z.object({ sha256: Sha256HexSchema });

export const BlobSchema = z.object({
  blobId: OpaqueIdSchema,
  size: z.number().int().nonnegative(),
  sha256: Sha256HexSchema,
  createdAt: EpochMsSchema,
});
export type BlobInfo = z.infer<typeof BlobSchema>;

/** `POST /v1/backups`. */
export const CreateBackupRequestSchema = z.object({
  blobId: OpaqueIdSchema,
  kind: z.enum(['full', 'incremental']),
  /** The backup this incremental one builds on; null for a full backup. */
  parentId: OpaqueIdSchema.nullable(),
  /** The backup's manifest sealed by the client (base64). */
  manifest: Base64Schema,
}).refine((backup) => (backup.kind === 'full') === (backup.parentId === null), 'A full backup has no parent; an incremental one has one.');

export const BackupSchema = z.object({
  backupId: OpaqueIdSchema,
  blobId: OpaqueIdSchema,
  kind: z.enum(['full', 'incremental']),
  parentId: OpaqueIdSchema.nullable(),
  manifest: Base64Schema,
  /** The blob's size. */
  size: z.number().int().nonnegative(),
  createdAt: EpochMsSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

export const BackupListResponseSchema = z.object({ backups: z.array(BackupSchema) });
