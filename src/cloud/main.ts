/**
 * `npm run cloud`: the Nova cloud endpoint with SQLite + a folder under `CLOUD_DATA_DIR`, or
 * PostgreSQL (`DATABASE_URL`) and S3-compatible storage (`S3_BUCKET`, …) in production.
 * Configuration is read from the environment (see config.ts, storage/storage-config.ts and the README).
 */
import pino from 'pino';
import { loadCloudConfig } from './config';
import { startCloudServer } from './server';
import { openConfiguredStorage } from './storage/configured-storage';
import { loadStorageConfig } from './storage/storage-config';

async function main(): Promise<void> {
  const log = pino({ name: 'nova-cloud' });
  const config = loadCloudConfig(process.env);
  const storage = await openConfiguredStorage(loadStorageConfig(process.env), config.dataDir, (error) =>
    log.warn({ error: error instanceof Error ? error.message : String(error) }, 'the sweep of stale uploads failed'),
  );
  const cloud = await startCloudServer({ config, log, store: storage.store, blobs: storage.blobs });
  log.info(
    { url: cloud.url, dataDir: config.dataDir, storage: storage.kind, defaultTier: config.defaultTier, billing: config.stripe !== null },
    'nova cloud endpoint listening',
  );
  const stop = (signal: string): void => {
    log.info({ signal }, 'stopping');
    storage.stop();
    void cloud.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
