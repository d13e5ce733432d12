import pg from 'pg';
import type { Usage } from '../metadata-store';

/** Parses PostgreSQL `bigint` (OID 20) as a JS number: every count and time here stays below 2^53. */
const INT8_OID = 20;

/** A pool whose `bigint` columns come back as numbers rather than strings. */
export function createPgPool(connectionString: string, max: number): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** Runs `work` in one transaction on one pooled connection, rolling back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface UsageDbRow {
  record_bytes: number;
  blob_bytes: number;
  reserved_bytes: number;
  backup_bytes: number;
}

export function toUsage(row: UsageDbRow | undefined): Usage {
  return {
    recordBytes: row?.record_bytes ?? 0,
    blobBytes: row?.blob_bytes ?? 0,
    reservedBytes: row?.reserved_bytes ?? 0,
    backupBytes: row?.backup_bytes ?? 0,
  };
}

/**
 * Takes the account's row lock (its `usage` row, `FOR UPDATE`) and returns its counters. Every
 * transaction that changes what an account stores starts here, so two of them on one account
 * run one after the other — the feed's seq and chain and the quota checks never race — while
 * other accounts proceed in parallel.
 */
export async function lockAccount(client: pg.PoolClient, accountId: string): Promise<Usage> {
  const { rows } = await client.query<UsageDbRow>(
    'SELECT record_bytes, blob_bytes, reserved_bytes, backup_bytes FROM usage WHERE account_id = $1 FOR UPDATE',
    [accountId],
  );
  return toUsage(rows[0]);
}

export function totalOf(usage: Usage): number {
  return usage.recordBytes + usage.blobBytes + usage.reservedBytes + usage.backupBytes;
}

/** True when adding `delta` bytes would take the account above `quotaBytes` (null = unlimited). */
export function wouldExceed(usage: Usage, delta: number, quotaBytes: number | null): boolean {
  return quotaBytes !== null && delta > 0 && totalOf(usage) + delta > quotaBytes;
}

/** Byte strings as PostgreSQL `bytea` parameters. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A `bytea` column as a `Uint8Array` that owns its bytes. */
export function fromBytea(value: Buffer): Uint8Array {
  return new Uint8Array(value);
}
