import type { Tier } from '../../shared/cloud/tiers';
import type { Clock } from '../platform/clock';

export interface BucketShape {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens held: the burst a quiet client may spend at once. */
  burst: number;
}

/** Requests per account by plan (a sync of 10,000 records is ten batches, well inside any burst). */
export const TIER_RATE_LIMITS: Readonly<Record<Tier, BucketShape>> = {
  free: { ratePerSecond: 2, burst: 20 },
  pro: { ratePerSecond: 10, burst: 100 },
  power: { ratePerSecond: 20, burst: 200 },
  team: { ratePerSecond: 50, burst: 500 },
};

/** Sign-in and sign-up per client address: slows password guessing without bothering a person. */
export const AUTH_RATE_LIMIT: BucketShape = { ratePerSecond: 0.2, burst: 10 };

export function scaled(shape: BucketShape, scale: number): BucketShape {
  return { ratePerSecond: shape.ratePerSecond * scale, burst: Math.max(1, Math.round(shape.burst * scale)) };
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets by key, in memory (one endpoint process; several behind a balancer would share
 * them through the metadata store or a cache — not needed yet). Idle full buckets are dropped so
 * the map stays as small as the set of active clients.
 */
export function createRateLimiter(clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = clock.now();

  const sweep = (now: number, shape: BucketShape): void => {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * shape.ratePerSecond >= shape.burst) buckets.delete(key);
    }
  };

  return {
    /** Spends one token of `key`'s bucket, or says how long until one is there. */
    take(key: string, shape: BucketShape): TakeResult {
      const now = clock.now();
      sweep(now, shape);
      const bucket = buckets.get(key) ?? { tokens: shape.burst, at: now };
      const tokens = Math.min(shape.burst, bucket.tokens + ((now - bucket.at) / 1000) * shape.ratePerSecond);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / shape.ratePerSecond)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
