import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PlanResponse } from '../../shared/cloud/billing';
import {
  FeedQuerySchema,
  KeyringPutRequestSchema,
  MAX_BATCH_BODY_BYTES,
  MAX_KEYRING_BYTES,
  MAX_RECORD_BYTES,
  PutRecordsRequestSchema,
  type FeedResponse,
  type KeyringResponse,
  type PutRecordsResponse,
} from '../../shared/cloud/records';
import { TIER_QUOTA_BYTES } from '../../shared/cloud/tiers';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { fail } from '../http/errors';
import { jsonBody, queryOf } from '../http/validate';
import { scaled, TIER_RATE_LIMITS } from '../limits/rate-limiter';
import { sha256Chain, sha256Hex } from '../records/chain';
import type { RecordWrite } from '../storage';

const tooLarge = (): never => fail('TOO_LARGE', 'The request body is larger than this route accepts.');

/** Records (batch compare-and-swap), the hash-chained feed, the keyring and the plan. */
export function registerRecordRoutes(routes: Hono<CloudEnv>, deps: CloudDeps): void {
  routes.post('/records', bodyLimit({ maxSize: MAX_BATCH_BODY_BYTES, onError: tooLarge }), async (c) => {
    const body = await jsonBody(c, PutRecordsRequestSchema);
    const writes = body.records.map((record): RecordWrite => {
      const ciphertext = Buffer.from(record.ciphertext, 'base64');
      if (ciphertext.byteLength > MAX_RECORD_BYTES) fail('TOO_LARGE', `Record ${record.id} is larger than ${MAX_RECORD_BYTES} bytes.`);
      return { id: record.id, version: record.version, ciphertext, ciphertextHash: sha256Hex(ciphertext) };
    });
    const auth = c.get('auth');
    const result = await deps.store.putRecords(auth.accountId, writes, {
      quotaBytes: TIER_QUOTA_BYTES[auth.tier],
      chain: sha256Chain,
      at: deps.clock.now(),
    });
    if (!result.ok) {
      fail('QUOTA_EXCEEDED', `This batch needs ${result.neededBytes} more bytes than the ${auth.tier} plan has left: upgrade, or free space.`);
    }
    const response: PutRecordsResponse = { results: result.results, head: result.head };
    return c.json(response);
  });

  routes.get('/feed', async (c) => {
    const query = queryOf(c, FeedQuerySchema);
    const page = await deps.store.readFeed(c.get('auth').accountId, query.after, query.limit);
    const response: FeedResponse = {
      entries: page.entries.map((entry) => ({
        seq: entry.seq,
        id: entry.id,
        version: entry.version,
        ciphertextHash: entry.ciphertextHash,
        chainHash: entry.chainHash,
        ciphertext: entry.ciphertext ? Buffer.from(entry.ciphertext).toString('base64') : null,
      })),
      head: page.head,
    };
    return c.json(response);
  });

  routes.get('/keyring', async (c) => {
    const keyring = await deps.store.getKeyring(c.get('auth').accountId);
    if (!keyring) fail('NOT_FOUND', 'No keyring yet: this account has not set up encryption.');
    const response: KeyringResponse = { version: keyring.version, blob: Buffer.from(keyring.blob).toString('base64') };
    return c.json(response);
  });

  routes.put('/keyring', bodyLimit({ maxSize: MAX_KEYRING_BYTES * 2, onError: tooLarge }), async (c) => {
    const body = await jsonBody(c, KeyringPutRequestSchema);
    const blob = Buffer.from(body.blob, 'base64');
    if (blob.byteLength > MAX_KEYRING_BYTES) fail('TOO_LARGE', `A keyring is at most ${MAX_KEYRING_BYTES} bytes.`);
    const outcome = await deps.store.swapKeyring(c.get('auth').accountId, body.baseVersion, blob, deps.clock.now());
    if (!outcome.ok) {
      fail('CONFLICT', 'The keyring changed on another device: fetch it and try again.', { currentVersion: outcome.currentVersion });
    }
    return c.json({ version: outcome.version });
  });

  routes.get('/plan', async (c) => {
    const auth = c.get('auth');
    const usage = await deps.store.getUsage(auth.accountId);
    const totalBytes = usage.recordBytes + usage.blobBytes + usage.reservedBytes + usage.backupBytes;
    const quotaBytes = TIER_QUOTA_BYTES[auth.tier];
    const limit = scaled(TIER_RATE_LIMITS[auth.tier], deps.config.rateLimitScale);
    const response: PlanResponse = {
      tier: auth.tier,
      quotaBytes,
      usage: { ...usage, totalBytes },
      overQuota: quotaBytes !== null && totalBytes > quotaBytes,
      rateLimit: { requestsPerSecond: limit.ratePerSecond, burst: limit.burst },
    };
    return c.json(response);
  });
}
