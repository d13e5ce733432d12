import type Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../../shared/cloud/records';
import type { FeedEntry, FeedHead, MetadataStore, PutOptions, PutRecordsResult, RecordOutcome, RecordWrite } from '../metadata-store';
import { addUsage, readUsage, totalOf, wouldExceed } from './sqlite-usage';

type RecordPart = Pick<MetadataStore, 'putRecords' | 'readFeed'>;

interface Classified {
  write: RecordWrite;
  outcome: RecordOutcome | null;
  /** Bytes this write adds (negative when the new version is smaller). */
  delta: number;
}

/** Records and the hash-chained feed on SQLite. */
export function sqliteRecords(db: Database.Database): RecordPart {
  const currentOf = db.prepare('SELECT version, length(ciphertext) AS size FROM records WHERE account_id = ? AND id = ?');
  const feedEntryOf = db.prepare('SELECT seq, ciphertext_hash FROM feed WHERE account_id = ? AND record_id = ? AND version = ?');
  const headOf = db.prepare('SELECT seq, hash FROM feed_heads WHERE account_id = ?');
  const upsertRecord = db.prepare(
    `INSERT INTO records (account_id, id, version, ciphertext, ciphertext_hash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(account_id, id) DO UPDATE SET version = excluded.version, ciphertext = excluded.ciphertext, ciphertext_hash = excluded.ciphertext_hash`,
  );
  const insertFeed = db.prepare(
    'INSERT INTO feed (account_id, seq, record_id, version, ciphertext_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const upsertHead = db.prepare(
    `INSERT INTO feed_heads (account_id, seq, hash) VALUES (?, ?, ?)
     ON CONFLICT(account_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
  );

  const head = (accountId: string, genesis: string): FeedHead =>
    (headOf.get(accountId) as FeedHead | undefined) ?? { seq: 0, hash: genesis };

  /** A write is accepted (null outcome, to be applied), a replay of an accepted one, or a conflict. */
  const classify = (accountId: string, write: RecordWrite): Classified => {
    const current = currentOf.get(accountId, write.id) as { version: number; size: number } | undefined;
    const currentVersion = current?.version ?? 0;
    if (write.version === currentVersion + 1) {
      return { write, outcome: null, delta: write.ciphertext.byteLength - (current?.size ?? 0) };
    }
    if (write.version <= currentVersion) {
      const earlier = feedEntryOf.get(accountId, write.id, write.version) as { seq: number; ciphertext_hash: string } | undefined;
      if (earlier && earlier.ciphertext_hash === write.ciphertextHash) {
        return { write, outcome: { id: write.id, status: 'accepted', version: write.version, seq: earlier.seq }, delta: 0 };
      }
    }
    return { write, outcome: { id: write.id, status: 'conflict', currentVersion }, delta: 0 };
  };

  const put = db.transaction((accountId: string, writes: RecordWrite[], options: PutOptions): PutRecordsResult => {
    const classified = writes.map((write) => classify(accountId, write));
    const delta = classified.reduce((sum, item) => sum + item.delta, 0);
    const usage = readUsage(db, accountId);
    if (wouldExceed(usage, delta, options.quotaBytes)) {
      return { ok: false, reason: 'quota-exceeded', usedBytes: totalOf(usage), neededBytes: delta };
    }
    let { seq, hash } = head(accountId, options.chain.genesis);
    const results = classified.map(({ write, outcome }): RecordOutcome => {
      if (outcome) return outcome;
      seq += 1;
      hash = options.chain.next(hash, seq, write.id, write.version, write.ciphertextHash);
      upsertRecord.run(accountId, write.id, write.version, Buffer.from(write.ciphertext), write.ciphertextHash);
      insertFeed.run(accountId, seq, write.id, write.version, write.ciphertextHash, hash);
      return { id: write.id, status: 'accepted', version: write.version, seq };
    });
    upsertHead.run(accountId, seq, hash);
    addUsage(db, accountId, 'record_bytes', delta);
    return { ok: true, results, head: { seq, hash } };
  });

  const readPage = db.prepare(
    `SELECT f.seq, f.record_id, f.version, f.ciphertext_hash, f.chain_hash, r.ciphertext
     FROM feed f LEFT JOIN records r ON r.account_id = f.account_id AND r.id = f.record_id AND r.version = f.version
     WHERE f.account_id = ? AND f.seq > ? ORDER BY f.seq LIMIT ?`,
  );
  // Head and page in one read transaction, so the head is never behind the page.
  const read = db.transaction((accountId: string, afterSeq: number, limit: number, genesis: string) => {
    const rows = readPage.all(accountId, afterSeq, limit) as Array<{
      seq: number;
      record_id: string;
      version: number;
      ciphertext_hash: string;
      chain_hash: string;
      ciphertext: Buffer | null;
    }>;
    const entries = rows.map(
      (row): FeedEntry => ({
        seq: row.seq,
        id: row.record_id,
        version: row.version,
        ciphertextHash: row.ciphertext_hash,
        chainHash: row.chain_hash,
        ciphertext: row.ciphertext ? new Uint8Array(row.ciphertext) : null,
      }),
    );
    return { entries, head: head(accountId, genesis) };
  });

  return {
    putRecords: async (accountId, writes, options) => put.immediate(accountId, writes, options),
    readFeed: async (accountId, afterSeq, limit) => read(accountId, afterSeq, limit, GENESIS_HASH),
  };
}
