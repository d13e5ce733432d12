import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BlobStore } from './blob-store';
import { createFolderBlobStore } from './folder/folder-blob.store';
import type { MetadataStore } from './metadata-store';
import { createPgMetadataStore } from './postgres/pg-metadata.store';
import { createS3BlobStore } from './s3/s3-blob.store';
import { createS3Client } from './s3/s3-client';
import { createSqliteMetadataStore } from './sqlite/sqlite-metadata.store';
import type { StorageConfig } from './storage-config';

/** How often the S3 store looks for abandoned uploads. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface ConfiguredStorage {
  store: MetadataStore;
  blobs: BlobStore;
  /** What was chosen, for the start-up log line. */
  kind: { metadata: 'postgres' | 'sqlite'; blobs: 's3' | 'folder' };
  /** Stops the background sweep (the server closes the metadata store itself). */
  stop(): void;
}

/**
 * Opens the storage the configuration names: PostgreSQL (migrated before it answers) or SQLite
 * in `dataDir`, S3 or a folder in `dataDir`. With S3, uploads left untouched for
 * `staleUploadMs` are discarded hourly (a bucket lifecycle rule for incomplete multipart uploads
 * is still advised: see the README).
 */
export async function openConfiguredStorage(config: StorageConfig, dataDir: string, onSweepError: (error: unknown) => void): Promise<ConfiguredStorage> {
  mkdirSync(dataDir, { recursive: true });
  const store = config.postgres
    ? await createPgMetadataStore({ connectionString: config.postgres.connectionString, poolSize: config.postgres.poolSize })
    : createSqliteMetadataStore(path.join(dataDir, 'metadata.sqlite'));
  if (!config.s3) {
    return { store, blobs: createFolderBlobStore(path.join(dataDir, 'blobs')), kind: { metadata: config.postgres ? 'postgres' : 'sqlite', blobs: 'folder' }, stop: () => undefined };
  }
  const s3 = config.s3;
  const spoolDir = path.join(dataDir, 's3-spool');
  // Chunks half-received when a previous run died: never sent, so nothing refers to them.
  rmSync(spoolDir, { recursive: true, force: true });
  const blobs = createS3BlobStore({
    client: createS3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: s3.forcePathStyle, credentials: s3.credentials }),
    bucket: s3.bucket,
    prefix: s3.prefix,
    partBytes: s3.partBytes,
    spoolDir,
  });
  const sweep = setInterval(() => {
    blobs.abortStaleUploads(s3.staleUploadMs, Date.now()).catch(onSweepError);
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  return { store, blobs, kind: { metadata: config.postgres ? 'postgres' : 'sqlite', blobs: 's3' }, stop: () => clearInterval(sweep) };
}
