import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type BlobStore, ChecksumMismatchError, ChunkTooLargeError, OffsetMismatchError } from '../storage';

/** Opens a blob store on the adapter's storage; each call is a new instance on the same storage (a "restart"). */
export type BlobStoreFactory = () => Promise<BlobStore>;

export interface BlobSuiteSizes {
  /** The client's chunk size in the large case. */
  chunkBytes: number;
  /** The large upload's size (chosen by the adapter's test to cross its internal boundaries, e.g. S3 parts). */
  largeBytes: number;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const key = (): string => `acct_${randomBytes(4).toString('hex')}/${randomBytes(8).toString('base64url')}`;
const body = (bytes: Uint8Array): Readable => Readable.from([Buffer.from(bytes)]);

async function bytesOf(stream: Promise<Readable>): Promise<Buffer> {
  return Buffer.concat(await (await stream).toArray());
}

/** A chunk stream that delivers some bytes and then fails, as a dropped connection does. */
function brokenBody(bytes: Uint8Array): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(bytes);
      throw new Error('connection reset');
    })(),
  );
}

/** The behaviour every BlobStore adapter shares (the folder and S3 adapters run the same cases). */
export function describeBlobStore(name: string, open: BlobStoreFactory, sizes: BlobSuiteSizes = { chunkBytes: 1000, largeBytes: 4500 }): void {
  describe(`BlobStore conformance: ${name}`, () => {
    it('appends chunks at the durable offset and refuses a chunk at any other offset', async () => {
      const store = await open();
      const upload = key();
      expect(await store.uploadOffset(upload)).toBe(0);
      expect(await store.appendChunk(upload, 0, body(new Uint8Array(10).fill(1)), 100)).toBe(10);
      const refused = store.appendChunk(upload, 4, body(new Uint8Array(10)), 100);
      await expect(refused).rejects.toBeInstanceOf(OffsetMismatchError);
      await expect(refused).rejects.toMatchObject({ currentOffset: 10 });
      expect(await store.appendChunk(upload, 10, body(new Uint8Array(0)), 100)).toBe(10);
      expect(await store.uploadOffset(upload)).toBe(10);
    });

    it('refuses a chunk over its byte allowance and keeps nothing of it, nor of a chunk whose stream breaks', async () => {
      const store = await open();
      const upload = key();
      await store.appendChunk(upload, 0, body(new Uint8Array(5)), 100);
      await expect(store.appendChunk(upload, 5, body(new Uint8Array(11)), 10)).rejects.toBeInstanceOf(ChunkTooLargeError);
      await expect(store.appendChunk(upload, 5, brokenBody(new Uint8Array(7)), 100)).rejects.toThrow('connection reset');
      expect(await store.uploadOffset(upload)).toBe(5);
    });

    it('completes only with the right checksum, keeping the chunks after a wrong one, then reads whole and by range', async () => {
      const store = await open();
      const upload = key();
      const bytes = randomBytes(3000);
      await store.appendChunk(upload, 0, body(bytes.subarray(0, 1200)), 5000);
      await store.appendChunk(upload, 1200, body(bytes.subarray(1200)), 5000);
      const wrong = store.complete(upload, upload, sha(new Uint8Array(1)));
      await expect(wrong).rejects.toBeInstanceOf(ChecksumMismatchError);
      await expect(wrong).rejects.toMatchObject({ actualSha256: sha(bytes) });
      await expect(bytesOf(store.read(upload))).rejects.toThrow();
      expect(await store.uploadOffset(upload)).toBe(3000);

      expect(await store.complete(upload, upload, sha(bytes))).toEqual({ size: 3000, sha256: sha(bytes) });
      await store.discardUpload(upload);
      expect(await bytesOf(store.read(upload))).toEqual(bytes);
      expect(await bytesOf(store.read(upload, { start: 1000, end: 1999 }))).toEqual(bytes.subarray(1000, 2000));
      expect(await bytesOf(store.read(upload, { start: 2990, end: 2999 }))).toEqual(bytes.subarray(2990));
    });

    it('resumes an upload after a restart, whatever the client chunk size', async () => {
      const bytes = randomBytes(sizes.largeBytes);
      const upload = key();
      let store = await open();
      let offset = 0;
      const half = Math.floor(sizes.largeBytes / sizes.chunkBytes / 2) * sizes.chunkBytes + 7;
      while (offset < half) {
        const end = Math.min(offset + sizes.chunkBytes, half);
        offset = await store.appendChunk(upload, offset, body(bytes.subarray(offset, end)), sizes.largeBytes);
      }
      store = await open();
      expect(await store.uploadOffset(upload)).toBe(half);
      while (offset < bytes.byteLength) {
        const end = Math.min(offset + sizes.chunkBytes, bytes.byteLength);
        offset = await store.appendChunk(upload, offset, body(bytes.subarray(offset, end)), sizes.largeBytes);
      }
      store = await open();
      expect(await store.complete(upload, upload, sha(bytes))).toEqual({ size: bytes.byteLength, sha256: sha(bytes) });
      await store.discardUpload(upload);
      expect(sha(await bytesOf(store.read(upload)))).toBe(sha(bytes));
      const start = sizes.largeBytes - sizes.chunkBytes - 3;
      expect(await bytesOf(store.read(upload, { start, end: start + 99 }))).toEqual(bytes.subarray(start, start + 100));
    });

    it('lets one of two racing chunks at the same offset in', async () => {
      const store = await open();
      const upload = key();
      const outcomes = await Promise.allSettled([
        store.appendChunk(upload, 0, body(new Uint8Array(8).fill(1)), 100),
        store.appendChunk(upload, 0, body(new Uint8Array(8).fill(2)), 100),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(OffsetMismatchError);
      expect(await store.uploadOffset(upload)).toBe(8);
    });

    it('discards an upload and deletes blobs (deleting a missing blob is fine)', async () => {
      const store = await open();
      const upload = key();
      await store.appendChunk(upload, 0, body(new Uint8Array(4)), 10);
      await store.discardUpload(upload);
      expect(await store.uploadOffset(upload)).toBe(0);

      const bytes = randomBytes(20);
      await store.appendChunk(upload, 0, body(bytes), 20);
      await store.complete(upload, upload, sha(bytes));
      await store.discardUpload(upload);
      await store.delete(upload);
      await store.delete(upload);
      await expect(bytesOf(store.read(upload))).rejects.toThrow();
      await store.ping();
    });
  });
}
