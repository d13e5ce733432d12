import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { backupManifestSchema } from './backup-manifest';

/** What a backup job has done so far, on disk beside its staged pack (see backup-runner.ts). */
export const backupStateSchema = z.object({
  phase: z.literal('packed'),
  manifest: backupManifestSchema,
  /** The index of this backup's own pack in `manifest.packs` (its blob id is filled in at registration); null when every chunk was already stored. */
  ownPack: z.number().int().nonnegative().nullable(),
  cipherBytes: z.number().int().positive(),
  packedBytes: z.number().int().nonnegative(),
  uploadId: z.string().nullable(),
  /** The last durable offset the server answered (the server's own is asked again on resume). */
  offset: z.number().int().nonnegative(),
});
export type BackupState = z.infer<typeof backupStateSchema>;

const STATE = 'state.json';

/** A job's staging folder: its files and its state, written whole (temp file, then rename). */
export function createStaging(folder: string) {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  let writing: Promise<void> = Promise.resolve();
  const write = async (state: BackupState) => {
    const temporary = path.join(folder, `${STATE}.tmp`);
    await writeFile(temporary, JSON.stringify(state), { mode: 0o600 });
    await rename(temporary, path.join(folder, STATE));
  };
  return {
    folder,
    file: (name: string) => path.join(folder, name),
    async load(): Promise<BackupState | null> {
      try {
        const parsed = backupStateSchema.safeParse(JSON.parse(await readFile(path.join(folder, STATE), 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(state: BackupState): Promise<void> {
      writing = writing.then(() => write(state));
      await writing;
    },
    /** Queues a write without waiting (progress of an upload); writes stay in order. */
    saveSoon(state: BackupState): void {
      writing = writing.then(() => write(state)).catch(() => undefined);
    },
    remove: (name: string) => rm(path.join(folder, name), { force: true }),
    async discard(): Promise<void> {
      await writing;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
