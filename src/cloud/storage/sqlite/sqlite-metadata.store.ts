import Database from 'better-sqlite3';
import type { MetadataStore } from '../metadata-store';
import { sqliteAccounts } from './sqlite-accounts';
import { sqliteBlobs } from './sqlite-blobs';
import { sqliteRecords } from './sqlite-records';
import { migrateCloudDatabase } from './sqlite-schema';
import { readUsage } from './sqlite-usage';

/**
 * The metadata store on one SQLite file (development, tests, a small self-hosted endpoint).
 * WAL with `synchronous = FULL`: an answered write survives a crash of the process or the
 * machine. One process owns the file; better-sqlite3 runs each transaction synchronously, so
 * transactions never interleave.
 */
export function createSqliteMetadataStore(file: string): MetadataStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateCloudDatabase(db);
  return {
    ...sqliteAccounts(db),
    ...sqliteRecords(db),
    ...sqliteBlobs(db),
    getUsage: async (accountId) => readUsage(db, accountId),
    totalStoredBytes: async () => {
      const row = db.prepare('SELECT COALESCE(SUM(record_bytes + blob_bytes + backup_bytes), 0) AS total FROM usage').get() as { total: number };
      return row.total;
    },
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}
