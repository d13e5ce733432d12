import type { MetadataStore } from '../metadata-store';
import { pgAccounts } from './pg-accounts';
import { pgBlobs } from './pg-blobs';
import { migratePg } from './pg-migrations';
import { createPgPool, toUsage, type UsageDbRow } from './pg-pool';
import { pgRecords } from './pg-records';

export interface PgMetadataOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form; `?sslmode=require` for TLS). */
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * The metadata store on PostgreSQL (production). Migrations run before the store answers; each
 * multi-row change is one transaction that first takes the account's row lock, so any number of
 * endpoint instances can share the database.
 */
export async function createPgMetadataStore(options: PgMetadataOptions): Promise<MetadataStore> {
  const pool = createPgPool(options.connectionString, options.poolSize ?? 10);
  // An idle client losing its connection (a database restart) must not crash the process; the
  // pool drops it and the next query opens a fresh one.
  pool.on('error', () => undefined);
  try {
    await migratePg(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    ...pgAccounts(pool),
    ...pgRecords(pool),
    ...pgBlobs(pool),
    getUsage: async (accountId) =>
      toUsage(
        (await pool.query<UsageDbRow>('SELECT record_bytes, blob_bytes, reserved_bytes, backup_bytes FROM usage WHERE account_id = $1', [accountId])).rows[0],
      ),
    totalStoredBytes: async () => {
      const { rows } = await pool.query<{ total: number }>('SELECT COALESCE(SUM(record_bytes + blob_bytes + backup_bytes), 0)::bigint AS total FROM usage');
      return rows[0]?.total ?? 0;
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
