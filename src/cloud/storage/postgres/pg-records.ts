import type pg from 'pg';
import { GENESIS_HASH } from '../../../shared/cloud/records';
import type { FeedEntry, FeedHead, MetadataStore, PutOptions, PutRecordsResult, RecordOutcome, RecordWrite } from '../metadata-store';
import { fromBytea, inTransaction, lockAccount, toBuffer, totalOf, wouldExceed } from './pg-pool';

type RecordPart = Pick<MetadataStore, 'putRecords' | 'readFeed'>;


interface StoredState {
  ord: number;
  current_version: number | null;
  current_size: number | null;
  earlier_seq: number | null;
  earlier_hash: string | null;
}

interface Classified {
  write: RecordWrite;
  outcome: RecordOutcome | null;
  delta: number;
}

/** Per write: accepted (null outcome, to apply), an idempotent replay of an accepted write, or a conflict — against the state before the batch, as on SQLite. */
function classify(write: RecordWrite, stored: StoredState | undefined): Classified {
  const currentVersion = stored?.current_version ?? 0;
  if (write.version === currentVersion + 1) {
    return { write, outcome: null, delta: write.ciphertext.byteLength - (stored?.current_size ?? 0) };
  }
  if (write.version <= currentVersion && stored?.earlier_seq != null && stored.earlier_hash === write.ciphertextHash) {
    return { write, outcome: { id: write.id, status: 'accepted', version: write.version, seq: stored.earlier_seq }, delta: 0 };
  }
  return { write, outcome: { id: write.id, status: 'conflict', currentVersion }, delta: 0 };
}

// Read after the lock, in a statement of its own: under READ COMMITTED a statement that waited
// for a row lock re-reads only the locked row, so a head joined into the locking statement could
// be the one from before the previous batch committed.
const HEAD = 'SELECT seq, hash FROM feed_heads WHERE account_id = $1';

const STORED_STATE = `SELECT w.ord::int AS ord, r.version AS current_version, r.size AS current_size,
    f.seq AS earlier_seq, f.ciphertext_hash AS earlier_hash
  FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS w (id, version, ord)
  LEFT JOIN records r ON r.account_id = $1 AND r.id = w.id
  LEFT JOIN feed f ON f.account_id = $1 AND f.record_id = w.id AND f.version = w.version`;

// The accepted writes, their feed entries, the head and the usage counter in one statement.
const APPLY = `WITH rec AS (
    INSERT INTO records (account_id, id, version, size, ciphertext, ciphertext_hash)
    SELECT $1::text, * FROM unnest($2::text[], $3::int[], $4::bigint[], $5::bytea[], $6::text[])
    ON CONFLICT (account_id, id) DO UPDATE SET version = excluded.version, size = excluded.size,
      ciphertext = excluded.ciphertext, ciphertext_hash = excluded.ciphertext_hash),
  fd AS (
    INSERT INTO feed (account_id, seq, record_id, version, ciphertext_hash, chain_hash)
    SELECT $1::text, * FROM unnest($7::bigint[], $2::text[], $3::int[], $6::text[], $8::text[])),
  hd AS (
    INSERT INTO feed_heads (account_id, seq, hash) VALUES ($1::text, $9, $10)
    ON CONFLICT (account_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash)
  UPDATE usage SET record_bytes = record_bytes + $11 WHERE account_id = $1::text`;

const READ_PAGE = `SELECT h.seq AS head_seq, h.hash AS head_hash, p.*
  FROM (SELECT 1) AS one
  LEFT JOIN feed_heads h ON h.account_id = $1
  LEFT JOIN LATERAL (
    SELECT f.seq, f.record_id, f.version, f.ciphertext_hash, f.chain_hash, r.ciphertext
    FROM feed f LEFT JOIN records r ON r.account_id = f.account_id AND r.id = f.record_id AND r.version = f.version
    WHERE f.account_id = $1 AND f.seq > $2 ORDER BY f.seq LIMIT $3) AS p ON true
  ORDER BY p.seq`;

/** Records and the hash-chained feed on PostgreSQL. */
export function pgRecords(pool: pg.Pool): RecordPart {
  const put = (accountId: string, writes: RecordWrite[], options: PutOptions): Promise<PutRecordsResult> =>
    inTransaction(pool, async (client) => {
      // The account's row lock: concurrent batches on one account queue here, so each reads
      // the head the previous one wrote and the seq stays gap-free and the chain unbroken.
      const usage = await lockAccount(client, accountId);
      const head = (await client.query<FeedHead>(HEAD, [accountId])).rows[0];
      const stored = await client.query<StoredState>(STORED_STATE, [accountId, writes.map((w) => w.id), writes.map((w) => w.version)]);
      const byOrd = new Map(stored.rows.map((row) => [row.ord, row]));
      const classified = writes.map((write, index) => classify(write, byOrd.get(index + 1)));
      const delta = classified.reduce((sum, item) => sum + item.delta, 0);
      if (wouldExceed(usage, delta, options.quotaBytes)) {
        return { ok: false, reason: 'quota-exceeded', usedBytes: totalOf(usage), neededBytes: delta };
      }
      let seq = head?.seq ?? 0;
      let hash = head?.hash ?? options.chain.genesis;
      const accepted: Array<{ write: RecordWrite; seq: number; hash: string }> = [];
      const results = classified.map(({ write, outcome }): RecordOutcome => {
        if (outcome) return outcome;
        seq += 1;
        hash = options.chain.next(hash, seq, write.id, write.version, write.ciphertextHash);
        accepted.push({ write, seq, hash });
        return { id: write.id, status: 'accepted', version: write.version, seq };
      });
      if (accepted.length > 0) {
        await client.query(APPLY, [
          accountId,
          accepted.map((a) => a.write.id),
          accepted.map((a) => a.write.version),
          accepted.map((a) => a.write.ciphertext.byteLength),
          accepted.map((a) => toBuffer(a.write.ciphertext)),
          accepted.map((a) => a.write.ciphertextHash),
          accepted.map((a) => a.seq),
          accepted.map((a) => a.hash),
          seq,
          hash,
          delta,
        ]);
      }
      return { ok: true, results, head: { seq, hash } };
    });

  const read = async (accountId: string, afterSeq: number, limit: number): Promise<{ entries: FeedEntry[]; head: FeedHead }> => {
    // One statement reads the page and the head in one snapshot, so the head is never behind the page.
    const { rows } = await pool.query<{
      head_seq: number | null;
      head_hash: string | null;
      seq: number | null;
      record_id: string;
      version: number;
      ciphertext_hash: string;
      chain_hash: string;
      ciphertext: Buffer | null;
    }>(READ_PAGE, [accountId, afterSeq, limit]);
    const first = rows[0];
    const head: FeedHead = first?.head_seq != null && first.head_hash !== null ? { seq: first.head_seq, hash: first.head_hash } : { seq: 0, hash: GENESIS_HASH };
    const entries = rows
      .filter((row) => row.seq !== null)
      .map(
        (row): FeedEntry => ({
          seq: row.seq as number,
          id: row.record_id,
          version: row.version,
          ciphertextHash: row.ciphertext_hash,
          chainHash: row.chain_hash,
          ciphertext: row.ciphertext ? fromBytea(row.ciphertext) : null,
        }),
      );
    return { entries, head };
  };

  return { putRecords: put, readFeed: read };
}
