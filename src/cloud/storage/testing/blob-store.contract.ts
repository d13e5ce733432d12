import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecksumMismatchError, ChunkTooLargeError, OffsetMismatchError, type BlobStore } from '../blob-store';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const streamOf = (bytes: Uint8Array): Readable => Readable.from([Buffer.from(bytes)]);

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A blob store under test and how to throw it away. */
export interface BlobStoreFixture {
  store: BlobStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every BlobStore adapter owes the endpoint (folder now; S3 next): run it from
 * each adapter's test file with a factory that makes an empty store.
 */
export function describeBlobStoreContract(name: string, make: () => Promise<BlobStoreFixture>): void {
  describe(`${name}: blob store contract`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('lets only one of two racing chunks at the same offset in', async () => {
      const outcomes = await Promise.allSettled([
        store.appendChunk('acct/up', 0, streamOf(randomBytes(100)), 1000),
        store.appendChunk('acct/up', 0, streamOf(randomBytes(100)), 1000),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(OffsetMismatchError);
      expect(await store.uploadOffset('acct/up')).toBe(100);
    });

    it('keeps nothing of a chunk that is too large or whose stream fails', async () => {
      await expect(store.appendChunk('acct/up', 0, streamOf(randomBytes(11)), 10)).rejects.toBeInstanceOf(ChunkTooLargeError);
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(50));
          this.destroy(new Error('connection reset'));
        },
      });
      await expect(store.appendChunk('acct/up', 0, failing, 1000)).rejects.toThrow('connection reset');
      expect(await store.uploadOffset('acct/up')).toBe(0);
      // The upload carries on from 0 as if the failed chunks never came.
      expect(await store.appendChunk('acct/up', 0, streamOf(randomBytes(10)), 1000)).toBe(10);
    });

    it('publishes the blob only when the checksum matches, then serves ranges', async () => {
      const bytes = randomBytes(300);
      await store.appendChunk('acct/up', 0, streamOf(bytes.subarray(0, 120)), 1000);
      await store.appendChunk('acct/up', 120, streamOf(bytes.subarray(120)), 1000);
      await expect(store.complete('acct/up', 'acct/blob', sha(randomBytes(3)))).rejects.toBeInstanceOf(ChecksumMismatchError);
      await expect(store.read('acct/blob')).rejects.toThrow();
      expect(await store.complete('acct/up', 'acct/blob', sha(bytes))).toEqual({ size: 300, sha256: sha(bytes) });
      expect((await readAll(await store.read('acct/blob'))).equals(bytes)).toBe(true);
      expect((await readAll(await store.read('acct/blob', { start: 10, end: 19 }))).equals(bytes.subarray(10, 20))).toBe(true);
      await store.delete('acct/blob');
      await store.delete('acct/blob');
      await expect(store.read('acct/blob')).rejects.toThrow();
    });
  });
}
