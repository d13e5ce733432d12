import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanResponseSchema } from '../shared/cloud/billing';
import { CloudErrorSchema } from '../shared/cloud/errors';
import {
  chainPreimage,
  FeedResponseSchema,
  GENESIS_HASH,
  KeyringResponseSchema,
  PutRecordsResponseSchema,
  type FeedEntry,
  type FeedHead,
} from '../shared/cloud/records';
import { startTestCloud, type TestCloud } from './testing/cloud-test-server';

const b64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What a client does: recompute the chain from a trusted head and refuse a break. */
function verifyChain(from: FeedHead, entries: FeedEntry[]): FeedHead {
  let head = from;
  for (const entry of entries) {
    if (entry.seq !== head.seq + 1) throw new Error(`gap at ${entry.seq}`);
    if (entry.ciphertext !== null && sha(Buffer.from(entry.ciphertext, 'base64')) !== entry.ciphertextHash) throw new Error('bad ciphertext');
    const hash = sha(chainPreimage(head.hash, entry.seq, entry.id, entry.version, entry.ciphertextHash));
    if (hash !== entry.chainHash) throw new Error(`chain broken at ${entry.seq}`);
    head = { seq: entry.seq, hash };
  }
  return head;
}

describe('cloud records, feed and keyring', () => {
  let cloud: TestCloud;
  let token: string;
  beforeEach(async () => {
    cloud = await startTestCloud();
    token = (await cloud.signUp()).token;
  });
  afterEach(async () => {
    await cloud.dispose();
  });
  const put = (records: Array<{ id: string; version: number; ciphertext: string }>) => cloud.call('POST', '/v1/records', { token, json: { records } });
  const feed = async (after: number, limit: number) => FeedResponseSchema.parse((await cloud.call('GET', `/v1/feed?after=${after}&limit=${limit}`, { token })).json);

  it('applies a batch with per-record compare-and-swap: stale ones report the current version, the rest succeed', async () => {
    const first = PutRecordsResponseSchema.parse((await put([{ id: 'a', version: 1, ciphertext: b64('a1') }, { id: 'b', version: 1, ciphertext: b64('b1') }])).json);
    expect(first.results).toEqual([
      { id: 'a', status: 'accepted', version: 1, seq: 1 },
      { id: 'b', status: 'accepted', version: 1, seq: 2 },
    ]);
    const second = await put([
      { id: 'a', version: 2, ciphertext: b64('a2') },
      { id: 'b', version: 1, ciphertext: b64('b1-other') },
      { id: 'c', version: 2, ciphertext: b64('c2') },
      { id: 'd', version: 1, ciphertext: b64('d1') },
    ]);
    expect(second.status).toBe(200);
    const body = PutRecordsResponseSchema.parse(second.json);
    expect(body.results).toEqual([
      { id: 'a', status: 'accepted', version: 2, seq: 3 },
      { id: 'b', status: 'conflict', currentVersion: 1 },
      { id: 'c', status: 'conflict', currentVersion: 0 },
      { id: 'd', status: 'accepted', version: 1, seq: 4 },
    ]);
    expect(body.head.seq).toBe(4);
  });

  it('answers a replayed write (same id, version, ciphertext) with the same result, and appends nothing', async () => {
    const batch = [{ id: 'a', version: 1, ciphertext: b64('a1') }];
    const first = PutRecordsResponseSchema.parse((await put(batch)).json);
    await put([{ id: 'a', version: 2, ciphertext: b64('a2') }]);
    const replay = PutRecordsResponseSchema.parse((await put(batch)).json);
    expect(replay.results).toEqual(first.results);
    expect(replay.head.seq).toBe(2);
    // The same id and version with other bytes is a conflict, not a replay.
    const forged = PutRecordsResponseSchema.parse((await put([{ id: 'a', version: 1, ciphertext: b64('a1-forged') }])).json);
    expect(forged.results).toEqual([{ id: 'a', status: 'conflict', currentVersion: 2 }]);
  });

  it('serves a feed whose hash chain checks across pages, with superseded versions reduced to their hash', async () => {
    for (let round = 1; round <= 3; round += 1) {
      const records = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, version: round, ciphertext: b64(randomBytes(16 + i)) }));
      expect((await put(records)).status).toBe(200);
    }
    let head: FeedHead = { seq: 0, hash: GENESIS_HASH };
    const seen: FeedEntry[] = [];
    for (;;) {
      const page = await feed(head.seq, 7);
      head = verifyChain(head, page.entries);
      seen.push(...page.entries);
      if (head.seq === page.head.seq) {
        expect(head.hash).toBe(page.head.hash);
        break;
      }
    }
    expect(seen).toHaveLength(60);
    expect(seen.filter((e) => e.version < 3).every((e) => e.ciphertext === null)).toBe(true);
    expect(seen.filter((e) => e.version === 3).every((e) => e.ciphertext !== null)).toBe(true);

    // A client holding a later head detects a page that was tampered with.
    const page = await feed(0, 5);
    const swapped = [page.entries[1]!, page.entries[0]!, ...page.entries.slice(2)];
    expect(() => verifyChain({ seq: 0, hash: GENESIS_HASH }, swapped)).toThrow();
  });

  it('counts only current versions in usage (a replaced version frees its bytes)', async () => {
    await put([{ id: 'a', version: 1, ciphertext: b64(randomBytes(1000)) }]);
    await put([{ id: 'a', version: 2, ciphertext: b64(randomBytes(300)) }]);
    const plan = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token })).json);
    expect(plan.usage.recordBytes).toBe(300);
    expect(plan.quotaBytes).toBeNull();
  });

  it('validates the batch and the feed query at the boundary', async () => {
    expect((await cloud.call('POST', '/v1/records', { token, json: { records: [] } })).status).toBe(400);
    expect((await cloud.call('GET', '/v1/feed?limit=5000', { token })).status).toBe(400);
    expect((await cloud.call('GET', '/v1/feed?after=-1', { token })).status).toBe(400);
    const huge = await cloud.call('POST', '/v1/records', {
      token,
      body: JSON.stringify({ records: [{ id: 'a', version: 1, ciphertext: 'A'.repeat(25 * 1024 * 1024) }] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(CloudErrorSchema.parse(huge.json).code).toBe('TOO_LARGE');
  });

  it('keeps accounts apart', async () => {
    await put([{ id: 'a', version: 1, ciphertext: b64('mine') }]);
    const other = await cloud.signUp();
    const theirs = FeedResponseSchema.parse((await cloud.call('GET', '/v1/feed', { token: other.token })).json);
    expect(theirs.entries).toEqual([]);
    expect(theirs.head).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('replaces the keyring only from the version the client read', async () => {
    expect((await cloud.call('GET', '/v1/keyring', { token })).status).toBe(404);
    const created = await cloud.call('PUT', '/v1/keyring', { token, json: { baseVersion: 0, blob: b64('wrapped keys v1') } });
    expect(created.json).toEqual({ version: 1 });
    const stale = await cloud.call('PUT', '/v1/keyring', { token, json: { baseVersion: 0, blob: b64('another device') } });
    expect(stale.status).toBe(409);
    expect(CloudErrorSchema.parse(stale.json)).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect((await cloud.call('PUT', '/v1/keyring', { token, json: { baseVersion: 1, blob: b64('rewrapped') } })).json).toEqual({ version: 2 });
    const keyring = KeyringResponseSchema.parse((await cloud.call('GET', '/v1/keyring', { token })).json);
    expect(Buffer.from(keyring.blob, 'base64').toString()).toBe('rewrapped');
  });
});

describe('cloud quotas and request limits by plan', () => {
  it('refuses every record write on the free plan, with nothing stored', async () => {
    const cloud = await startTestCloud({ tier: 'free' });
    try {
      const { token } = await cloud.signUp();
      const refused = await cloud.call('POST', '/v1/records', { token, json: { records: [{ id: 'a', version: 1, ciphertext: b64('x') }] } });
      expect(refused.status).toBe(507);
      expect(CloudErrorSchema.parse(refused.json).code).toBe('QUOTA_EXCEEDED');
      const feed = FeedResponseSchema.parse((await cloud.call('GET', '/v1/feed', { token })).json);
      expect(feed.entries).toEqual([]);
    } finally {
      await cloud.dispose();
    }
  });

  it.each([
    ['pro', 5 * 1024 ** 3],
    ['power', 25 * 1024 ** 3],
  ] as const)('reserves up to the %s quota for an upload and refuses one byte more', async (tier, quota) => {
    const cloud = await startTestCloud({ tier });
    try {
      const { token } = await cloud.signUp();
      const over = await cloud.call('POST', '/v1/uploads', { token, json: { size: quota + 1 } });
      expect(over.status).toBe(507);
      expect((await cloud.call('POST', '/v1/uploads', { token, json: { size: quota } })).status).toBe(201);
      // The reservation counts: a record no longer fits.
      const record = await cloud.call('POST', '/v1/records', { token, json: { records: [{ id: 'a', version: 1, ciphertext: b64('x') }] } });
      expect(record.status).toBe(507);
      const plan = PlanResponseSchema.parse((await cloud.call('GET', '/v1/plan', { token })).json);
      expect(plan).toMatchObject({ tier, quotaBytes: quota, usage: { reservedBytes: quota } });
    } finally {
      await cloud.dispose();
    }
  });

  it.each([
    ['free', 20],
    ['pro', 100],
  ] as const)('limits requests per account on the %s plan to a burst of %d, then 429 with Retry-After', async (tier, burst) => {
    const cloud = await startTestCloud({ tier, config: { rateLimitScale: 1 } });
    try {
      const { token } = await cloud.signUp();
      const other = await cloud.signUp();
      for (let i = 0; i < burst; i += 1) expect((await cloud.call('GET', '/v1/plan', { token })).status).toBe(200);
      const limited = await cloud.call('GET', '/v1/plan', { token });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(CloudErrorSchema.parse(limited.json)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      // Another account has its own bucket.
      expect((await cloud.call('GET', '/v1/plan', { token: other.token })).status).toBe(200);
      cloud.clock.advance(1000);
      expect((await cloud.call('GET', '/v1/plan', { token })).status).toBe(200);
    } finally {
      await cloud.dispose();
    }
  });
});
