import path from 'node:path';
import { z } from 'zod';
import { TierSchema, type Tier } from '../shared/cloud/tiers';

const boolean = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

/**
 * The endpoint's configuration from the environment (`CLOUD_*`, `STRIPE_*`), validated at
 * start so a typo fails loudly instead of running with a default.
 */
const EnvSchema = z.object({
  CLOUD_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CLOUD_HOST: z.string().default('127.0.0.1'),
  CLOUD_DATA_DIR: z.string().default(path.join(process.cwd(), '.nova-cloud')),
  /** Lifetime of a sign-in token, in hours. */
  CLOUD_TOKEN_TTL_HOURS: z.coerce.number().positive().default(24 * 30),
  /** The plan of a new account. `free` stores nothing; local development uses `team` so sync works without Stripe. */
  CLOUD_DEFAULT_TIER: TierSchema.default('free'),
  /** Multiplies every rate limit (benchmarks and load tests raise it). */
  CLOUD_RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /** Take the client address from `X-Forwarded-For` (only behind a proxy you run). */
  CLOUD_TRUST_PROXY: boolean.default(false),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_PRICE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_POWER: z.string().min(1).optional(),
  STRIPE_PRICE_TEAM: z.string().min(1).optional(),
  /** Where the Stripe SDK sends its calls (tests point it at a local stand-in). */
  STRIPE_API_BASE: z.url().optional(),
});

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string | null;
  /** Price id per paid plan (a plan without one cannot be bought here). */
  prices: Partial<Record<Exclude<Tier, 'free'>, string>>;
  /** `https://api.stripe.com` unless pointed elsewhere. */
  apiBase: URL | null;
}

export interface CloudConfig {
  port: number;
  host: string;
  dataDir: string;
  tokenTtlMs: number;
  defaultTier: Tier;
  rateLimitScale: number;
  trustProxy: boolean;
  stripe: StripeConfig | null;
}

/** Reads and checks the configuration; throws with every problem listed. */
export function loadCloudConfig(env: Record<string, string | undefined>): CloudConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`The cloud endpoint's environment is not valid: ${problems}`);
  }
  const e = parsed.data;
  const prices: StripeConfig['prices'] = {};
  if (e.STRIPE_PRICE_PRO) prices.pro = e.STRIPE_PRICE_PRO;
  if (e.STRIPE_PRICE_POWER) prices.power = e.STRIPE_PRICE_POWER;
  if (e.STRIPE_PRICE_TEAM) prices.team = e.STRIPE_PRICE_TEAM;
  return {
    port: e.CLOUD_PORT,
    host: e.CLOUD_HOST,
    dataDir: path.resolve(e.CLOUD_DATA_DIR),
    tokenTtlMs: Math.round(e.CLOUD_TOKEN_TTL_HOURS * 3_600_000),
    defaultTier: e.CLOUD_DEFAULT_TIER,
    rateLimitScale: e.CLOUD_RATE_LIMIT_SCALE,
    trustProxy: e.CLOUD_TRUST_PROXY,
    stripe: e.STRIPE_SECRET_KEY
      ? {
          secretKey: e.STRIPE_SECRET_KEY,
          webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? null,
          prices,
          apiBase: e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null,
        }
      : null,
  };
}
