import type { AppDatabase } from '../core/db/connection';
import { createMemorySecretStore, type SecretStore } from '../core/platform/secrets';
import { MIN_KDF, type SyncEngineConfig } from '../core/sync';
import { startTestCloud, type TestCloud } from '../../cloud/testing/cloud-test-server';
import { scanStoredBytes } from '../../cloud/testing/canary-scan';
import { createTestCore, type TestCore } from './test-core';

/*
 * Devices syncing through a real cloud endpoint, for the sync engine's tests and benchmark: each
 * client is a whole core on its own data folder with its own secrets store; the endpoint is
 * `startTestCloud` on 127.0.0.1 (re-exported here: core tests may not import src/cloud).
 */
export { startTestCloud, scanStoredBytes, type TestCloud };

export const TEST_PASSWORD = 'a long enough password';
export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface SyncClient extends TestCore {
  secrets: SecretStore;
  name: string;
  /** The core's own connection (its writes are captured, like a service's), for rows no method writes without a model. */
  database: AppDatabase;
}

/** Sync settings of test clients: cheap Argon2id, no timer, no debounce-triggered rounds (rounds run on `sync.now`). */
export const TEST_SYNC_CONFIG: SyncEngineConfig = { kdf: MIN_KDF, intervalMs: 0, debounceMs: 24 * 3_600_000, retry: { attempts: 3, baseMs: 5, maxMs: 20, maxRetryAfterSeconds: 5 } };

export function createSyncClient(name: string, options: { dataDir?: string; secrets?: SecretStore; sync?: SyncEngineConfig } = {}): SyncClient {
  const secrets = options.secrets ?? createMemorySecretStore();
  let database: AppDatabase | null = null;
  const core = createTestCore({
    ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
    config: {
      textWorker: null,
      secrets,
      sync: { ...TEST_SYNC_CONFIG, ...options.sync },
      jobKinds: (_runner, deps) => {
        database = deps.database;
      },
    },
  });
  if (database === null) throw new Error('the core did not hand its database to jobKinds');
  return { ...core, secrets, name, database };
}

/** Signs `client` up on `serverUrl` and sets up the account's keys (answering the recovery-key ceremony). */
export async function setUpFirstDevice(client: SyncClient, serverUrl: string, email: string): Promise<void> {
  await client.call('sync.account.signUp', { serverUrl, email, password: TEST_PASSWORD, deviceName: client.name });
  const ceremony = await client.call('sync.keys.create', { passphrase: TEST_PASSPHRASE });
  await client.call('sync.keys.confirm', { answers: ceremony.challenge.map((index) => ceremony.groups[index] ?? '') });
}

/** Signs `client` in to an existing account and unlocks its keys with the passphrase. */
export async function joinAccount(client: SyncClient, serverUrl: string, email: string): Promise<void> {
  await client.call('sync.account.signIn', { serverUrl, email, password: TEST_PASSWORD, deviceName: client.name });
  await client.call('sync.keys.unlock', { passphrase: TEST_PASSPHRASE });
}

/**
 * Waits until `client` has no job left to run (the memory index, summaries and continuity checks a
 * sync or a big write starts in the background), so a benchmark can time a quiet device. With
 * `debounced: false` it does not wait for jobs whose start is still debounced (a scene's summary
 * waits for two idle minutes): they are not work yet.
 */
export async function drainJobs(client: SyncClient, options: { debounced?: boolean } = {}): Promise<void> {
  const jobs = client.core.services.jobs;
  for (;;) {
    const now = Date.now();
    const waiting = jobs
      .list({ statuses: ['queued', 'running', 'retrying'], limit: 500 })
      .filter((job) => options.debounced !== false || job.status !== 'queued' || job.nextAttemptAt === null || job.nextAttemptAt <= now);
    if (waiting.length === 0) return;
    for (const job of waiting) await jobs.whenFinished(job.id);
  }
}

/** Syncs every client in turn, `rounds` times (twice is enough for all to see everything). */
export async function syncAll(clients: readonly SyncClient[], rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (const client of clients) {
      const status = await client.call('sync.now', {});
      if (status.phase !== 'synced') throw new Error(`${client.name} did not sync: ${status.phase} ${status.problem?.code ?? ''} ${status.problem?.message ?? ''}`);
    }
  }
}
