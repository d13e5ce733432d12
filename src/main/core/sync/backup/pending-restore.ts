import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKED_UP_FOLDERS, DB_ENTRY } from './backup-sources';

/** The marker of a restore staged for the next start: `<dataDir>/pending-restore.json`. */
export const PENDING_RESTORE_FILE = 'pending-restore.json';

const markerSchema = z.object({
  backupId: z.string(),
  /** The staged data folder, relative to the data folder. */
  staged: z.string(),
  /** Where the snapshot taken before the restore is (relative). */
  snapshot: z.string(),
  createdAt: z.number().int(),
});
export type PendingRestore = z.infer<typeof markerSchema>;

/** Writes the marker whole (temp file, rename): it exists only once the staged folder is complete and verified. */
export function markPendingRestore(dataDir: string, marker: PendingRestore): void {
  const temporary = path.join(dataDir, `${PENDING_RESTORE_FILE}.tmp`);
  writeFileSync(temporary, JSON.stringify(marker), { mode: 0o600 });
  renameSync(temporary, path.join(dataDir, PENDING_RESTORE_FILE));
}

export function readPendingRestore(dataDir: string): PendingRestore | null {
  const file = path.join(dataDir, PENDING_RESTORE_FILE);
  if (!existsSync(file)) return null;
  const parsed = markerSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : null;
}

/**
 * Applies a restore staged in place, before the core opens its database (a running core cannot
 * swap the file under its open connection safely). Each step is a rename and can be repeated, so
 * a crash part-way finishes at the following start: the database (its WAL and shared memory go:
 * they belong to the replaced file) and each backed-up folder are moved aside and the staged ones
 * renamed in; then the marker and the staging folder go. Returns the applied marker, or null.
 */
export function applyPendingRestore(dataDir: string): PendingRestore | null {
  const marker = readPendingRestore(dataDir);
  if (!marker) return null;
  const staged = path.join(dataDir, marker.staged);
  const aside = path.join(staged, '.replaced');
  mkdirSync(aside, { recursive: true });
  const swap = (relative: string) => {
    const incoming = path.join(staged, relative);
    const current = path.join(dataDir, relative);
    if (!existsSync(incoming)) return;
    if (existsSync(current)) {
      const away = path.join(aside, relative.replaceAll('/', '_'));
      rmSync(away, { recursive: true, force: true });
      renameSync(current, away);
    }
    mkdirSync(path.dirname(current), { recursive: true });
    renameSync(incoming, current);
  };
  // A restored database must not meet the replaced one's write-ahead log.
  for (const suffix of ['-wal', '-shm']) rmSync(path.join(dataDir, `${DB_ENTRY}${suffix}`), { force: true });
  swap(DB_ENTRY);
  for (const folder of BACKED_UP_FOLDERS) {
    // A folder the backup does not have is emptied all the same: the data folder becomes the backup's.
    if (!existsSync(path.join(staged, folder))) mkdirSync(path.join(staged, folder), { recursive: true });
    swap(folder);
  }
  rmSync(path.join(dataDir, PENDING_RESTORE_FILE), { force: true });
  rmSync(staged, { recursive: true, force: true });
  return marker;
}
