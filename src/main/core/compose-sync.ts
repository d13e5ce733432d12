import type { MethodName } from '../../shared/ipc/contract';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { Job } from '../../shared/models/jobs';
import type { SyncProgress } from '../../shared/models/sync';
import type { DomainHandlers } from './handlers';
import {
  BACKUP_JOB_KIND,
  createBackupHandlers,
  createBackupService,
  createHttpBackupTransport,
  createSyncEngine,
  RESTORE_JOB_KIND,
  type BackupOverrides,
  type BackupService,
  type SyncEngine,
  type SyncEngineDeps,
} from './sync';

type SyncMethods = Extract<MethodName, `sync.${string}`>;
type BackupMethods = Extract<SyncMethods, `sync.backups.${string}`>;

export interface SyncComposeDeps extends SyncEngineDeps {
  /** Backup ports instead of the engine's session (tests, benchmarks). */
  backup?: BackupOverrides;
}

/**
 * Backups (sync/backup): the `sync.backup` and `sync.restore` jobs and the `sync.backups.*`
 * handlers, on the engine's session — its server and token (binary uploads and ranged
 * downloads), its unlocked keyring and its libsodium. Progress reaches the UI as job progress.
 */
function composeBackups(engine: SyncEngine, deps: SyncComposeDeps): { service: BackupService | null; handlers: DomainHandlers<BackupMethods> } {
  const signedOut = () => new AppError(ErrorCode.SYNC_SIGNED_OUT, 'Sign in to sync to back up to the server or restore from it.');
  if (deps.dataDir === null) {
    // Only an in-memory core (some tests): there is no data folder to back up or restore into.
    const noFolder = () => new AppError(ErrorCode.NOT_AVAILABLE, 'Backups need a data folder on disk.');
    return {
      service: null,
      handlers: { 'sync.backups.list': () => Promise.reject(noFolder()), 'sync.backups.create': () => Promise.reject(noFolder()), 'sync.backups.restore': () => Promise.reject(noFolder()) },
    };
  }
  const session = () => {
    const current = engine.session();
    if (!current) throw signedOut();
    return current;
  };
  const service = createBackupService({
    jobs: deps.jobs,
    dataDir: deps.dataDir,
    sqlite: deps.database.sqlite,
    sodium: () => engine.sodium(),
    keys: {
      keyring() {
        const keyring = engine.keyring();
        if (keyring) return keyring;
        if (!engine.session()) throw signedOut();
        throw new AppError(ErrorCode.KEYS_LOCKED, 'Encrypted backup and sync is locked: enter your passphrase to unlock it.');
      },
    },
    transport: () => createHttpBackupTransport({ serverUrl: session().serverUrl, token: () => session().token }),
    clock: deps.clock,
    deviceName: () => engine.status().account?.deviceName ?? 'This device',
    ...deps.backup,
  });
  return { service, handlers: createBackupHandlers(service) };
}

const TRANSFER_STAGES: Readonly<Record<string, SyncProgress['stage']>> = { [BACKUP_JOB_KIND]: 'backup', [RESTORE_JOB_KIND]: 'restore' };

/**
 * Running backups and restores show in the sync status, so the status bar says "Backing up 40%"
 * wherever the writer is (the Backups tab shows the job itself). Several at once: the one that
 * reported last is shown, and the others again when it ends.
 */
function followTransfers(engine: SyncEngine, events: SyncEngineDeps['events']): () => void {
  const running = new Map<string, SyncProgress>();
  return events.subscribe((name, payload) => {
    if (name !== 'job.changed') return;
    const job = payload as Job;
    const stage = TRANSFER_STAGES[job.kind];
    if (!stage) return;
    running.delete(job.id);
    if (job.status === 'running') {
      const total = Math.round(job.progress.total);
      running.set(job.id, { stage, done: Math.round(job.progress.done), total: total > 0 ? total : null, unit: 'bytes' });
    }
    engine.showTransfer([...running.values()].at(-1) ?? null);
  });
}

/** The sync engine and every `sync.*` handler; `close` stops them. */
export function composeSync(deps: SyncComposeDeps): { engine: SyncEngine; backups: BackupService | null; handlers: DomainHandlers<SyncMethods>; close(): void } {
  const engine = createSyncEngine(deps);
  const backups = composeBackups(engine, deps);
  const stopFollowing = followTransfers(engine, deps.events);
  const handlers: DomainHandlers<SyncMethods> = {
    'sync.status': async () => {
      await engine.ready;
      return engine.status();
    },
    'sync.account.signUp': (input) => engine.signUp(input),
    'sync.account.signIn': (input) => engine.signIn(input),
    'sync.account.signOut': () => engine.signOut(),
    'sync.keys.create': (input) => engine.keys.create(input.passphrase),
    'sync.keys.confirm': (input) => engine.keys.confirm(input.answers),
    'sync.keys.unlock': (input) => engine.keys.unlock(input),
    'sync.keys.changePassphrase': async (input) => {
      await engine.keys.changePassphrase(input.current, input.next);
      return { ok: true as const };
    },
    'sync.keys.recover': (input) => engine.keys.recover(input.recoveryKey, input.next),
    'sync.now': () => engine.syncNow(),
    'sync.devices.list': () => engine.devices(),
    'sync.devices.revoke': async (input) => {
      await engine.revokeDevice(input.id);
      return { ok: true as const };
    },
    ...backups.handlers,
    'sync.plan.get': () => engine.plan(),
    'sync.plan.checkout': (input) => engine.checkout(input.tier),
  };
  const close = () => {
    stopFollowing();
    engine.close();
  };
  return { engine, backups: backups.service, handlers, close };
}
