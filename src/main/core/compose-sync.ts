import type { Logger } from 'pino';
import type { MethodName } from '../../shared/ipc/contract';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { AppDatabase } from './db/connection';
import type { EventBus } from './events';
import type { DomainHandlers } from './handlers';
import type { JobRunner } from './jobs';
import type { Clock, Random, Timers } from './platform/clock';
import type { SecretStore } from './platform/secrets';
import { createSyncEngine, type SceneDocs, type SyncChanges, type SyncEngine, type SyncEngineConfig } from './sync';

type SyncMethods = Extract<MethodName, `sync.${string}`>;
type BackupMethods = Extract<SyncMethods, `sync.backups.${string}`>;

export interface SyncComposeDeps {
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
  dataDir: string | null;
  config?: SyncEngineConfig;
}

/**
 * ── Backups (issue 10, the backup part fills this) ──────────────────────────────────────────
 * Replace with the backup service's handlers; it reaches the server through `engine.cloud()`
 * (the request core: token, retries, errors) and seals with `engine.keyring()`.
 */
function backupHandlers(engine: SyncEngine): DomainHandlers<BackupMethods> {
  void engine;
  const notYet = () => new AppError(ErrorCode.NOT_AVAILABLE, 'Encrypted backups are not available in this build yet. Sync keeps your work on the server meanwhile.');
  return {
    'sync.backups.list': () => Promise.reject(notYet()),
    'sync.backups.create': () => Promise.reject(notYet()),
    'sync.backups.restore': () => Promise.reject(notYet()),
  };
}

/** The sync engine and every `sync.*` handler. */
export function composeSync(deps: SyncComposeDeps): { engine: SyncEngine; handlers: DomainHandlers<SyncMethods> } {
  const engine = createSyncEngine(deps);
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
    ...backupHandlers(engine),
    'sync.plan.get': () => engine.plan(),
    'sync.plan.checkout': (input) => engine.checkout(input.tier),
  };
  return { engine, handlers };
}
