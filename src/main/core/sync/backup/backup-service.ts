import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { syncContract } from '../../../../shared/ipc/contract/sync.contract';
import type { SyncBackup, SyncRestore } from '../../../../shared/models/sync';
import { syncRestoreSchema } from '../../../../shared/models/sync';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { CategorisedFailure, type JobRunner } from '../../jobs';
import { readableBackups } from './backup-chain';
import type { SodiumPort } from '../crypto';
import { BACKUP_STAGING_FOLDER, createBackupRunner, type BackupRunner, type BackupRunnerDeps } from './backup-runner';
import { createRestoreRunner, type RestoreRunner } from './restore-runner';

/** The job kinds of backups and restores (durable, resumable, cancellable; progress in bytes). */
export const BACKUP_JOB_KIND = 'sync.backup';
export const RESTORE_JOB_KIND = 'sync.restore';

const backupPayload = zod.object({ kind: zod.enum(['full', 'incremental']) });

export interface BackupServiceDeps extends Omit<BackupRunnerDeps, 'sodium'> {
  jobs: JobRunner;
  /** libsodium, or how to load it (the sync engine loads it on first use). */
  sodium: SodiumPort | (() => Promise<SodiumPort>);
}

/**
 * The backup part's ports a shell, a test or a benchmark may set instead of the sync engine's
 * session (a test endpoint and keyring, small upload pieces, hashing on the core's thread).
 */
export type BackupOverrides = Partial<Pick<BackupServiceDeps, 'sodium' | 'keys' | 'transport' | 'deviceName' | 'uploadPieceBytes' | 'startHashWorker'>>;

export interface BackupService {
  /** The account's backups with what their manifests say, newest first. */
  list(): Promise<SyncBackup[]>;
  /** Enqueues a backup job (one at a time: asking again while one runs returns it). */
  startBackup(kind?: 'full' | 'incremental'): { jobId: string };
  /** Enqueues a restore job. */
  startRestore(input: SyncRestore): { jobId: string };
}

/** Registers `sync.backup` and `sync.restore` with the job runner and answers the `sync.backups.*` methods. */
export function createBackupService(input: BackupServiceDeps): BackupService {
  // A keyring handed over locked is refused like a missing one.
  const keys = {
    keyring() {
      const keyring = input.keys.keyring();
      if (keyring.isLocked()) throw new AppError(ErrorCode.KEYS_LOCKED, 'Encrypted backup and sync is locked: enter your passphrase to unlock it.');
      return keyring;
    },
  };
  let parts: Promise<{ sodium: SodiumPort; backups: BackupRunner; restores: RestoreRunner }> | null = null;
  const ready = () =>
    (parts ??= (typeof input.sodium === 'function' ? input.sodium() : Promise.resolve(input.sodium)).then((sodium) => {
      const runnerDeps = { ...input, keys, sodium };
      return { sodium, backups: createBackupRunner(runnerDeps), restores: createRestoreRunner(runnerDeps) };
    }));
  const deps = { ...input, keys };
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

  deps.jobs.register({
    kind: BACKUP_JOB_KIND,
    payload: backupPayload,
    // Transient failures (the server unreachable) retry with back-off and resume the upload.
    maxAttempts: 8,
    title: (payload) => (payload.kind === 'full' ? 'Full encrypted backup' : 'Encrypted backup'),
    async run(context) {
      const { backups } = await ready();
      const outcome = await final(backups.run({ jobId: context.jobId, kind: context.payload.kind, signal: context.signal, progress: (p) => context.progress(p) }), async (code) => {
        // A backup that cannot succeed by trying again frees its staged pack — unless signing in
        // or unlocking is all it needs, when Try again resumes the same upload.
        if (!KEEPS_STAGED.includes(code)) await rm(path.join(deps.dataDir, BACKUP_STAGING_FOLDER, context.jobId), { recursive: true, force: true });
      });
      context.progress({ done: 1, total: 1, message: `Backed up (${megabytes(outcome.uploadedBytes)} uploaded)` });
    },
  });
  deps.jobs.register({
    kind: RESTORE_JOB_KIND,
    payload: syncRestoreSchema,
    maxAttempts: 5,
    title: (payload) => (payload.target === 'in-place' ? 'Restore backup into this data folder' : 'Restore backup into a new folder'),
    async run(context) {
      const { restores } = await ready();
      const outcome = await final(restores.run({ jobId: context.jobId, ...context.payload, signal: context.signal, progress: (p) => context.progress(p) }));
      context.progress({
        done: 1,
        total: 1,
        message: outcome.appliesAtNextStart ? 'Restored: restart Nova Studio to open the restored data (a snapshot of the previous data was kept).' : `Restored into ${outcome.folder}`,
      });
    },
  });

  return {
    async list() {
      const keyring = keys.keyring();
      const { sodium } = await ready();
      const readable = await readableBackups({ transport: deps.transport(), keyring, sodium });
      return readable.map(
        ({ backup, manifest }): SyncBackup => ({
          id: backup.backupId,
          kind: backup.kind,
          parentId: backup.parentId,
          createdAt: backup.createdAt,
          bytes: backup.size,
          deviceName: manifest.deviceName,
          projects: manifest.projects,
          words: manifest.words,
        }),
      );
    },
    startBackup(kind = 'incremental') {
      // Locked keys are said at once, not as a failed job.
      deps.keys.keyring();
      const job = deps.jobs.enqueue({ kind: BACKUP_JOB_KIND, payload: { kind }, idempotencyKey: BACKUP_JOB_KIND });
      return { jobId: job.id };
    },
    startRestore(input) {
      deps.keys.keyring();
      const job = deps.jobs.enqueue({ kind: RESTORE_JOB_KIND, payload: input, idempotencyKey: RESTORE_JOB_KIND });
      return { jobId: job.id };
    },
  };
}

/** What trying again cannot change (changed or cut data, other keys, locked keys, signed out, a full plan) fails at once instead of after a retry. */
const NOT_RETRIED: readonly string[] = [
  ErrorCode.TAMPERED,
  ErrorCode.TRUNCATED,
  ErrorCode.WRONG_PASSPHRASE,
  ErrorCode.KEYS_LOCKED,
  ErrorCode.UNAUTHORIZED,
  ErrorCode.SYNC_SIGNED_OUT,
  ErrorCode.TOO_LARGE,
  ErrorCode.SYNC_QUOTA_EXCEEDED,
  ErrorCode.SYNC_REJECTED,
];
/** Failures that unlocking or signing in again fixes: the staged pack is kept, so Try again resumes the same upload. */
const KEEPS_STAGED: readonly string[] = [ErrorCode.KEYS_LOCKED, ErrorCode.UNAUTHORIZED, ErrorCode.SYNC_SIGNED_OUT];

async function final<T>(work: Promise<T>, onPermanent?: (code: string) => Promise<void>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && NOT_RETRIED.includes(error.code)) {
      await onPermanent?.(error.code);
      throw new CategorisedFailure(error.code, error.message, 'permanent', { cause: error });
    }
    // The server unreachable, failing or asking to slow down: retried with back-off (the job's attempts), the upload resumed.
    if (error instanceof AppError && error.retryable) throw new CategorisedFailure(error.code, error.message, 'transient', { cause: error });
    throw error;
  }
}

type SyncContract = typeof syncContract;
type BackupMethod = 'sync.backups.list' | 'sync.backups.create' | 'sync.backups.restore';
type BackupHandler<M extends BackupMethod> = (input: z.output<SyncContract[M]['input']>) => z.input<SyncContract[M]['output']> | Promise<z.input<SyncContract[M]['output']>>;

/**
 * The `sync.backups.*` handlers, typed against `syncContract` directly (compose-sync.ts spreads
 * them in with the rest of `sync.*`).
 */
export function createBackupHandlers(service: BackupService): { [M in BackupMethod]: BackupHandler<M> } {
  return {
    'sync.backups.list': () => service.list(),
    'sync.backups.create': (input) => service.startBackup(input.kind),
    'sync.backups.restore': (input) => service.startRestore(input),
  };
}
