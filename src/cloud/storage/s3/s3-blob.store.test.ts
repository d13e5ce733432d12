import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBlobStore } from '../../testing/blob-store.conformance';
import { startTestS3, type TestS3 } from '../../testing/s3-stand-in';
import { describeBlobStoreContract } from '../testing/blob-store.contract';
import { createS3BlobStore, S3_MIN_PART_BYTES } from './s3-blob.store';

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const body = (bytes: Uint8Array): Readable => Readable.from([Buffer.from(bytes)]);

let s3: TestS3;
let spoolDir: string;
beforeAll(async () => {
  s3 = await startTestS3();
  spoolDir = await mkdtemp(path.join(os.tmpdir(), 'nova-s3-spool-'));
});
afterAll(async () => {
  await s3?.stop();
  await rm(spoolDir, { recursive: true, force: true });
});

/** Records the size of every part sent, through the client's middleware stack. */
function recordParts(client: S3Client): number[] {
  const sizes: number[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'UploadPartCommand') sizes.push(Number((args.input as { ContentLength?: number }).ContentLength));
      return next(args);
    },
    { step: 'initialize' },
  );
  return sizes;
}

const open = (client: S3Client = s3.client()) => createS3BlobStore({ client, bucket: s3.bucket, partBytes: S3_MIN_PART_BYTES, spoolDir });

// 2 MiB client chunks over 5 MiB parts: chunks are held as pending objects and folded into parts.
describeBlobStore('S3 (s3rver)', async () => open(), { chunkBytes: 2 * MiB, largeBytes: 13 * MiB + 5 });

// The cloud endpoint's own contract, each case under a fresh key prefix (an empty store).
describeBlobStoreContract('s3', async () => ({
  store: createS3BlobStore({ client: s3.client(), bucket: s3.bucket, prefix: `t${randomBytes(6).toString('hex')}/`, partBytes: S3_MIN_PART_BYTES, spoolDir }),
  dispose: async () => undefined,
}));

describe('S3 blob store', () => {
  it('sends parts of at least 5 MiB except the last, whatever the client chunk size', async () => {
    const client = s3.client();
    const parts = recordParts(client);
    const store = open(client);
    const bytes = randomBytes(12 * MiB + 1);
    const upload = `acct/${randomBytes(6).toString('hex')}`;
    let offset = 0;
    for (const chunk of [3 * MiB, 1 * MiB, 700 * 1024, 6 * MiB, 2 * MiB]) {
      const end = Math.min(offset + chunk, bytes.byteLength);
      offset = await store.appendChunk(upload, offset, body(bytes.subarray(offset, end)), bytes.byteLength);
    }
    offset = await store.appendChunk(upload, offset, body(bytes.subarray(offset)), bytes.byteLength);
    expect(offset).toBe(bytes.byteLength);
    await store.complete(upload, upload, sha(bytes));
    expect(parts.slice(0, -1).every((size) => size >= S3_MIN_PART_BYTES)).toBe(true);
    expect(parts.reduce((sum, size) => sum + size, 0)).toBe(bytes.byteLength);
    expect(parts.length).toBeGreaterThan(1);
    expect(sha(Buffer.concat(await (await store.read(upload)).toArray()))).toBe(sha(bytes));
  });

  it('sends a part again when the endpoint died between sending it and recording it', async () => {
    const client = s3.client();
    let failStateWrites = 1;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string };
        if (context.commandName === 'PutObjectCommand' && input.Key?.endsWith('/state.json') && failStateWrites > 0) {
          // The state write after the part fails: the part is in S3 but not recorded.
          failStateWrites -= 1;
          throw new Error('endpoint killed');
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const store = open(client);
    const bytes = randomBytes(6 * MiB);
    const upload = `acct/${randomBytes(6).toString('hex')}`;
    await store.appendChunk(upload, 0, body(bytes.subarray(0, 2 * MiB)), bytes.byteLength);
    await expect(store.appendChunk(upload, 2 * MiB, body(bytes.subarray(2 * MiB)), bytes.byteLength)).rejects.toThrow('endpoint killed');
    const restarted = open();
    expect(await restarted.uploadOffset(upload)).toBe(2 * MiB);
    expect(await restarted.appendChunk(upload, 2 * MiB, body(bytes.subarray(2 * MiB)), bytes.byteLength)).toBe(6 * MiB);
    expect(await restarted.complete(upload, upload, sha(bytes))).toEqual({ size: 6 * MiB, sha256: sha(bytes) });
    expect(sha(Buffer.concat(await (await restarted.read(upload)).toArray()))).toBe(sha(bytes));
  });

  it('answers a completion retried after it succeeded, and refuses it with another checksum', async () => {
    const store = open();
    const bytes = randomBytes(5 * MiB + 10);
    const upload = `acct/${randomBytes(6).toString('hex')}`;
    await store.appendChunk(upload, 0, body(bytes), bytes.byteLength);
    const done = await store.complete(upload, upload, sha(bytes));
    expect(await store.complete(upload, upload, sha(bytes))).toEqual(done);
    await expect(store.complete(upload, upload, sha(new Uint8Array(2)))).rejects.toMatchObject({ actualSha256: sha(bytes) });
  });

  it('publishes a multipart upload under another blob key when asked (a server-side copy)', async () => {
    const store = open();
    const bytes = randomBytes(5 * MiB + 99);
    const upload = `acct/${randomBytes(6).toString('hex')}`;
    const blob = `acct/${randomBytes(6).toString('hex')}`;
    await store.appendChunk(upload, 0, body(bytes), bytes.byteLength);
    expect(await store.complete(upload, blob, sha(bytes))).toEqual({ size: bytes.byteLength, sha256: sha(bytes) });
    expect(await store.complete(upload, blob, sha(bytes))).toEqual({ size: bytes.byteLength, sha256: sha(bytes) });
    expect(sha(Buffer.concat(await (await store.read(blob)).toArray()))).toBe(sha(bytes));
    await expect(store.read(upload)).rejects.toThrow();
  });

  it('aborts uploads left untouched, with their multipart uploads, and keeps fresh ones', async () => {
    const store = open();
    const stale = `acct/${randomBytes(6).toString('hex')}`;
    await store.appendChunk(stale, 0, body(randomBytes(5 * MiB)), 6 * MiB);
    const abortedBefore = s3.aborted.length;
    expect(await store.abortStaleUploads(60_000, Date.now() + 120_000)).toBeGreaterThanOrEqual(1);
    expect(s3.aborted.length).toBeGreaterThan(abortedBefore);
    expect(await store.uploadOffset(stale)).toBe(0);
    const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `uploads/${stale}/` }));
    expect(listed.KeyCount ?? 0).toBe(0);

    const fresh = `acct/${randomBytes(6).toString('hex')}`;
    await store.appendChunk(fresh, 0, body(randomBytes(10)), 10);
    expect(await store.abortStaleUploads(60_000, Date.now())).toBe(0);
    expect(await store.uploadOffset(fresh)).toBe(10);
  });
});
