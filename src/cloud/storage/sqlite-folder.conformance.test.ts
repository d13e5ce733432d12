import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describeBlobStore } from '../testing/blob-store.conformance';
import { describeMetadataStore } from '../testing/metadata-store.conformance';
import { createFolderBlobStore } from './folder/folder-blob.store';
import { createSqliteMetadataStore } from './sqlite/sqlite-metadata.store';

// The development adapters run the same conformance cases as the production ones.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-cloud-conformance-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeMetadataStore('SQLite', async () => createSqliteMetadataStore(path.join(dir, 'metadata.sqlite')));
describeBlobStore('folder', async () => createFolderBlobStore(path.join(dir, 'blobs')));
