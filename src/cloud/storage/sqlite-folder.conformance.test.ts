import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { describeMetadataStore } from '../testing/metadata-store.conformance';
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
