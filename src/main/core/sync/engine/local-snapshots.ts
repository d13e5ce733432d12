import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AppDatabase } from '../../db/connection';
import type { Clock } from '../../platform/clock';

export const SNAPSHOT_FOLDER = 'sync-snapshots';

/**
 * Whole-database copies taken before a pull applies other devices' changes (better-sqlite3's
 * online `backup()`: a consistent copy while the app keeps writing), named by time and pruned to
 * the last `kept`. Not the snapshots domain: that one keeps a project's scenes, this keeps
 * everything a merge could touch, so a bad merge can be undone by swapping the file in.
 */
export function createLocalSnapshots(deps: { database: AppDatabase; folder: string | null; kept: number; clock: Clock }) {
  const folder = deps.folder === null ? null : path.join(deps.folder, SNAPSHOT_FOLDER);
  const list = (): string[] => {
    if (folder === null) return [];
    try {
      return readdirSync(folder).filter((name) => name.endsWith('.db')).sort();
    } catch {
      return [];
    }
  };
  return {
    /** Takes a snapshot (nothing for an in-memory database). */
    async take(): Promise<void> {
      if (folder === null || deps.database.sqlite.memory) return;
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const name = `before-sync-${String(deps.clock.now()).padStart(15, '0')}.db`;
      await deps.database.sqlite.backup(path.join(folder, name));
      for (const old of list().slice(0, -deps.kept)) rmSync(path.join(folder, old), { force: true });
    },
    /** The snapshot files, oldest first. */
    list,
  };
}
