/**
 * Sync change capture benchmark: what the capture triggers add to writes (as a ratio to the same
 * writes with capture off, on the same database), the cost of reading dirty records and applying
 * remote states, and the full-size convergence fuzzer (3 devices × 10,000 operations through the
 * services, exchanging states in random order with duplicates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../src/main/core';
import { openDatabase, type AppDatabase } from '../src/main/core/db/connection';
import { silentLogger } from '../src/main/core/platform/logger';
import { createEventBus } from '../src/main/core/events';
import { createSyncChanges, type SyncChanges } from '../src/main/core/sync';
import { runConvergenceFuzz } from '../src/main/testing/sync-convergence';
import { percentile, processCpuMs } from './stats';

const ROWS = 10_000;
const ROUNDS = 7;
const operations = Number(process.env.SYNC_FUZZ_OPERATIONS ?? 30_000);

let counter = 0;
const ids = { newId: () => `00000000-0000-4000-8000-${(counter++).toString(16).padStart(12, '0')}` };

function open(dir: string): { database: AppDatabase; sync: SyncChanges } {
  const database = openDatabase({ file: path.join(dir, 'nova.db') });
  const sync = createSyncChanges({ database, clock: { now: () => Date.now() }, ids, events: createEventBus(() => undefined) });
  return { database, sync };
}

interface Workload {
  name: string;
  run(database: AppDatabase, round: number, capture: boolean): void;
}

const content = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A lighthouse, forgotten. '.repeat(40) }] }] });

/** Each workload works on its own rows per round and mode, so both modes do the same work. */
const workloads: Workload[] = [
  {
    name: `bulk import: ${ROWS} scenes in one transaction`,
    run(database, round, capture) {
      const insert = database.sqlite.prepare(
        `insert into scenes (id, project_id, chapter_id, title, position, content, plain_text, word_count, created_at, updated_at) values (?, 'p', 'c', ?, ?, ?, '', 250, 1, 1)`,
      );
      database.sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i += 1) insert.run(`s-${round}-${capture}-${i}`, `Scene ${i}`, i, content);
      })();
    },
  },
  {
    name: `metadata edits: ${ROWS / 10} titles, one transaction each`,
    run(database, round, capture) {
      const update = database.sqlite.prepare('update scenes set title = ? where id = ?');
      for (let i = 0; i < ROWS / 10; i += 1) database.sqlite.transaction(() => update.run(`Renamed ${round}`, `s-${round}-${capture}-${i}`))();
    },
  },
  {
    name: `moves: ${ROWS} scenes given a new position key`,
    run(database, round, capture) {
      const update = database.sqlite.prepare("update scenes set position = position || 'V' where id = ?");
      database.sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i += 1) update.run(`s-${round}-${capture}-${i}`);
      })();
    },
  },
  {
    name: `word-count recount: ${ROWS} scenes (a local column)`,
    run(database, round, capture) {
      const update = database.sqlite.prepare('update scenes set word_count = word_count + 1 where id = ?');
      database.sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i += 1) update.run(`s-${round}-${capture}-${i}`);
      })();
    },
  },
  {
    name: `empty trash: ${ROWS} scenes deleted (tombstones)`,
    run(database, round, capture) {
      database.sqlite.prepare('delete from scenes where id like ?').run(`s-${round}-${capture}-%`);
    },
  },
];

function captureOverhead(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-sync-'));
  const { database, sync } = open(dir);
  database.sqlite.exec(`insert into projects (id, title, created_at, updated_at) values ('p', 'Bench', 1, 1);
    insert into chapters (id, project_id, title, position, created_at, updated_at) values ('c', 'p', 'One', 0, 1, 1);`);
  const times = new Map<string, { on: number[]; off: number[] }>(workloads.map((workload) => [workload.name, { on: [], off: [] }]));
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate which mode goes first, so neither profits from a warmer cache.
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const capture of order) {
      for (const workload of workloads) {
        // CPU time of this process: the machine is shared, and the capture's cost is CPU work.
        const started = processCpuMs();
        if (capture) workload.run(database, round, true);
        else sync.withCaptureOff(() => workload.run(database, round, false));
        times.get(workload.name)?.[capture ? 'on' : 'off'].push(processCpuMs(started));
      }
    }
  }
  console.log(`\nSync change capture: writes with capture on vs off (same database, CPU ms, median of ${ROUNDS} rounds)`);
  console.log(`${'workload'.padEnd(52)}${'off ms'.padStart(10)}${'on ms'.padStart(10)}${'ratio'.padStart(8)}`);
  for (const [name, { on, off }] of times) {
    const [onMs, offMs] = [percentile(on, 50), percentile(off, 50)];
    console.log(`${name.padEnd(52)}${offMs.toFixed(1).padStart(10)}${onMs.toFixed(1).padStart(10)}${(onMs / offMs).toFixed(2).padStart(7)}×`);
  }
  serviceOverhead();

  const started = performance.now();
  let dirty = 0;
  for (let cursor = 0; ; ) {
    const batch = sync.dirtyRecordsSince(cursor, 500);
    if (batch.records.length === 0) break;
    dirty += batch.records.length;
    cursor = batch.cursor;
  }
  const readMs = performance.now() - started;
  console.log(`dirty records read as states: ${dirty} in ${readMs.toFixed(0)} ms (${((readMs / Math.max(dirty, 1)) * 1000).toFixed(1)} µs each)`);

  // Remote apply: the states of 10,000 live scenes into a second database.
  database.sqlite.transaction(() => {
    const insert = database.sqlite.prepare(`insert into scenes (id, project_id, chapter_id, title, position, content, created_at, updated_at) values (?, 'p', 'c', ?, ?, '{}', 1, 1)`);
    for (let i = 0; i < ROWS; i += 1) insert.run(`live-${i}`, `Scene ${i}`, i);
  })();
  const states = ['projects:p', 'chapters:c', ...Array.from({ length: ROWS }, (_, i) => `scenes:live-${i}`)].map((ref) => {
    const [collection = '', id = ''] = ref.split(':');
    const state = sync.recordState(collection, id);
    if (!state) throw new Error(`no state of ${ref}`);
    return state;
  });
  const otherDir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-sync-'));
  const other = open(otherDir);
  const applyStarted = performance.now();
  for (let i = 0; i < states.length; i += 500) other.sync.applyRemoteStates(states.slice(i, i + 500));
  const applyMs = performance.now() - applyStarted;
  const againStarted = performance.now();
  for (let i = 0; i < states.length; i += 500) other.sync.applyRemoteStates(states.slice(i, i + 500));
  const againMs = performance.now() - againStarted;
  console.log(`remote apply of ${states.length} new records: ${applyMs.toFixed(0)} ms (${((applyMs / states.length) * 1000).toFixed(0)} µs each); the same again (unchanged): ${againMs.toFixed(0)} ms`);
  const reopenStarted = performance.now();
  other.database.close();
  const reopened = open(otherDir);
  console.log(`open with ${states.length} sync records (clock restore, trigger check, initial clocks): ${(performance.now() - reopenStarted).toFixed(0)} ms`);
  reopened.database.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
}

/** The same writes through the manuscript service (what a user's actions cost), capture on vs off. */
function serviceOverhead(): void {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-sync-'));
  const core = createCore({ dataDir, logger: silentLogger(), textWorker: null });
  const { manuscript, projects, syncChanges } = core.services;
  const project = projects.create({ title: 'Bench', description: '', genre: '', tone: '', status: 'drafting', wordGoal: 0 });
  const chapterId = manuscript.outline(project.id).chapters[0]?.id ?? '';
  const SCENES = 300;
  const times = { on: [] as number[], off: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const capture of round % 2 === 0 ? [true, false] : [false, true]) {
      const work = () => {
        const chapter = manuscript.createChapter({ projectId: project.id, title: `R${round}`, synopsis: '' });
        for (let i = 0; i < SCENES; i += 1) {
          const scene = manuscript.createScene({ chapterId: chapter.id, title: `Scene ${i}` });
          manuscript.updateScene({ id: scene.id, synopsis: 'Renamed' });
        }
        manuscript.moveScene({ id: manuscript.outline(project.id).chapters.at(-1)?.scenes[0]?.id ?? '', chapterId, position: 0 });
      };
      const started = processCpuMs();
      if (capture) work();
      else syncChanges.withCaptureOff(work);
      times[capture ? 'on' : 'off'].push(processCpuMs(started));
    }
  }
  const [onMs, offMs] = [percentile(times.on, 50), percentile(times.off, 50)];
  console.log(`${`through the service: ${SCENES} scene creates + edits, a move`.padEnd(52)}${offMs.toFixed(1).padStart(10)}${onMs.toFixed(1).padStart(10)}${(onMs / offMs).toFixed(2).padStart(7)}×`);
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}

async function convergence(): Promise<void> {
  const started = performance.now();
  const report = await runConvergenceFuzz({ seed: 20_261_126, devices: 3, operations, syncChance: 0.05 });
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nConvergence fuzzer: 3 devices, ${report.operations} operations through the services (${report.failedOperations} refused, e.g. on a record deleted meanwhile), ${report.syncs} partial syncs`);
  console.log(`  records ${report.records}, acknowledged uploads ${report.acknowledged}, rows per device ${Object.values(report.contents[0] ?? {}).flat().length}`);
  console.log(`  identical synced contents: ${report.differences.length === 0 ? 'yes' : `NO (${report.differences.length} differences)`}; identical record states: ${report.stateDifferences.length === 0 ? 'yes' : `NO (${report.stateDifferences.length})`}`);
  console.log(`  acknowledged values lost: ${report.lost.length}; parked left: ${report.parked.join(', ')}; ${seconds.toFixed(0)} s`);
  if (report.differences.length > 0 || report.stateDifferences.length > 0 || report.lost.length > 0) {
    console.log([...report.differences, ...report.stateDifferences, ...report.lost].slice(0, 10).join('\n'));
    process.exitCode = 1;
  }
}

captureOverhead();
await convergence();
