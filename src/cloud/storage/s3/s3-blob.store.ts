import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobStore, ChecksumMismatchError, ChunkTooLargeError, OffsetMismatchError } from '../blob-store';
import { ResumableSha256 } from './resumable-sha256';
import { deleteKeys, getStream, isMissing, listAll } from './s3-objects';
import { type LoadedUpload, loadUpload, saveUploadState, uploadLayout, type UploadState } from './s3-upload-state';
import { keyedLock } from '../keyed-lock';

/** S3's smallest part (all but the last part of a multipart upload). */
export const S3_MIN_PART_BYTES = 5 * 1024 * 1024;
/** 8 MiB parts × S3's 10,000 parts reach 78 GiB, above the largest blob (64 GiB). */
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}\/[A-Za-z0-9_-]{1,128}$/;

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** Prepended to every object key (e.g. `nova/`), so the bucket can hold other things. */
  prefix?: string;
  /** Bytes gathered before a part is sent (≥ 5 MiB, S3's minimum for all but the last part). */
  partBytes?: number;
  /** Where an incoming chunk is written before it goes to S3 (its length must be known up front). */
  spoolDir?: string;
}

/** The S3 blob store, plus the sweep of abandoned uploads. */
export interface S3BlobStore extends BlobStore {
  /** Discards uploads untouched for `olderThanMs` (aborting their multipart uploads); returns how many. */
  abortStaleUploads(olderThanMs: number, now: number): Promise<number>;
}

/**
 * The blob store on S3-compatible object storage. An upload is an S3 multipart upload of the
 * object under its own key (the endpoint publishes a blob under its upload's key): a client chunk smaller than a part is kept as a `pending/<offset>` object until
 * the pending bytes reach `partBytes`, then they and the new chunk go up as one part, so the
 * client's chunk size need not match S3's part rules. The SHA-256 is computed while the bytes
 * stream into parts (its state saved with the parts in `state.json`, so it survives a restart);
 * `complete` compares it before completing the multipart upload, and only completion makes the
 * object exist. Appends to one upload are serialised within this process.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): S3BlobStore {
  const { client, bucket } = options;
  const prefix = options.prefix ?? '';
  const partBytes = Math.max(options.partBytes ?? DEFAULT_PART_BYTES, S3_MIN_PART_BYTES);
  const spoolDir = options.spoolDir ?? path.join(os.tmpdir(), 'nova-cloud-s3-spool');
  const blobObject = (key: string): string => `${prefix}blobs/${checkKey(key)}`;
  const load = (key: string): Promise<LoadedUpload> => loadUpload(client, bucket, prefix, checkKey(key));
  const save = (key: string, state: UploadState): Promise<void> => saveUploadState(client, bucket, prefix, key, state);
  const withLock = keyedLock();

  /** Sends `sources` (read in order) as the next part, hashing them; returns the state that records it (not yet saved). */
  const sendPart = async (key: string, upload: LoadedUpload, sources: Array<() => Promise<Readable>>, size: number): Promise<UploadState> => {
    let state = upload.state;
    if (!state.multipartId) {
      const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: blobObject(key) }));
      state = { ...state, multipartId: created.UploadId ?? null };
      await save(key, state);
    }
    const hasher = new ResumableSha256(state.hash ?? undefined);
    const number = state.parts.length + 1;
    const answer = await client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: blobObject(key),
        UploadId: state.multipartId!,
        PartNumber: number,
        Body: Readable.from(concatenate(sources, hasher)),
        ContentLength: size,
      }),
    );
    return { ...state, parts: [...state.parts, { number, size, etag: answer.ETag ?? '' }], hash: hasher.save() };
  };
  const pendingSources = (upload: LoadedUpload): Array<() => Promise<Readable>> =>
    upload.pending.map((chunk) => () => getStream(client, bucket, chunk.key));
  const exists = async (objectKey: string, size: number): Promise<boolean> => {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }))).ContentLength === size;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  };
  /**
   * Completes the multipart upload (the bytes already matched the checksum). Idempotent: a
   * completion retried after a crash finds the object there and does not complete again. A blob
   * key other than the upload's (the endpoint always uses the same) is a server-side copy, which
   * S3 allows up to 5 GiB.
   */
  const finish = async (key: string, blobKey: string, state: UploadState): Promise<{ size: number; sha256: string }> => {
    const done = state.completing!;
    if (await exists(blobObject(blobKey), done.size)) return done;
    if (!(await exists(blobObject(key), done.size))) {
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: blobObject(key),
          UploadId: state.multipartId!,
          MultipartUpload: { Parts: state.parts.map((part) => ({ PartNumber: part.number, ETag: part.etag })) },
        }),
      );
    }
    if (blobKey !== key) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: blobObject(blobKey), CopySource: `${bucket}/${blobObject(key)}` }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blobObject(key) }));
    }
    return done;
  };

  const discard = async (key: string): Promise<void> => {
    const upload = await load(key);
    if (upload.state.multipartId && !upload.state.completing) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: blobObject(key), UploadId: upload.state.multipartId }))
        .catch((error: unknown) => {
          if (!isMissing(error) && !(error instanceof Error && error.name === 'NoSuchUpload')) throw error;
        });
    }
    const objects = await listAll(client, bucket, uploadLayout(prefix, key).dir);
    await deleteKeys(client, bucket, objects.map((object) => object.key));
  };

  return {
    async ping() {
      const probe = `${prefix}health/probe-${randomBytes(6).toString('hex')}`;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: probe, Body: 'ok' }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: probe }));
    },
    uploadOffset: async (key) => (await load(key)).offset,
    appendChunk: (key, offset, body, maxBytes) =>
      withLock(key, async () => {
        const upload = await load(key);
        if (offset !== upload.offset || upload.state.completing) {
          body.resume();
          throw new OffsetMismatchError(upload.offset);
        }
        const spooled = await spool(body, spoolDir, maxBytes);
        try {
          if (spooled.size === 0) return upload.offset;
          const pendingBytes = upload.offset - upload.partsEnd;
          if (pendingBytes + spooled.size < partBytes) {
            await client.send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: uploadLayout(prefix, key).pending(offset),
                Body: createReadStream(spooled.file),
                ContentLength: spooled.size,
              }),
            );
            return offset + spooled.size;
          }
          const sources = [...pendingSources(upload), async () => createReadStream(spooled.file)];
          await save(key, await sendPart(key, upload, sources, pendingBytes + spooled.size));
          await deleteKeys(client, bucket, [...upload.pending.map((chunk) => chunk.key), ...upload.stale]);
          return offset + spooled.size;
        } finally {
          await rm(spooled.file, { force: true });
        }
      }),
    complete: (key, blobKey, expectedSha256) =>
      withLock(key, async () => {
        const upload = await load(key);
        if (upload.state.completing) {
          if (upload.state.completing.sha256 !== expectedSha256) throw new ChecksumMismatchError(upload.state.completing.sha256);
          return finish(key, blobKey, upload.state);
        }
        if (!upload.state.multipartId) return putSmall(blobKey, upload, expectedSha256);
        let state = upload.state;
        if (upload.pending.length > 0) state = await sendPart(key, upload, pendingSources(upload), upload.offset - upload.partsEnd);
        const sha256 = new ResumableSha256(state.hash ?? undefined).digestHex();
        // On a mismatch the state is not saved: a last part just sent is invisible and the pending chunks stay.
        if (sha256 !== expectedSha256) throw new ChecksumMismatchError(sha256);
        state = { ...state, completing: { sha256, size: upload.offset } };
        await save(key, state);
        return finish(key, blobKey, state);
      }),
    discardUpload: (key) => withLock(key, () => discard(key)),
    read: async (blobKey, range) => getStream(client, bucket, blobObject(blobKey), range ? `bytes=${range.start}-${range.end}` : undefined),
    delete: async (blobKey) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blobObject(blobKey) }));
    },
    async abortStaleUploads(olderThanMs, now) {
      const newest = new Map<string, number>();
      for (const object of await listAll(client, bucket, `${prefix}uploads/`)) {
        const [account, upload] = object.key.slice(`${prefix}uploads/`.length).split('/');
        const key = `${account}/${upload}`;
        newest.set(key, Math.max(newest.get(key) ?? 0, object.lastModified));
      }
      const stale = [...newest].filter(([, at]) => at < now - olderThanMs).map(([key]) => key);
      for (const key of stale) await withLock(key, () => discard(key));
      return stale.length;
    },
  };

  /** An upload that never reached a part's size: its pending chunks become the object in one put. */
  async function putSmall(blobKey: string, upload: LoadedUpload, expectedSha256: string): Promise<{ size: number; sha256: string }> {
    const pieces: Buffer[] = [];
    for (const source of pendingSources(upload)) pieces.push(Buffer.concat(await (await source()).toArray()));
    const bytes = Buffer.concat(pieces);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== expectedSha256) throw new ChecksumMismatchError(sha256);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: blobObject(blobKey), Body: bytes, ContentLength: bytes.byteLength }));
    return { size: bytes.byteLength, sha256 };
  }
}

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not a blob key: ${JSON.stringify(key)}`);
  return key;
}

/** The sources' bytes in order, each fed to `hasher` as it passes. */
async function* concatenate(sources: Array<() => Promise<Readable>>, hasher: ResumableSha256): AsyncGenerator<Buffer> {
  for (const source of sources) {
    for await (const bytes of await source()) {
      hasher.update(bytes as Buffer);
      yield bytes as Buffer;
    }
  }
}

/** Writes the chunk to a temporary file (at most `maxBytes`), so its length is known before it is sent. */
async function spool(body: Readable, dir: string, maxBytes: number): Promise<{ file: string; size: number }> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomBytes(8).toString('hex')}.chunk`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size > maxBytes) callback(new ChunkTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(file));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { file, size };
}

