import type Database from 'better-sqlite3';

/**
 * The SQLite metadata schema. The cloud endpoint is its own program with its own database, so
 * it keeps plain DDL with a `user_version` rather than the desktop app's drizzle migrations.
 * Usage counters live in `usage` and change in the same transaction as the rows they count, so
 * a quota check is one row read, not a sum over every record.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    tier TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    stripe_customer_id TEXT,
    stripe_subscription_id TEXT
  );
  CREATE INDEX accounts_stripe_customer ON accounts(stripe_customer_id);
  CREATE TABLE usage (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    record_bytes INTEGER NOT NULL DEFAULT 0,
    blob_bytes INTEGER NOT NULL DEFAULT 0,
    reserved_bytes INTEGER NOT NULL DEFAULT 0,
    backup_bytes INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE devices (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    device_id TEXT NOT NULL,
    name BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    revoked_at INTEGER,
    cursor INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, device_id)
  );
  CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    device_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX tokens_device ON tokens(account_id, device_id);
  CREATE TABLE keyrings (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    version INTEGER NOT NULL,
    blob BLOB NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE records (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    ciphertext BLOB NOT NULL,
    ciphertext_hash TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  ) WITHOUT ROWID;
  CREATE TABLE feed (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    seq INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    ciphertext_hash TEXT NOT NULL,
    chain_hash TEXT NOT NULL,
    PRIMARY KEY (account_id, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX feed_record_version ON feed(account_id, record_id, version);
  CREATE TABLE feed_heads (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    total_size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    completed_at INTEGER
  );
  CREATE TABLE blobs (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE backups (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    blob_id TEXT NOT NULL REFERENCES blobs(id),
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES backups(id),
    manifest BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX backups_account ON backups(account_id, created_at);
  CREATE TABLE stripe_events (
    event_id TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL
  );
  `,
];

/** Applies the migrations the file has not seen yet, each in a transaction. */
export function migrateCloudDatabase(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.forEach((sql, index) => {
    if (index < current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  });
}
