/**
 * `npm run cloud`: the Nova cloud endpoint with SQLite + a folder under `CLOUD_DATA_DIR`.
 * Configuration is read from the environment (see config.ts and the README).
 */
import pino from 'pino';
import { loadCloudConfig } from './config';
import { startCloudServer } from './server';

async function main(): Promise<void> {
  const log = pino({ name: 'nova-cloud' });
  const config = loadCloudConfig(process.env);
  const cloud = await startCloudServer({ config, log });
  log.info({ url: cloud.url, dataDir: config.dataDir, defaultTier: config.defaultTier, billing: config.stripe !== null }, 'nova cloud endpoint listening');
  const stop = (signal: string): void => {
    log.info({ signal }, 'stopping');
    void cloud.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
