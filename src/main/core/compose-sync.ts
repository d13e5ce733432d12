import type { MethodName } from '../../shared/ipc/contract';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { DomainHandlers } from './handlers';
import { createBackupHandlers, createBackupService, createHttpBackupTransport, createSyncEngine, type BackupOverrides, type BackupService, type SyncEngine, type SyncEngineDeps } from './sync';

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

/** The sync engine and every `sync.*` handler. */
export function composeSync(deps: SyncComposeDeps): { engine: SyncEngine; backups: BackupService | null; handlers: DomainHandlers<SyncMethods> } {
  const engine = createSyncEngine(deps);
  const backups = composeBackups(engine, deps);
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
  return { engine, backups: backups.service, handlers };
}
