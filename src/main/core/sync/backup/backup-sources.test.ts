import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDatabaseBeside, type StartCopyWorker } from './backup-sources';

let folder: string;
let live: Database.Database;
const BATCH = 50;

beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'nova-copy-'));
  live = new Database(path.join(folder, 'live.db'));
  live.pragma('journal_mode = WAL');
  live.exec('create table t (id integer primary key, data blob)');
  addBatches(200);
});
afterEach(() => {
  live.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Rows in transactions of BATCH: a consistent copy holds a whole number of batches. */
function addBatches(count: number): void {
  const insert = live.prepare('insert into t (data) values (?)');
  for (let i = 0; i < count; i += 1) live.transaction(() => {
    for (let j = 0; j < BATCH; j += 1) insert.run(Buffer.alloc(1024, i));
  })();
}

function rowsOf(file: string): { check: string; rows: number } {
  const copy = new Database(file, { readonly: true });
  try {
    return { check: copy.pragma('integrity_check', { simple: true }) as string, rows: copy.prepare('select count(*) from t').pluck().get() as number };
  } finally {
    copy.close();
  }
}

describe('copyDatabaseBeside', () => {
  it('copies on a thread of its own a consistent state while the app keeps writing', async () => {
    const outcomes: boolean[] = [];
    const counting: StartCopyWorker = (source, options) => {
      const worker = new Worker(source, { ...options, eval: true, execArgv: [] });
      worker.on('message', (message: { ok: boolean }) => outcomes.push(message.ok));
      return worker;
    };
    const target = path.join(folder, 'copy.db');
    const copying = copyDatabaseBeside(live, target, counting);
    // Writes on the live connection while the copy runs (each batch a transaction).
    const writing = (async () => {
      for (let i = 0; i < 20; i += 1) {
        addBatches(5);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([copying, writing]);
    // Copied by its own thread, not by the fallback.
    expect(outcomes).toEqual([true]);
    const { check, rows } = rowsOf(target);
    expect(check).toBe('ok');
    expect(rows % BATCH).toBe(0);
    expect(rows).toBeGreaterThanOrEqual(200 * BATCH);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it('copies on the core’s thread when its own thread fails', async () => {
    const dying: StartCopyWorker = (_source, options) => new Worker('process.exit(3)', { ...options, eval: true });
    const target = path.join(folder, 'copy.db');
    await copyDatabaseBeside(live, target, dying);
    expect(rowsOf(target)).toEqual({ check: 'ok', rows: 200 * BATCH });
  });
});
