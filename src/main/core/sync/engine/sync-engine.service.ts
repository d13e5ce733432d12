import { z } from 'zod';
import type { Logger } from 'pino';
import { AppError, ErrorCode, isAppError, type AppErrorShape } from '../../../../shared/ipc/errors';
import type { SyncCredentials, SyncDevice, SyncPlan, SyncProgress, SyncStatus } from '../../../../shared/models/sync';
import type { AppDatabase } from '../../db/connection';
import type { EventBus } from '../../events';
import type { JobRunner } from '../../jobs';
import type { Clock, Random, Timers } from '../../platform/clock';
import type { SecretStore } from '../../platform/secrets';
import type { SyncChanges } from '../changes';
import { createKeyringService, createRecordSealer, DEFAULT_KDF, loadSodium, type KdfParams, type Keyring, type KeyringService, type SodiumPort } from '../crypto';
import type { SceneDocs } from '../scene-docs';
import { createCloudApi, type CloudApi } from './cloud-api';
import { createCloudClient, DEFAULT_RETRY, type RetryPolicy } from './cloud-client';
import { createLocalSnapshots } from './local-snapshots';
import { runRound } from './sync-round';
import { createSyncKeys } from './sync-keys';
import { createSyncStore } from './sync-store';

/** Sync settings a shell or a test may change. */
export interface SyncEngineConfig {
  /** Rounds while signed in and unlocked (ms); 0 turns the timer off. Default 5 minutes. */
  intervalMs?: number;
  /** Quiet time after a local change before a round (ms). Default 3 s. */
  debounceMs?: number;
  /** Argon2id work of new key envelopes (tests lower it). */
  kdf?: KdfParams;
  retry?: RetryPolicy;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** libsodium (native, WASM fallback) unless given. */
  sodium?: () => Promise<SodiumPort>;
  /** Local snapshots before a pull applies others' changes: how many are kept. Default 3. */
  snapshotsKept?: number;
  /** Records per upload request (at most the endpoint's 1000; tests lower it to see several). */
  batchSize?: number;
  /** Where Stripe sends the browser back after a checkout. */
  checkoutReturnUrl?: string;
}

export interface SyncEngineDeps {
  database: AppDatabase;
  changes: SyncChanges;
  sceneDocs: SceneDocs;
  jobs: JobRunner;
  events: EventBus;
  secrets: SecretStore;
  clock: Clock;
  timers: Timers;
  random: Random;
  logger: Logger;
  /** The data folder (local snapshots go under it); null for an in-memory database. */
  dataDir: string | null;
  config?: SyncEngineConfig;
}

const accountSchema = z.object({ serverUrl: z.string(), email: z.string(), deviceName: z.string(), accountId: z.string() });
type Account = z.infer<typeof accountSchema>;
const TOKEN = 'sync.token';
const MASTER_KEY = 'sync.master-key';
const ROUND_KIND = 'sync.round';
/** App events that mean a synced record may have changed here. */
const LOCAL_CHANGE_EVENTS = new Set(['project.changed', 'outline.changed', 'scene.saved', 'codex.changed', 'snapshot.changed', 'chat.changed', 'playbooks.changed', 'media.changed', 'memory.changed']);

/**
 * The sync engine: the account session (token and master key only in the secrets port), the
 * keys' lifecycle, and sync rounds (a durable `sync.round` job: pull, verify, merge, push)
 * triggered by `sync.now`, local changes (debounced) and a timer. Status goes out as `sync.changed`.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  const config = deps.config ?? {};
  const store = createSyncStore(deps.database);
  const snapshots = createLocalSnapshots({ database: deps.database, folder: deps.dataDir, kept: config.snapshotsKept ?? 3, clock: deps.clock });
  let account: Account | null = readAccount();
  let token: string | null = null;
  let keyring: Keyring | null = null;
  let keysOnServer: boolean | null = null;
  let progress: SyncProgress | null = null;
  /** A backup's or restore's progress (see `showTransfer`); a round's own progress comes first. */
  let transfer: SyncProgress | null = null;
  let problem: AppErrorShape | null = null;
  let sodium: Promise<SodiumPort> | null = null;
  let keyringService: Promise<KeyringService> | null = null;
  let apiCache: { url: string; api: CloudApi } | null = null;
  let cancelTimer: (() => void) | null = null;
  let cancelDebounce: (() => void) | null = null;
  let closed = false;

  const loadSodiumOnce = () => (sodium ??= (config.sodium ?? (() => loadSodium({ logger: deps.logger })))());
  const keyrings = () => (keyringService ??= loadSodiumOnce().then((port) => createKeyringService({ sodium: port, kdf: config.kdf ?? DEFAULT_KDF })));
  const apiFor = (serverUrl: string): CloudApi => {
    if (apiCache?.url !== serverUrl) {
      const client = createCloudClient({ baseUrl: serverUrl, token: () => token, timers: deps.timers, random: deps.random, retry: config.retry ?? DEFAULT_RETRY, ...(config.fetch && { fetch: config.fetch }), ...(config.timeoutMs && { timeoutMs: config.timeoutMs }) });
      apiCache = { url: serverUrl, api: createCloudApi(client) };
    }
    return apiCache.api;
  };
  const api = (): CloudApi => {
    if (!account) throw new AppError(ErrorCode.SYNC_SIGNED_OUT, 'This device is not signed in to sync.');
    return apiFor(account.serverUrl);
  };

  function readAccount(): Account | null {
    const raw = store.get('account');
    const parsed = raw === null ? null : accountSchema.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data : null;
  }

  const status = (): SyncStatus => {
    const shown = progress ?? transfer;
    const phase: SyncStatus['phase'] = !account || !token ? 'off' : !keyring ? 'needs-keys' : shown ? 'syncing' : problem?.code === ErrorCode.SYNC_OFFLINE ? 'offline' : problem ? 'error' : 'synced';
    return {
      phase,
      account: account && token ? { serverUrl: account.serverUrl, email: account.email, deviceId: deps.changes.deviceId, deviceName: account.deviceName } : null,
      keysOnServer: phase === 'needs-keys' ? keysOnServer : null,
      pendingChanges: store.pendingChanges(store.number('sceneDocCursor')),
      lastSyncedAt: store.get('lastSyncedAt') === null ? null : store.number('lastSyncedAt'),
      progress: phase === 'syncing' ? shown : null,
      problem: phase === 'off' || phase === 'needs-keys' ? null : problem,
    };
  };
  const changed = () => {
    if (!closed) deps.events.emit('sync.changed', status());
  };

  const keeper = {
    async keep(unlocked: Keyring, keyringVersion: number) {
      const keys = await keyrings();
      const master = keys.exportMasterKey(unlocked);
      try {
        await deps.secrets.set(MASTER_KEY, Buffer.from(master).toString('base64'));
      } finally {
        master.fill(0);
      }
      keyring?.lock();
      keyring = unlocked;
      store.set('envelope', JSON.stringify(unlocked.envelope));
      store.set('keyringVersion', String(keyringVersion));
      problem = null;
      changed();
      schedule(0);
    },
  };
  const keys = createSyncKeys({ api, keyrings, keeper, random: deps.random });

  const startRound = async (): Promise<void> => {
    if (!account || !token || !keyring) return;
    const sealer = createRecordSealer({ sodium: await loadSodiumOnce(), keyring });
    const report = (stage: SyncProgress['stage']) => (done: number, total: number | null) => {
      progress = { stage, done, total, unit: 'records' };
      changed();
    };
    progress = { stage: 'pull', done: 0, total: null, unit: 'records' };
    changed();
    try {
      await runRound({ api: api(), store, sealer, changes: deps.changes, sceneDocs: deps.sceneDocs, beforeApply: () => snapshots.take(), onPull: report('pull'), onPush: report('push'), ...(config.batchSize !== undefined && { batchSize: config.batchSize }) });
      store.set('lastSyncedAt', String(deps.clock.now()));
      problem = null;
    } catch (error) {
      problem = isAppError(error) ? error.toShape() : { code: ErrorCode.INTERNAL, message: 'Sync failed unexpectedly. The details were written to the log.', retryable: true };
      deps.logger.warn({ code: problem.code, err: isAppError(error) ? undefined : error }, 'sync round failed');
    } finally {
      progress = null;
      changed();
    }
    // Changes made while the round ran (their events were ignored meanwhile) go in the next one.
    if (problem === null && store.pendingChanges(store.number('sceneDocCursor')) > 0) schedule(config.debounceMs ?? 3_000);
  };

  deps.jobs.register<Record<string, never>>({
    kind: ROUND_KIND,
    payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    maxAttempts: 1,
    title: () => 'Sync',
    // Failures become the sync status (offline, error with what to do), not failed jobs: the next round tries again.
    run: async () => {
      await ready;
      await startRound();
    },
  });

  const enqueue = () => deps.jobs.enqueue({ kind: ROUND_KIND, payload: {}, idempotencyKey: ROUND_KIND });
  function schedule(delayMs: number) {
    if (closed || !account || !token || !keyring) return;
    cancelDebounce?.();
    cancelDebounce = deps.timers.schedule(() => {
      cancelDebounce = null;
      enqueue();
    }, delayMs);
  }
  const armTimer = () => {
    cancelTimer?.();
    const every = config.intervalMs ?? 5 * 60_000;
    if (every <= 0 || closed) return;
    cancelTimer = deps.timers.schedule(() => {
      schedule(0);
      armTimer();
    }, every);
  };
  const unsubscribe = deps.events.subscribe((name) => {
    if (LOCAL_CHANGE_EVENTS.has(name) && !progress) schedule(config.debounceMs ?? 3_000);
  });

  /** Restores the session at start: the token and, when stored, the master key (a silent unlock). */
  const ready = (async () => {
    if (!account) return;
    token = await deps.secrets.get(TOKEN);
    const master = await deps.secrets.get(MASTER_KEY);
    const envelope = store.get('envelope');
    if (token && master && envelope) {
      try {
        keyring = (await keyrings()).openWithMasterKey(JSON.parse(envelope), new Uint8Array(Buffer.from(master, 'base64')));
      } catch (error) {
        deps.logger.warn({ code: isAppError(error) ? error.code : 'INTERNAL' }, 'the stored sync key did not open; the passphrase unlocks sync again');
      }
    }
    changed();
    armTimer();
  })();

  const session = async (credentials: SyncCredentials, mode: 'signUp' | 'signIn'): Promise<SyncStatus> => {
    const client = apiFor(credentials.serverUrl);
    // The server never learns the device's name: it keeps random bytes in its place.
    const body = { email: credentials.email, password: credentials.password, device: { id: deps.changes.deviceId, name: Buffer.from((await loadSodiumOnce()).randomBytes(32)).toString('base64') } };
    const answer = mode === 'signUp' ? await client.signUp(body) : await client.signIn(body);
    if (account && account.accountId !== answer.accountId) store.reset();
    token = answer.token;
    await deps.secrets.set(TOKEN, answer.token);
    account = { serverUrl: credentials.serverUrl, email: credentials.email, deviceName: credentials.deviceName, accountId: answer.accountId };
    store.set('account', JSON.stringify(account));
    keysOnServer = await keys.keysOnServer();
    problem = null;
    changed();
    armTimer();
    return status();
  };

  return {
    ready,
    status,
    signUp: (credentials: SyncCredentials) => session(credentials, 'signUp'),
    signIn: (credentials: SyncCredentials) => session(credentials, 'signIn'),
    async signOut(): Promise<SyncStatus> {
      if (account && token) {
        try {
          await api().signOut();
        } catch (error) {
          deps.logger.info({ code: isAppError(error) ? error.code : 'INTERNAL' }, 'the sync server did not confirm the sign-out; this device forgets its token anyway');
        }
      }
      keys.forget();
      keyring?.lock();
      keyring = null;
      token = null;
      account = null;
      cancelTimer?.();
      cancelDebounce?.();
      await deps.secrets.delete(TOKEN);
      await deps.secrets.delete(MASTER_KEY);
      store.delete('account');
      store.delete('envelope');
      problem = null;
      changed();
      return status();
    },
    keys: {
      create: (passphrase: string) => keys.create(passphrase),
      async confirm(answers: readonly string[]) {
        await keys.confirm(answers);
        return status();
      },
      async unlock(input: { passphrase: string } | { recoveryKey: string }) {
        await keys.unlock(input);
        return status();
      },
      changePassphrase: (current: string, next: string) => keys.changePassphrase(current, next),
      async recover(recoveryKey: string, next: string) {
        await keys.recover(recoveryKey, next);
        return status();
      },
    },
    /** Runs a round now (after one already running) and answers the status after it. */
    async syncNow(): Promise<SyncStatus> {
      await ready;
      if (!account || !token) throw new AppError(ErrorCode.SYNC_SIGNED_OUT, 'Sign in to sync first.');
      if (!keyring) throw new AppError(ErrorCode.KEYS_LOCKED, 'Unlock sync with your passphrase first.');
      cancelDebounce?.();
      let job = enqueue();
      if (job.status === 'running') {
        await deps.jobs.whenFinished(job.id);
        job = enqueue();
      }
      await deps.jobs.whenFinished(job.id);
      return status();
    },
    async devices(): Promise<SyncDevice[]> {
      const listed = await api().devices();
      return listed.devices
        .filter((device) => device.revokedAt === null)
        .map((device) => ({
          id: device.id,
          name: device.current && account ? account.deviceName : `Another device (${device.id.slice(0, 6)})`,
          createdAt: device.createdAt,
          lastSeenAt: device.lastSeenAt,
          current: device.current,
        }));
    },
    async revokeDevice(id: string): Promise<void> {
      if (id === deps.changes.deviceId) throw new AppError(ErrorCode.INVALID_INPUT, 'This is the device you are using: sign out instead.');
      await api().revokeDevice(id);
    },
    async plan(): Promise<SyncPlan> {
      const plan = await api().plan();
      return { tier: plan.tier, usedBytes: plan.usage.totalBytes, quotaBytes: plan.quotaBytes };
    },
    async checkout(tier: 'pro' | 'power' | 'team'): Promise<{ url: string }> {
      const back = config.checkoutReturnUrl ?? 'https://nova-studio.app/checkout';
      const session = await api().checkout(tier, `${back}/done`, `${back}/cancelled`);
      return { url: session.url };
    },
    /** The request core for the backup part (bearer token, retries, errors), or null when signed out. */
    cloud: (): CloudApi | null => (account && token ? api() : null),
    /** The unlocked keyring (backups seal with it), or null. */
    keyring: () => keyring,
    /** The server and this device's bearer token while signed in, or null: the backup part's binary uploads and ranged downloads. */
    session: (): { serverUrl: string; token: string } | null => (account && token ? { serverUrl: account.serverUrl, token } : null),
    sodium: loadSodiumOnce,
    /** Shows a backup's or restore's progress in the status (the status bar) while it runs; null when it ends. */
    showTransfer(next: SyncProgress | null): void {
      transfer = next;
      changed();
    },
    close(): void {
      closed = true;
      unsubscribe();
      cancelTimer?.();
      cancelDebounce?.();
      keys.forget();
      keyring?.lock();
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
