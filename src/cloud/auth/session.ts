import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SessionResponse } from '../../shared/cloud/accounts';
import type { Tier } from '../../shared/cloud/tiers';
import type { CloudDeps, CloudEnv } from '../app-deps';
import { CloudHttpError, fail } from '../http/errors';
import { scaled, TIER_RATE_LIMITS } from '../limits/rate-limiter';

const TOKEN_PREFIX = 'nct_';

/** The stored form of a token: its SHA-256 (the secret itself is never stored). */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Makes a bearer token for a device, stores its hash, and returns the session answer. */
export async function issueSession(deps: CloudDeps, accountId: string, deviceId: string, tier: Tier): Promise<SessionResponse> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  const expiresAt = now + deps.config.tokenTtlMs;
  await deps.store.insertToken({ tokenHash: tokenHashOf(token), accountId, deviceId, createdAt: now, expiresAt, revokedAt: null });
  return { token, expiresAt, accountId, deviceId, tier };
}

/**
 * Requires a live bearer token (unknown, expired, revoked and revoked-device tokens all answer
 * the same 401), then spends one request of the account's per-plan rate limit.
 */
export function requireAuth(deps: CloudDeps): MiddlewareHandler<CloudEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) fail('UNAUTHORIZED', 'Sign in first: this request needs a bearer token.');
    const now = deps.clock.now();
    const tokenHash = tokenHashOf(match[1]);
    const token = await deps.store.useToken(tokenHash, now);
    if (!token || token.revokedAt !== null || token.expiresAt <= now) fail('UNAUTHORIZED', 'The sign-in has expired or was revoked: sign in again.');
    const account = await deps.store.getAccount(token.accountId);
    if (!account) fail('UNAUTHORIZED', 'The account no longer exists.');
    const taken = deps.limiter.take(`account:${account.id}`, scaled(TIER_RATE_LIMITS[account.tier], deps.config.rateLimitScale));
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds);
    c.set('auth', { accountId: account.id, deviceId: token.deviceId, tokenHash, tier: account.tier });
    await next();
  };
}

/** The 429 answer, with `Retry-After` in the header and the body. */
export function rateLimited(retryAfterSeconds: number): CloudHttpError {
  return new CloudHttpError(
    'RATE_LIMITED',
    `Too many requests: try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
