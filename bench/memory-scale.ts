/**
 * Memory search at scale (issue 7, point 5): the ANN vector store (usearch HNSW beside
 * sqlite-vec) against exact vec0 search, measured in the same run on the same data.
 *
 *   NOVA_BENCH_MEMORY_SIZES=100000,1000000   vectors per run (default both)
 *   NOVA_BENCH_MEMORY_SHAPES=embedding,clustered
 *   NOVA_BENCH_MEMORY_QUERIES=300             ANN queries timed per run
 *   NOVA_BENCH_MEMORY_EXACT_QUERIES=40        exact queries per run (~0.9 s each at 1M); recall is
 *                                             measured on these
 *   NOVA_BENCH_MEMORY_OVERSAMPLE=4            HNSW candidates per result, re-ranked exactly
 *
 * Vectors are 384-dimensional and made with a fixed seed (bench/memory-vectors.ts). Indexing
 * is timed from the first batch written to the store until the index has every vector, and
 * excludes generating them (the embedding model's part).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase, type AppDatabase } from '../src/main/core/db/connection';
import { createAnnVectorStore, createExactVectorStore, defaultAnnWorkerUrl, EXACT_BELOW, type AnnVectorStore } from '../src/main/core/memory';
import { silentLogger } from '../src/main/core/platform/logger';
import { startModuleWorker } from '../src/main/core/platform/module-worker';
import { cosine, vectorSource, type VectorShape, type VectorSource } from './memory-vectors';
import { percentile } from './stats';

const DIMENSIONS = 384;
const SEED = 20261126;
const PROJECT = '11111111-1111-4111-8111-111111111111';
/** Rows per upsert, as an indexing job writes them; the job waits for the index every few batches. */
const BATCH = 500;
const BATCHES_PER_WAIT = 20;

const listOf = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map((item) => item.trim()).filter(Boolean);
const sizes = listOf('NOVA_BENCH_MEMORY_SIZES', '100000,1000000').map(Number);
const shapes = listOf('NOVA_BENCH_MEMORY_SHAPES', 'embedding,clustered') as VectorShape[];
const annQueries = Number(process.env.NOVA_BENCH_MEMORY_QUERIES ?? 300);
const exactQueries = Number(process.env.NOVA_BENCH_MEMORY_EXACT_QUERIES ?? 40);
const oversample = process.env.NOVA_BENCH_MEMORY_OVERSAMPLE === undefined ? {} : { oversample: Number(process.env.NOVA_BENCH_MEMORY_OVERSAMPLE) };

const started = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

interface Result {
  shape: VectorShape;
  size: number;
  annP50: number;
  annP95: number;
  exactP50: number;
  exactP95: number;
  recall: number;
  rate: number;
  diskMb: number;
  indexMb: number;
  loopP99: number;
  loopMax: number;
  openMs: number;
}

function sizeOf(target: string): number {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

function openStore(database: AppDatabase, dir: string): AnnVectorStore {
  const store = createAnnVectorStore({
    sqlite: database.sqlite,
    dir: path.join(dir, 'memory-index'),
    logger: silentLogger(),
    startWorker: () => startModuleWorker(defaultAnnWorkerUrl()),
    ...oversample,
  });
  store.useSpace({ model: 'bench', dimensions: DIMENSIONS });
  return store;
}

/**
 * Row id of vector `i`: a permutation, so that near neighbours do not sit in neighbouring rows
 * (in vec0, rows with close ids share a storage chunk, which would flatter the re-ranking reads).
 */
const idOf = (i: number, size: number) => ((i * 2_654_435_761) % size) + 1;

/** Writes `size` vectors the way an indexing job would; returns vectors/s and the event-loop delay meanwhile. */
async function index(store: AnnVectorStore, source: VectorSource, size: number) {
  const all = new Float32Array(size * DIMENSIONS);
  for (let i = 0; i < size; i += 1) all.set(source.vector(i), i * DIMENSIONS);
  log(`generated ${size.toLocaleString('en')} ${source.shape} vectors`);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const begin = performance.now();
  for (let start = 0, batch = 0; start < size; start += BATCH, batch += 1) {
    const rows = [];
    for (let i = start; i < Math.min(size, start + BATCH); i += 1) rows.push({ id: idOf(i, size), projectId: PROJECT, vector: all.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS) });
    store.upsert(rows);
    if (batch % BATCHES_PER_WAIT === BATCHES_PER_WAIT - 1) await store.whenIdle();
    else await new Promise((resolve) => setImmediate(resolve));
    if (start % 100_000 === 0 && start > 0) log(`  indexed ${start.toLocaleString('en')} (${store.status(PROJECT).mode})`);
  }
  await store.whenIdle();
  const seconds = (performance.now() - begin) / 1000;
  delay.disable();
  return { rate: size / seconds, loopP99: delay.percentile(99) / 1e6, loopMax: delay.max / 1e6 };
}

async function run(shape: VectorShape, size: number): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-memory-scale-'));
  const file = path.join(dir, 'nova.db');
  let database = openDatabase({ file });
  let store = openStore(database, dir);
  const source = vectorSource(shape, DIMENSIONS, SEED);
  try {
    log(`${shape} × ${size.toLocaleString('en')}: indexing`);
    const indexing = await index(store, source, size);
    log(`  ${Math.round(indexing.rate).toLocaleString('en')} vectors/s; saving and reopening`);
    await store.close();
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    const indexMb = sizeOf(path.join(dir, 'memory-index')) / 1e6;
    const diskMb = sizeOf(dir) / 1e6;
    database = openDatabase({ file });
    store = openStore(database, dir);
    const opening = performance.now();
    await store.prepare(PROJECT);
    const openMs = performance.now() - opening;
    if (store.status(PROJECT).mode !== 'ann') throw new Error(`The saved index was not loaded: ${JSON.stringify(store.status(PROJECT))}`);

    const queries = Array.from({ length: annQueries }, (_, j) => source.query(j, size));
    for (const query of queries.slice(0, 20)) await store.search(PROJECT, query, 10);
    const annTimes: number[] = [];
    const annIds: number[][] = [];
    for (const query of queries) {
      const begin = performance.now();
      const hits = await store.search(PROJECT, query, 10);
      annTimes.push(performance.now() - begin);
      annIds.push(hits.map((hit) => hit.id));
    }
    log(`  ANN p50 ${ms(percentile(annTimes, 50))} ms; exact baseline on ${exactQueries} queries`);
    const exact = createExactVectorStore(database.sqlite);
    const exactTimes: number[] = [];
    let found = 0;
    const nearest: number[] = [];
    for (let j = 0; j < exactQueries; j += 1) {
      const begin = performance.now();
      const hits = await exact.search(PROJECT, queries[j]!, 10);
      exactTimes.push(performance.now() - begin);
      nearest.push(1 - (hits[0]?.distance ?? 1));
      found += hits.filter((hit) => annIds[j]!.includes(hit.id)).length;
    }
    printShape(source, size, nearest);
    await store.close();
    return {
      shape,
      size,
      annP50: percentile(annTimes, 50),
      annP95: percentile(annTimes, 95),
      exactP50: percentile(exactTimes, 50),
      exactP95: percentile(exactTimes, 95),
      recall: found / (exactQueries * 10),
      diskMb,
      indexMb,
      openMs,
      ...indexing,
    };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The data's own statistics: cosine of random pairs and of each query's nearest neighbour. */
function printShape(source: VectorSource, size: number, nearest: number[]): void {
  const pairs = Array.from({ length: 2000 }, (_, i) => cosine(source.vector((i * 7919) % size), source.vector((i * 104_729 + 13) % size)));
  const fmt = (values: number[]) => [5, 50, 95].map((p) => percentile(values, p).toFixed(3)).join(' / ');
  log(`  cosine p5/p50/p95 — random pairs ${fmt(pairs)}; query → nearest ${fmt(nearest)}`);
}

/** How long exact search takes on small projects: where the store stops needing an index. */
async function smallProjects(): Promise<void> {
  const source = vectorSource('embedding', DIMENSIONS, SEED);
  const database = openDatabase({ file: ':memory:' });
  const exact = createExactVectorStore(database.sqlite);
  exact.useSpace({ model: 'bench', dimensions: DIMENSIONS });
  const line: string[] = [];
  let stored = 0;
  for (const size of [2_000, 5_000, 10_000, 20_000, 50_000]) {
    const rows = [];
    for (let i = stored; i < size; i += 1) rows.push({ id: i + 1, projectId: PROJECT, vector: source.vector(i) });
    exact.upsert(rows);
    stored = size;
    const times: number[] = [];
    for (let j = 0; j < 40; j += 1) {
      const begin = performance.now();
      await exact.search(PROJECT, source.query(j, size), 10);
      times.push(performance.now() - begin);
    }
    line.push(`${size.toLocaleString('en')}: ${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`);
  }
  database.close();
  log(`exact vec0 top-10 p50 / p95 ms on small projects — ${line.join('; ')} (index from ${EXACT_BELOW.toLocaleString('en')})`);
}

const COLUMNS = ['shape', 'size', 'ANN p50', 'ANN p95', 'exact p50', 'exact p95', 'ratio p50', 'recall@10', 'index /s', 'disk MB', 'of it index', 'loop p99', 'loop max', 'open ms'];
const header = () => COLUMNS.map((column, i) => (i === 0 ? column.padEnd(10) : column.padStart(12))).join('');

function rowOf(r: Result): string {
  const cells = [r.size.toLocaleString('en'), ms(r.annP50), ms(r.annP95), ms(r.exactP50), ms(r.exactP95), `${(r.exactP50 / r.annP50).toFixed(0)}x`, r.recall.toFixed(3), Math.round(r.rate).toLocaleString('en'), r.diskMb.toFixed(0), r.indexMb.toFixed(0), ms(r.loopP99), ms(r.loopMax), ms(r.openMs)];
  return `${r.shape.padEnd(10)}${cells.map((cell) => cell.padStart(12)).join('')}`;
}

function printTable(results: readonly Result[]): void {
  console.log(`\n${header()}`);
  for (const r of results) console.log(rowOf(r));
  console.log('\nTimes in ms (top-10, one query at a time); ratio = exact p50 / ANN p50; recall@10 against exact float vec0 search');
  console.log(`on the exact queries; loop = the core's event-loop delay while indexing (batches of ${BATCH}); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
}

log(`memory scale: sizes ${sizes.join(', ')}; shapes ${shapes.join(', ')}; ${annQueries} ANN / ${exactQueries} exact queries; ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`);
await smallProjects();
const results: Result[] = [];
for (const size of sizes) {
  for (const shape of shapes) {
    const result = await run(shape, size);
    results.push(result);
    // Printed as each run ends too: a long run stopped early keeps what it measured.
    log(`  ${header().trim()}\n${' '.repeat(9)}${rowOf(result)}`);
  }
}
printTable(results);
