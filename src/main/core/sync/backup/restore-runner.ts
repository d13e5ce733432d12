import type Database from 'better-sqlite3';
import BetterSqlite from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { JobProgress } from '../../../../shared/models/jobs';
import type { Clock } from '../../platform/clock';
import type { SodiumPort } from '../crypto';
import { verifyChain } from './backup-chain';
import { backupErrors } from './backup-errors';
import type { BackupKeys, BackupTransport } from './backup-ports';
import { BACKED_UP_FOLDERS, copyDatabase, DB_ENTRY } from './backup-sources';
import { assembleBackup } from './pack-reader';
import { markPendingRestore } from './pending-restore';

export interface RestoreRunnerDeps {
  dataDir: string;
  sqlite: Database.Database;
  sodium: SodiumPort;
  keys: BackupKeys;
  transport: () => BackupTransport;
  clock: Clock;
}

export interface RestoreRun {
  jobId: string;
  backupId: string;
  target: 'in-place' | 'new-folder';
  folder?: string | undefined;
  signal: AbortSignal;
  progress(progress: JobProgress): void;
}

export interface RestoreOutcome {
  /** Where the restored data is (the new folder, or this one after the next start). */
  folder: string;
  /** In place: the snapshot of the data as it was before, and that the restore applies at the next start. */
  snapshot: string | null;
  appliesAtNextStart: boolean;
}

/** Where in-place restores stage their files, and where their snapshots go. */
export const RESTORE_STAGING_FOLDER = 'sync-restore';
export const RESTORE_SNAPSHOTS_FOLDER = 'restore-snapshots';
const DEVICE_KEY = 'device_id';

/**
 * Restores a backup. Into a new folder: written beside it (`<folder>.restoring-<job>`), checked
 * whole, then renamed to the folder. In place: a snapshot of the current database and media is
 * taken first, the backup is written into a staging folder and checked, and a marker makes the
 * next start swap it in before the database opens ({@link applyPendingRestore}). Any failure
 * (TAMPERED, TRUNCATED, wrong keys, a lost server) removes what was staged: nothing in place changes.
 */
export function createRestoreRunner(deps: RestoreRunnerDeps) {
  const snapshotNow = async (jobId: string): Promise<string> => {
    const stamp = new Date(deps.clock.now()).toISOString().replace(/[:.]/g, '-');
    const relative = path.join(RESTORE_SNAPSHOTS_FOLDER, `${stamp}-${jobId.slice(0, 8)}`);
    const folder = path.join(deps.dataDir, relative);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await copyDatabase(deps.sqlite, path.join(folder, DB_ENTRY));
    for (const media of BACKED_UP_FOLDERS) {
      const from = path.join(deps.dataDir, media);
      if (existsSync(from)) await cp(from, path.join(folder, media), { recursive: true });
    }
    return relative;
  };

  return {
    async run(run: RestoreRun): Promise<RestoreOutcome> {
      const newFolder = run.target === 'new-folder' ? checkNewFolder(run.folder, deps.dataDir) : null;
      const keyring = deps.keys.keyring();
      const transport = deps.transport();
      const chain = await verifyChain({ transport, keyring, sodium: deps.sodium }, run.backupId);
      const snapshot = newFolder ? null : await snapshotNow(run.jobId);
      const staged = newFolder ? `${newFolder}.restoring-${run.jobId.slice(0, 8)}` : path.join(deps.dataDir, RESTORE_STAGING_FOLDER, run.jobId);
      await rm(staged, { recursive: true, force: true });
      await mkdir(staged, { recursive: true, mode: 0o700 });
      try {
        await assembleBackup({
          transport,
          sodium: deps.sodium,
          keyring,
          chain,
          into: staged,
          signal: run.signal,
          onBytes: (done, total) => run.progress({ done, total, message: 'Downloading and checking' }),
        });
        // A new folder is a new device (its own id, made at its first start); in place stays this device.
        setDeviceId(path.join(staged, DB_ENTRY), newFolder ? null : currentDeviceId(deps.sqlite));
      } catch (error) {
        await rm(staged, { recursive: true, force: true });
        throw error;
      }
      if (newFolder) {
        if (existsSync(newFolder)) await rmdir(newFolder);
        await rename(staged, newFolder);
        return { folder: newFolder, snapshot: null, appliesAtNextStart: false };
      }
      markPendingRestore(deps.dataDir, { backupId: run.backupId, staged: path.relative(deps.dataDir, staged), snapshot: snapshot ?? '', createdAt: deps.clock.now() });
      return { folder: deps.dataDir, snapshot: snapshot && path.join(deps.dataDir, snapshot), appliesAtNextStart: true };
    },
  };
}

export type RestoreRunner = ReturnType<typeof createRestoreRunner>;

/** An absolute path of a missing or empty folder, not this data folder nor inside it. */
function checkNewFolder(folder: string | undefined, dataDir: string): string {
  if (!folder || !path.isAbsolute(folder)) throw backupErrors.badFolder('Choose a folder to restore into (a full path).');
  const resolved = path.resolve(folder);
  const data = path.resolve(dataDir);
  if (resolved === data || resolved.startsWith(data + path.sep)) throw backupErrors.badFolder('Restore into a folder outside this data folder, or choose “in place”.');
  if (existsSync(resolved) && readdirSync(resolved).length > 0) throw backupErrors.badFolder('That folder is not empty: choose an empty or new folder to restore into.');
  return resolved;
}

function currentDeviceId(sqlite: Database.Database): string | null {
  return (sqlite.prepare('select value from sync_meta where key = ?').pluck().get(DEVICE_KEY) as string | undefined) ?? null;
}

/** Sets (or, for null, forgets) the restored database's device id; sync_meta has no capture triggers. */
function setDeviceId(file: string, deviceId: string | null): void {
  const db = new BetterSqlite(file);
  try {
    if (deviceId === null) db.prepare('delete from sync_meta where key = ?').run(DEVICE_KEY);
    else db.prepare('insert into sync_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run(DEVICE_KEY, deviceId);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
