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

  it('refuses keys that could leave its folder', async () => {
    const store = createFolderBlobStore(root);
    await expect(store.uploadOffset('../etc')).rejects.toThrow(/Not a blob key/);
    await expect(store.read('acct/../../x')).rejects.toThrow(/Not a blob key/);
  });
});
