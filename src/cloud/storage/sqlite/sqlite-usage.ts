import type Database from 'better-sqlite3';
import type { Usage } from '../metadata-store';

/** The account's usage counters (zeros for an account without a row). */
export function readUsage(db: Database.Database, accountId: string): Usage {
  const row = db.prepare('SELECT record_bytes, blob_bytes, reserved_bytes, backup_bytes FROM usage WHERE account_id = ?').get(accountId) as
    | { record_bytes: number; blob_bytes: number; reserved_bytes: number; backup_bytes: number }
    | undefined;
  return {
    recordBytes: row?.record_bytes ?? 0,
    blobBytes: row?.blob_bytes ?? 0,
    reservedBytes: row?.reserved_bytes ?? 0,
    backupBytes: row?.backup_bytes ?? 0,
  };
}

export function totalOf(usage: Usage): number {
  return usage.recordBytes + usage.blobBytes + usage.reservedBytes + usage.backupBytes;
}

/** True when adding `delta` bytes would take the account above `quotaBytes` (null = unlimited). */
export function wouldExceed(usage: Usage, delta: number, quotaBytes: number | null): boolean {
  return quotaBytes !== null && delta > 0 && totalOf(usage) + delta > quotaBytes;
}

type UsageColumn = 'record_bytes' | 'blob_bytes' | 'reserved_bytes' | 'backup_bytes';

/** Adds `delta` (may be negative) to one counter; call inside the transaction that changed the rows. */
export function addUsage(db: Database.Database, accountId: string, column: UsageColumn, delta: number): void {
  if (delta === 0) return;
  db.prepare(`UPDATE usage SET ${column} = ${column} + ? WHERE account_id = ?`).run(delta, accountId);
}
