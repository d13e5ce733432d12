import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionResponse } from '../../shared/cloud/accounts';
import type { Tier } from '../../shared/cloud/tiers';
import type { CloudLogger } from '../app-deps';
import { createArgon2idHasher, MINIMUM_COST } from '../auth/passwords';
import type { CloudConfig, StripeConfig } from '../config';
import { createManualClock, type ManualClock } from '../platform/clock';
import { startCloudServer, type RunningCloud } from '../server';
import { callCloud, type CallOptions, type CallResult } from './cloud-http';

/** A logger that keeps what was logged, for assertions, and prints nothing. */
export function memoryLogger(): CloudLogger & { lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, message, fields });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestCloud extends RunningCloud {
  clock: ManualClock;
  dataDir: string;
  /** Signs up a fresh account and returns its session. */
  signUp(options?: { email?: string; password?: string; deviceId?: string }): Promise<SessionResponse>;
  /** A request to the endpoint; JSON in and out when given/answered. */
  call(method: string, route: string, options?: CallOptions): Promise<CallResult>;
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>;
}

/** A configuration for tests: port 0, loopback, a temp data folder, generous rate limits. */
export function testConfig(dataDir: string, overrides: Partial<CloudConfig> = {}): CloudConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    tokenTtlMs: 60 * 60 * 1000,
    defaultTier: 'team',
    rateLimitScale: 1000,
    trustProxy: false,
    stripe: null,
    ...overrides,
  };
}

/** Starts a real endpoint on 127.0.0.1 with a manual clock, cheap Argon2id and a temp folder. */
export async function startTestCloud(options: { tier?: Tier; config?: Partial<CloudConfig>; stripe?: StripeConfig; dataDir?: string } = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'nova-cloud-test-'));
  const clock = createManualClock();
  const config = testConfig(dataDir, { defaultTier: options.tier ?? 'team', stripe: options.stripe ?? null, ...options.config });
  const running = await startCloudServer({ config, log: memoryLogger(), clock, passwords: createArgon2idHasher(MINIMUM_COST) });
  const call = (method: string, route: string, callOptions?: CallOptions) => callCloud(running.url, method, route, callOptions);
  return {
    ...running,
    clock,
    dataDir,
    call,
    async signUp(signUpOptions = {}) {
      const result = await call('POST', '/v1/accounts/sign-up', {
        json: {
          email: signUpOptions.email ?? `writer-${randomBytes(6).toString('hex')}@example.com`,
          password: signUpOptions.password ?? 'a long enough passphrase',
          device: { id: signUpOptions.deviceId ?? `device-${randomBytes(4).toString('hex')}`, name: Buffer.from('sealed name').toString('base64') },
        },
      });
      if (result.status !== 201 && result.status !== 200) throw new Error(`sign-up failed: ${result.status} ${JSON.stringify(result.json)}`);
      return result.json as SessionResponse;
    },
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
