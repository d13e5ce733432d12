import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

/**
 * The copy's program on its own thread: a read-only connection of its own copies the database in
 * one step (a single read transaction, so writes by the app meanwhile neither block it nor make
 * it start over). Plain JavaScript run with `eval`, like the hashing thread; better-sqlite3 is
 * loaded from the path the core resolved.
 */
const COPY_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
db.backup(workerData.target, { progress: () => 0x7fffffff }).then(
  () => { db.close(); parentPort.postMessage({ ok: true }); },
  (error) => { db.close(); parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }); },
);
`;

/** Starts the copy's thread; a test passes one that fails to check the fallback. */
export type StartCopyWorker = (source: string, options: { workerData: unknown }) => Worker;
const startCopyWorker: StartCopyWorker = (source, options) => new Worker(source, { ...options, eval: true, execArgv: [] });

/**
 * {@link copyDatabase} on a thread of its own, beside the backup's encryption on the core's
 * thread (on the core's thread, the copy's steps took 0.3–0.45 s of its time for 64 MB). An
 * in-memory database, or a thread that cannot start or load SQLite, copies on the core's thread.
 */
export async function copyDatabaseBeside(sqlite: Database.Database, file: string, start: StartCopyWorker = startCopyWorker): Promise<void> {
  if (sqlite.memory) return copyDatabase(sqlite, file);
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  try {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = start(COPY_WORKER_SOURCE, { workerData: { module, source: sqlite.name, target: partial } });
    const outcome = await new Promise<{ ok: boolean; message?: string }>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (error) => resolve({ ok: false, message: error.message }));
      worker.once('exit', (code) => resolve({ ok: false, message: `the copy's thread stopped with code ${code}` }));
    });
    await worker.terminate();
    if (!outcome.ok) throw new Error(outcome.message);
    await rename(partial, file);
  } catch {
    // The same copy, on the core's thread: a real failure (a full disk) fails it there too.
    await copyDatabase(sqlite, file);
  }
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
