import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { silentLogger } from '../../platform/logger';
import { startModuleWorker } from '../../platform/module-worker';
import { createAnnVectorStore, defaultAnnWorkerUrl, type AnnVectorStore, type AnnVectorStoreOptions } from './ann-vector-store';
import { createExactVectorStore } from './exact-vector-store';
import type { VectorRow } from './vector-store.types';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const DIMENSIONS = 48;
const SPACE = { model: 'test-embed', dimensions: DIMENSIONS };

/** A seeded generator (mulberry32) so every run sees the same vectors. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Vectors shaped like sentence embeddings: a common direction shared by all, groups of eight
 * near-paraphrases around their own direction, and noise — neighbours differ only in detail.
 */
function embeddings(count: number, seed: number, firstId = 1, projectId = P1): VectorRow[] {
  const next = random(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
  const common = Float32Array.from({ length: DIMENSIONS }, gaussian);
  let group = new Float32Array(DIMENSIONS);
  return Array.from({ length: count }, (_, i) => {
    if (i % 8 === 0) group = Float32Array.from({ length: DIMENSIONS }, gaussian);
    const vector = Float32Array.from({ length: DIMENSIONS }, (_, d) => 0.5 * common[d]! + 0.5 * group[d]! + 0.25 * gaussian());
    return { id: firstId + i, projectId, vector };
  });
}

describe('ANN vector store (usearch HNSW beside sqlite-vec)', () => {
  let dir: string;
  let database: AppDatabase;
  let store: AnnVectorStore | null;

  const open = (options: Partial<AnnVectorStoreOptions> = {}) => {
    store = createAnnVectorStore({
      sqlite: database.sqlite,
      dir: path.join(dir, 'memory-index'),
      logger: silentLogger(),
      startWorker: () => startModuleWorker(defaultAnnWorkerUrl()),
      exactBelow: 100,
      ...options,
    });
    store.useSpace(SPACE);
    return store;
  };
  const reopen = async (options: Partial<AnnVectorStoreOptions> = {}) => {
    await store?.close();
    return open(options);
  };
  const indexFile = (projectId: string) => path.join(dir, 'memory-index', `${projectId}.usearch`);
  const ids = async (target: AnnVectorStore, projectId: string, vector: Float32Array, k = 10) =>
    (await target.search(projectId, vector, k)).map((hit) => hit.id);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nova-ann-'));
    database = openDatabase({ file: path.join(dir, 'nova.db') });
    store = null;
  });
  afterEach(async () => {
    await store?.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds what exact search finds (recall@10 ≥ 0.95 on 3,000 embedding-like vectors) with exact distances', async () => {
    const ann = open();
    const rows = embeddings(3000, 7);
    ann.upsert(rows);
    await ann.prepare(P1);
    expect(ann.status(P1)).toEqual({ mode: 'ann', rebuiltBecause: 'missing' });
    const exact = createExactVectorStore(database.sqlite);
    const queries = embeddings(40, 99, 10_000).map((row) => row.vector);
    let found = 0;
    for (const query of queries) {
      const expected = await exact.search(P1, query, 10);
      const got = await ann.search(P1, query, 10);
      found += got.filter((hit) => expected.some((want) => want.id === hit.id)).length;
      // Re-ranked with the stored floats: the distances of hits both found are exact.
      for (const hit of got) {
        const twin = expected.find((want) => want.id === hit.id);
        if (twin) expect(hit.distance).toBeCloseTo(twin.distance, 5);
      }
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps projects apart, sees new vectors at once and forgets deleted ones in SQLite and in the index', async () => {
    const ann = open();
    const mine = embeddings(600, 1, 1, P1);
    const theirs = embeddings(600, 1, 5000, P2); // the same vectors, another project
    ann.upsert([...mine, ...theirs]);
    await ann.whenIdle();
    await Promise.all([ann.prepare(P1), ann.prepare(P2)]);
    expect(ann.status(P1).mode).toBe('ann');
    const query = mine[42]!.vector;
    expect((await ids(ann, P1, query)).every((id) => id < 5000)).toBe(true);
    expect((await ids(ann, P2, query)).every((id) => id >= 5000)).toBe(true);

    // Added and searched without waiting: the worker applies requests in order.
    const added = { id: 9999, projectId: P1, vector: Float32Array.from(query, (x, d) => x + (d === 0 ? 0.001 : 0)) };
    ann.upsert([added]);
    expect((await ids(ann, P1, query, 2)).sort()).toEqual([42 + 1, 9999].sort());

    ann.delete([43, 9999]);
    expect(ann.count(P1)).toBe(599);
    expect(await ids(ann, P1, query)).not.toContain(43);
    expect(await ids(ann, P1, query)).not.toContain(9999);
    expect(await ids(ann, P2, query)).toContain(5042);

    // Saved and loaded (not rebuilt), the index still does not know the deleted rows.
    const again = await reopen();
    await again.prepare(P1);
    expect(again.status(P1)).toEqual({ mode: 'ann' });
    expect(await ids(again, P1, query)).not.toContain(43);

    again.deleteProject(P2);
    await again.whenIdle();
    expect(existsSync(indexFile(P2))).toBe(false);
    expect(await again.search(P2, query, 5)).toEqual([]);
  });

  it('rebuilds an index that is missing, stale or damaged from SQLite, and answers the same', async () => {
    const ann = open();
    ann.upsert(embeddings(1500, 3));
    await ann.prepare(P1);
    // A stored vector: its nearest rows are its own group, which any sound index finds.
    const query = embeddings(1500, 3)[100]!.vector;
    const exact = createExactVectorStore(database.sqlite);
    const truth = async () => (await exact.search(P1, query, 5)).map((hit) => hit.id);
    expect(await ids(ann, P1, query, 5)).toEqual(await truth());

    const loaded = await reopen();
    await loaded.prepare(P1);
    expect(loaded.status(P1)).toEqual({ mode: 'ann' });
    expect(await ids(loaded, P1, query, 5)).toEqual(await truth());

    await store?.close();
    rmSync(indexFile(P1));
    const missing = open();
    await missing.prepare(P1);
    expect(missing.status(P1)).toEqual({ mode: 'ann', rebuiltBecause: 'missing' });
    expect(await ids(missing, P1, query, 5)).toEqual(await truth());

    // Changed behind the index's back (as if the app stopped before saving it).
    await store?.close();
    exact.delete([101]);
    database.sqlite.prepare('update memory_vector_index_state set generation = generation + 1').run();
    const stale = open();
    await stale.prepare(P1);
    expect(stale.status(P1)).toEqual({ mode: 'ann', rebuiltBecause: 'stale' });
    expect(await ids(stale, P1, query, 5)).toEqual(await truth());
    expect(await ids(stale, P1, query, 5)).not.toContain(101);

    await store?.close();
    const bytes = readFileSync(indexFile(P1));
    bytes.fill(0xff, 100, 400);
    writeFileSync(indexFile(P1), bytes);
    const corrupt = open();
    await corrupt.prepare(P1);
    expect(corrupt.status(P1)).toEqual({ mode: 'ann', rebuiltBecause: 'corrupt' });
    expect(await ids(corrupt, P1, query, 5)).toEqual(await truth());
  });

  it('drops the index when the embedding space changes', async () => {
    const ann = open();
    ann.upsert(embeddings(500, 5));
    await ann.prepare(P1);
    await ann.flush();
    expect(existsSync(indexFile(P1))).toBe(true);
    expect(ann.useSpace({ model: 'other-embed', dimensions: 8 })).toEqual({ changed: true });
    await ann.whenIdle();
    expect(existsSync(indexFile(P1))).toBe(false);
    expect(ann.status(P1)).toEqual({ mode: 'exact' });
    expect(ann.count()).toBe(0);
  });

  it('searches small projects exactly, without an index, and everything exactly without a worker or after it died', async () => {
    const ann = open({ exactBelow: 1000 });
    const rows = embeddings(300, 11);
    ann.upsert(rows);
    await ann.prepare(P1);
    expect(ann.status(P1)).toEqual({ mode: 'exact' });
    await ann.flush();
    expect(existsSync(indexFile(P1))).toBe(false);
    const expected = await ids(ann, P1, rows[5]!.vector);
    expect(expected[0]).toBe(6);

    const workerless = await reopen({ exactBelow: 0, startWorker: null });
    await workerless.prepare(P1);
    expect(workerless.status(P1)).toEqual({ mode: 'exact' });
    expect(await ids(workerless, P1, rows[5]!.vector)).toEqual(expected);

    // A worker that dies takes no search with it: the store goes on exactly.
    const broken = await reopen({ exactBelow: 0, startWorker: () => new Worker('process.exit(3)', { eval: true }) });
    await broken.prepare(P1);
    expect(broken.status(P1)).toEqual({ mode: 'exact' });
    expect(await ids(broken, P1, rows[5]!.vector)).toEqual(expected);
  });
});
