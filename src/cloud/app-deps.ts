import type { HttpBindings } from '@hono/node-server';
import type Stripe from 'stripe';
import type { Tier } from '../shared/cloud/tiers';
import type { PasswordHasher } from './auth/passwords';
import type { CloudConfig } from './config';
import type { RateLimiter } from './limits/rate-limiter';
import type { Metrics } from './observability/metrics';
import type { Clock } from './platform/clock';
import type { BlobStore, MetadataStore } from './storage';

/** What a log line needs (pino's shape). */
export interface CloudLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Everything the endpoint's routes use, passed in (no module state), so tests control each part. */
export interface CloudDeps {
  config: CloudConfig;
  store: MetadataStore;
  blobs: BlobStore;
  clock: Clock;
  passwords: PasswordHasher;
  /** Null when no Stripe key is configured: checkout answers BILLING_UNAVAILABLE. */
  stripe: Stripe | null;
  log: CloudLogger;
  /** A fresh random opaque id (accounts, uploads, backups). */
  newId(): string;
  limiter: RateLimiter;
  metrics: Metrics;
}

/** The signed-in caller, set by the auth middleware. */
export interface AuthContext {
  accountId: string;
  deviceId: string;
  tokenHash: string;
  tier: Tier;
}

export interface CloudEnv {
  Bindings: HttpBindings;
  Variables: { auth: AuthContext };
}
