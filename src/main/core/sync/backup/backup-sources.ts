import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_FOLDERS } from '../../media';
import { CHUNK_BYTES, type PackSource } from './pack-writer';

/** The database's name in a backup (and in a data folder). */
export const DB_ENTRY = 'nova.db';

/**
 * What a backup holds besides the database: the writer's own media (`media/assets/`, the images
 * and music they imported). Not renders (made again from the book), previews, the TTS and
 * segment caches, downloaded voices or the memory's vector indexes — all derived or downloadable.
 */
export const BACKED_UP_FOLDERS: readonly string[] = [MEDIA_FOLDERS.assets];

/**
 * Pages copied per step of the online backup. better-sqlite3's default, 100 (400 KiB), yields to
 * the event loop after each step: beside a backup's encryption on the same thread a 64 MB copy
 * then took 0.9 s of wall time for 75 ms of work. 4096 pages (16 MiB at 4 KiB) is a few
 * steps of ~15 ms each. The copy is consistent either way: SQLite carries the live connection's
 * writes between steps into the copy.
 */
const COPY_STEP_PAGES = 4096;

/**
 * A consistent copy of the live database: SQLite's online backup into `<file>.partial`, renamed
 * into place once whole, so a half-written copy never has the final name.
 */
export async function copyDatabase(sqlite: Database.Database, file: string): Promise<void> {
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  await sqlite.backup(partial, { progress: () => COPY_STEP_PAGES });
  await rename(partial, file);
}

/** The live database's size in bytes: what its online copy will be (the progress total before the copy is made). */
export function databaseBytes(sqlite: Database.Database): number {
  return (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
}

/** Every file under the backed-up folders, sorted (a stable order keeps chunk tables comparable). */
export async function mediaSources(dataDir: string): Promise<PackSource[]> {
  const out: PackSource[] = [];
  for (const folder of BACKED_UP_FOLDERS) {
    const root = path.join(dataDir, folder);
    if (!existsSync(root)) continue;
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      out.push({ path: path.relative(dataDir, file).split(path.sep).join('/'), file, chunkBytes: CHUNK_BYTES.media });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Live projects and their words, for the manifest (what the history list shows). */
export function countBook(sqlite: Database.Database): { projects: number; words: number } {
  const projects = sqlite.prepare('select count(*) from projects where deleted_at is null').pluck().get() as number;
  const words = sqlite
    .prepare('select coalesce(sum(s.word_count), 0) from scenes s join projects p on p.id = s.project_id where s.deleted_at is null and p.deleted_at is null')
    .pluck()
    .get() as number;
  return { projects, words };
}
