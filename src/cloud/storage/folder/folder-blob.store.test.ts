import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBlobStoreContract } from '../testing/blob-store.contract';
import { createFolderBlobStore } from './folder-blob.store';

describeBlobStoreContract('folder', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'nova-blob-store-'));
  return {
    store: createFolderBlobStore(root),
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('folder blob store on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'nova-blob-store-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves no file of a failed chunk behind', async () => {
    const store = createFolderBlobStore(root);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(50));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.appendChunk('acct/up', 0, failing, 1000)).rejects.toThrow('connection reset');
    expect(readdirSync(path.join(root, 'uploads', 'acct', 'up'))).toEqual([]);
  });

  it('assembles an upload of many chunks whole, in order, with no listener leak warning', async () => {
    const store = createFolderBlobStore(root);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const pieces = Array.from({ length: 24 }, (_, i) => Buffer.alloc(1000 + i, i));
      let offset = 0;
      for (const piece of pieces) offset = await store.appendChunk('acct/many', offset, Readable.from([piece]), piece.length);
      const whole = Buffer.concat(pieces);
      const sha256 = createHash('sha256').update(whole).digest('hex');
      expect(await store.complete('acct/many', 'acct/blob', sha256)).toEqual({ size: whole.length, sha256 });
      const read: Buffer[] = [];
      for await (const bytes of await store.read('acct/blob')) read.push(bytes as Buffer);
      expect(Buffer.concat(read).equals(whole)).toBe(true);
      // A warning is emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('refuses keys that could leave its folder', async () => {
    const store = createFolderBlobStore(root);
    await expect(store.uploadOffset('../etc')).rejects.toThrow(/Not a blob key/);
    await expect(store.read('acct/../../x')).rejects.toThrow(/Not a blob key/);
  });
});
