import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import Stripe from 'stripe';
import { createCloudApp } from './app';
import type { CloudDeps, CloudLogger } from './app-deps';
import { createArgon2idHasher, type PasswordHasher } from './auth/passwords';
import type { CloudConfig, StripeConfig } from './config';
import { createRateLimiter } from './limits/rate-limiter';
import { createMetrics } from './observability/metrics';
import { systemClock, type Clock } from './platform/clock';
import type { BlobStore, MetadataStore } from './storage';
import { createFolderBlobStore } from './storage/folder/folder-blob.store';
import { createSqliteMetadataStore } from './storage/sqlite/sqlite-metadata.store';

export interface RunningCloud {
  /** `http://host:port` of the listening server. */
  url: string;
  port: number;
  deps: CloudDeps;
  close(): Promise<void>;
}

export interface StartCloudOptions {
  config: CloudConfig;
  log: CloudLogger;
  clock?: Clock;
  passwords?: PasswordHasher;
  /** Both given, or neither: then SQLite + a folder under `config.dataDir`. */
  store?: MetadataStore;
  blobs?: BlobStore;
}

/** The Stripe client, pointed at `apiBase` when one is configured (tests run a local stand-in). */
export function createStripeClient(config: StripeConfig): Stripe {
  const base = config.apiBase;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 1,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const),
        }
      : {}),
  });
}

/** The development/test storage: `metadata.sqlite` and `blobs/` in the data folder. */
export function createLocalStorage(dataDir: string): { store: MetadataStore; blobs: BlobStore } {
  mkdirSync(dataDir, { recursive: true });
  return { store: createSqliteMetadataStore(path.join(dataDir, 'metadata.sqlite')), blobs: createFolderBlobStore(path.join(dataDir, 'blobs')) };
}

/** Starts the endpoint and resolves once it listens. */
export async function startCloudServer(options: StartCloudOptions): Promise<RunningCloud> {
  const clock = options.clock ?? systemClock;
  const storage = options.store && options.blobs ? { store: options.store, blobs: options.blobs } : createLocalStorage(options.config.dataDir);
  const deps: CloudDeps = {
    config: options.config,
    store: storage.store,
    blobs: storage.blobs,
    clock,
    passwords: options.passwords ?? createArgon2idHasher(),
    stripe: options.config.stripe ? createStripeClient(options.config.stripe) : null,
    log: options.log,
    newId: () => randomBytes(16).toString('base64url'),
    limiter: createRateLimiter(clock),
    metrics: createMetrics(),
  };
  const app = createCloudApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: options.config.port, hostname: options.config.host }, () => resolve(started));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.config.host}:${port}`,
    port,
    deps,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await deps.store.close();
    },
  };
}
