import type pg from 'pg';
import { inTransaction } from './pg-pool';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema as numbered migrations, applied in order and never edited once released
 * (a change is a new entry). The tables mirror the SQLite adapter's; `usage` keeps the counters
 * a quota check reads and doubles as the account's row lock.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      tier TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      stripe_customer_id TEXT,
      stripe_subscription_id TEXT
    );
    CREATE INDEX accounts_stripe_customer ON accounts (stripe_customer_id);
    CREATE TABLE usage (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id),
      record_bytes BIGINT NOT NULL DEFAULT 0,
      blob_bytes BIGINT NOT NULL DEFAULT 0,
      reserved_bytes BIGINT NOT NULL DEFAULT 0,
      backup_bytes BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE devices (
      account_id TEXT NOT NULL REFERENCES accounts (id),
      device_id TEXT NOT NULL,
      name BYTEA NOT NULL,
      created_at BIGINT NOT NULL,
      last_seen_at BIGINT NOT NULL,
      revoked_at BIGINT,
      cursor BIGINT NOT NULL DEFAULT 0,
      PRIMARY KEY (account_id, device_id)
    );
    CREATE TABLE tokens (
      token_hash TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id),
      device_id TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      revoked_at BIGINT
    );
    CREATE INDEX tokens_device ON tokens (account_id, device_id);
    CREATE TABLE keyrings (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id),
      version INTEGER NOT NULL,
      blob BYTEA NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE records (
      account_id TEXT NOT NULL REFERENCES accounts (id),
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      size BIGINT NOT NULL,
      ciphertext BYTEA NOT NULL,
      ciphertext_hash TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE TABLE feed (
      account_id TEXT NOT NULL REFERENCES accounts (id),
      seq BIGINT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      ciphertext_hash TEXT NOT NULL,
      chain_hash TEXT NOT NULL,
      PRIMARY KEY (account_id, seq)
    );
    CREATE UNIQUE INDEX feed_record_version ON feed (account_id, record_id, version);
    CREATE TABLE feed_heads (
      account_id TEXT PRIMARY KEY REFERENCES accounts (id),
      seq BIGINT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE TABLE uploads (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id),
      total_size BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      completed_at BIGINT
    );
    CREATE INDEX uploads_account ON uploads (account_id);
    CREATE TABLE blobs (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id),
      size BIGINT NOT NULL,
      sha256 TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE backups (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id),
      blob_id TEXT NOT NULL REFERENCES blobs (id),
      kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
      parent_id TEXT REFERENCES backups (id),
      manifest BYTEA NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX backups_account ON backups (account_id, created_at);
    CREATE INDEX backups_blob ON backups (account_id, blob_id);
    CREATE TABLE stripe_events (
      event_id TEXT PRIMARY KEY,
      received_at BIGINT NOT NULL
    );
    `,
  },
];

/** The advisory lock the migrations take: a fixed number of this program's own ("nova" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6e6f7661;

/**
 * Applies the migrations the database has not seen, all in one transaction under a
 * transaction-scoped advisory lock: two endpoint instances starting together take turns, and
 * the second finds the work done. A failing migration rolls back whole.
 */
export async function migratePg(pool: pg.Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const fresh: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      fresh.push(migration.version);
    }
    return fresh;
  });
}
