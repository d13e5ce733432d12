import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeMetadataStoreContract } from '../testing/metadata-store.contract';
import { createSqliteMetadataStore } from './sqlite-metadata.store';

describeMetadataStoreContract('sqlite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-meta-'));
  const store = createSqliteMetadataStore(path.join(dir, 'metadata.sqlite'));
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
