import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  CompleteUploadRequestSchema,
  CreateUploadRequestSchema,
  MAX_CHUNK_BYTES,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  type BlobInfo,
  type UploadStatus,
} from '../../shared/cloud/blobs';
import { OpaqueIdSchema } from '../../shared/cloud/common';
import { TIER_QUOTA_BYTES } from '../../shared/cloud/tiers';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { fail } from '../http/errors';
import { jsonBody, paramOf } from '../http/validate';
import { ChecksumMismatchError, ChunkTooLargeError, OffsetMismatchError, type BlobRow, type UploadRow } from '../storage';

/** The blob store key of an account's upload or blob. */
export const blobKey = (accountId: string, id: string): string => `${accountId}/${id}`;

export function blobInfo(blob: BlobRow): BlobInfo {
  return { blobId: blob.id, size: blob.size, sha256: blob.sha256, createdAt: blob.createdAt };
}

/** Resumable uploads (tus-like): create with the size, append at offsets, ask the offset, complete with the SHA-256. */
export function registerUploadRoutes(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  const uploadOf = async (c: Context<CloudEnv>): Promise<UploadRow> => {
    const upload = await deps.store.getUpload(c.get('auth').accountId, paramOf(c, 'uploadId', OpaqueIdSchema));
    if (!upload) fail('NOT_FOUND', 'No upload by that id on this account.');
    return upload;
  };
  const statusOf = async (upload: UploadRow): Promise<UploadStatus> => ({
    uploadId: upload.id,
    size: upload.totalSize,
    offset: upload.completedAt === null ? await deps.blobs.uploadOffset(blobKey(upload.accountId, upload.id)) : upload.totalSize,
    blobId: upload.completedAt === null ? null : upload.id,
  });

  routes.post('/uploads', bodyLimit({ maxSize: 4096 }), async (c) => {
    const { size } = await jsonBody(c, CreateUploadRequestSchema);
    const auth = c.get('auth');
    const upload = { id: deps.newId(), accountId: auth.accountId, totalSize: size, createdAt: deps.clock.now() };
    if ((await deps.store.createUpload(upload, TIER_QUOTA_BYTES[auth.tier])) === 'quota-exceeded') {
      fail('QUOTA_EXCEEDED', `An upload of ${size} bytes does not fit in what the ${auth.tier} plan has left: upgrade, or free space.`);
    }
    return c.json(await statusOf({ ...upload, completedAt: null }), 201);
  });

  routes.get('/uploads/:uploadId', async (c) => {
    const status = await statusOf(await uploadOf(c));
    c.header(UPLOAD_OFFSET_HEADER, String(status.offset));
    c.header(UPLOAD_LENGTH_HEADER, String(status.size));
    c.header('Cache-Control', 'no-store');
    return c.json(status);
  });

  routes.patch('/uploads/:uploadId', async (c) => {
    const upload = await uploadOf(c);
    if (upload.completedAt !== null) fail('CONFLICT', 'This upload is complete.');
    const offset = Number(c.req.header(UPLOAD_OFFSET_HEADER));
    if (!Number.isSafeInteger(offset) || offset < 0) fail('INVALID_INPUT', `The ${UPLOAD_OFFSET_HEADER} header must be the chunk's start byte.`);
    const body = c.req.raw.body;
    if (!body) fail('INVALID_INPUT', 'The chunk has no body.');
    const maxBytes = Math.min(MAX_CHUNK_BYTES, upload.totalSize - offset);
    try {
      const next = await deps.blobs.appendChunk(
        blobKey(upload.accountId, upload.id),
        offset,
        Readable.fromWeb(body as NodeWebStream<Uint8Array>),
        Math.max(0, maxBytes),
      );
      c.header(UPLOAD_OFFSET_HEADER, String(next));
      return c.body(null, 204);
    } catch (error) {
      if (error instanceof OffsetMismatchError) {
        c.header(UPLOAD_OFFSET_HEADER, String(error.currentOffset));
        fail('OFFSET_MISMATCH', `The upload is at byte ${error.currentOffset}: resume from there.`, { currentOffset: error.currentOffset });
      }
      if (error instanceof ChunkTooLargeError) {
        fail('TOO_LARGE', `A chunk is at most ${MAX_CHUNK_BYTES} bytes and may not pass the upload's announced size.`);
      }
      throw error;
    }
  });

  routes.post('/uploads/:uploadId/complete', bodyLimit({ maxSize: 4096 }), async (c) => {
    const { sha256 } = await jsonBody(c, CompleteUploadRequestSchema);
    const upload = await uploadOf(c);
    const key = blobKey(upload.accountId, upload.id);
    if (upload.completedAt !== null) {
      const blob = await deps.store.getBlob(upload.accountId, upload.id);
      if (!blob) fail('NOT_FOUND', 'The blob of this upload was deleted.');
      if (blob.sha256 !== sha256) fail('CHECKSUM_MISMATCH', 'The blob was completed with another checksum.');
      return c.json(blobInfo(blob));
    }
    const offset = await deps.blobs.uploadOffset(key);
    if (offset !== upload.totalSize) {
      fail('OFFSET_MISMATCH', `The upload has ${offset} of its ${upload.totalSize} bytes: send the rest first.`, { currentOffset: offset });
    }
    try {
      const assembled = await deps.blobs.complete(key, key, sha256);
      const blob: BlobRow = { id: upload.id, accountId: upload.accountId, size: assembled.size, sha256: assembled.sha256, createdAt: deps.clock.now() };
      await deps.store.completeUpload(upload.accountId, upload.id, blob);
      await deps.blobs.discardUpload(key);
      return c.json(blobInfo(blob));
    } catch (error) {
      if (error instanceof ChecksumMismatchError) {
        // The bytes are wrong somewhere: start the upload over rather than keep a bad prefix.
        await deps.blobs.discardUpload(key);
        fail('CHECKSUM_MISMATCH', 'The uploaded bytes do not match the checksum sent: the upload restarts from byte 0.', { currentOffset: 0 });
      }
      throw error;
    }
  });

  routes.delete('/uploads/:uploadId', async (c) => {
    const upload = await uploadOf(c);
    if (upload.completedAt !== null) fail('CONFLICT', 'This upload is complete: delete its blob instead.');
    await deps.store.deleteUpload(upload.accountId, upload.id);
    await deps.blobs.discardUpload(blobKey(upload.accountId, upload.id));
    return c.body(null, 204);
  });
}
