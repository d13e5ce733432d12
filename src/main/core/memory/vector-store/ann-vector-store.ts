import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAnnIndexClient, type AnnIndexClient } from './ann-index-client';
import { ANN_FORMAT, type AnnSettings } from './ann-index.types';
import { createExactVectorStore } from './exact-vector-store';
import type { AnnMode, AnnVectorStore, AnnVectorStoreOptions } from './ann-vector-store.types';

export type { AnnIndexStatus, AnnMode, AnnVectorStore, AnnVectorStoreOptions } from './ann-vector-store.types';
import type { VectorHit } from './vector-store.types';
import { createVectorRowsRepository } from './vector-rows.repo';

/**
 * Projects with fewer vectors than this are searched exactly and get no index. An exact vec0
 * scan costs ~0.85 µs per 384-float vector (85 ms at 100k, ../shared/LIBRARY-NOTES.md; the
 * benchmark prints its own small-project figures), so 5,000 rows stay within the 6 ms budget
 * of a search, and a 5,000-row index is built in well under a second when a project grows past it.
 */
export const EXACT_BELOW = 5_000;

/**
 * HNSW settings chosen with bench/memory-scale.ts. int8 keeps the index at ~530 MB for 1M × 384
 * (the floats stay in SQLite only); expansionSearch 128 rather than 64 because neighbours that
 * are not near-paraphrases were missed at 64 (recall 0.93–0.95 on the test's small groups).
 */
export const DEFAULT_ANN_SETTINGS: Omit<AnnSettings, 'dimensions'> = {
  quantization: 'i8',
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 128,
};

/** Rows read from SQLite and sent to the worker per step of a rebuild. */
const BUILD_BATCH = 1024;

interface Entry {
  mode: Exclude<AnnMode, 'exact'>;
  rebuiltBecause?: string;
  ready: Promise<void>;
  dirty: boolean;
}

/**
 * Vectors in SQLite (the exact vec0 store: the source of truth) with one HNSW index per project
 * in a worker thread, persisted in `dir` and rebuilt from SQLite when missing, stale or damaged.
 * Small projects, projects whose index is loading or building, and everything after a worker
 * failure are searched exactly. ANN candidates are re-ranked with the stored float vectors,
 * so distances are exact and the quantized index only chooses candidates.
 */
export function createAnnVectorStore(options: AnnVectorStoreOptions): AnnVectorStore {
  const { sqlite, dir, logger } = options;
  const exact = createExactVectorStore(sqlite);
  const rows = createVectorRowsRepository(sqlite);
  const exactBelow = options.exactBelow ?? EXACT_BELOW;
  // ×4 measured at 1M embedding-like vectors (bench/memory-scale.ts): recall@10 0.92 with ×2,
  // 0.96 with ×4 (the int8 codes blur close neighbours; the float re-rank sorts them out). Each
  // candidate costs one vec0 read by rowid (~0.06 ms with 128-row chunks), so ×4 adds ~1 ms.
  const oversample = options.oversample ?? 4;
  const saveAfterMs = options.saveAfterMs ?? 10_000;
  const entries = new Map<string, Entry>();
  const client: AnnIndexClient | null = options.startWorker
    ? createAnnIndexClient(options.startWorker, (error) => {
        logger.warn({ err: error }, 'vector index worker failed; memory search stays exact');
        entries.clear();
      })
    : null;
  let saveTimer: NodeJS.Timeout | null = null;
  let closing = false;
  /** Vector counts of projects too small for an index, so searching them does not count each time. */
  const smallCounts = new Map<string, number>();

  const settings = (): AnnSettings | null => {
    const space = exact.space();
    return space ? { dimensions: space.dimensions, ...DEFAULT_ANN_SETTINGS, ...options.settings } : null;
  };
  const fileOf = (projectId: string) => path.join(dir, `${projectId}.usearch`);
  const usable = () => client !== null && !client.failed();

  const open = (projectId: string): Entry => {
    const entry: Entry = { mode: 'loading', dirty: false, ready: Promise.resolve() };
    entries.set(projectId, entry);
    entry.ready = loadOrBuild(projectId, entry).catch((error: unknown) => {
      if (entries.get(projectId) === entry) entries.delete(projectId);
      logger.warn({ err: error, projectId }, 'vector index unavailable; searching exactly');
    });
    return entry;
  };

  async function loadOrBuild(projectId: string, entry: Entry): Promise<void> {
    const space = exact.space();
    const current = settings();
    if (!client || !space || !current) return;
    const expect = { format: ANN_FORMAT, model: space.model, settings: current, generation: rows.generation(projectId), count: exact.count(projectId) };
    const reply = await client.request({ op: 'load', project: projectId, file: fileOf(projectId), expect });
    if (reply && 'loaded' in reply && reply.loaded) {
      entry.mode = 'ann';
      return;
    }
    entry.mode = 'building';
    entry.rebuiltBecause = reply && 'reason' in reply ? reply.reason : 'missing';
    await build(client, projectId, entry, current);
    if (entries.get(projectId) !== entry) return;
    entry.mode = 'ann';
    entry.dirty = true;
    await save(projectId, entry);
  }

  /**
   * Streams the project's rows from SQLite to the worker, one batch in flight while the next is
   * read. A batch is read only after the previous one was sent, so a change made meanwhile is
   * sent after the rows it touches (the worker applies requests in order).
   */
  async function build(worker: AnnIndexClient, projectId: string, entry: Entry, current: AnnSettings): Promise<void> {
    await worker.request({ op: 'create', project: projectId, settings: current });
    const ids = rows.idsOf(projectId);
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < ids.length; start += BUILD_BATCH) {
      if (closing || entries.get(projectId) !== entry) throw new Error('The vector index build was abandoned.');
      const keys: number[] = [];
      const vectors = new Float32Array(Math.min(BUILD_BATCH, ids.length - start) * current.dimensions);
      for (const id of ids.slice(start, start + BUILD_BATCH)) {
        const vector = rows.vectorOf(id, projectId);
        if (!vector) continue;
        vectors.set(vector, keys.length * current.dimensions);
        keys.push(id);
      }
      const sent = worker.request({ op: 'add', project: projectId, keys: Float64Array.from(keys), vectors: vectors.subarray(0, keys.length * current.dimensions) });
      await inFlight;
      inFlight = sent;
    }
    await inFlight;
  }

  async function save(projectId: string, entry: Entry): Promise<void> {
    const space = exact.space();
    const current = settings();
    if (!client || !space || !current || entry.mode !== 'ann' || !entry.dirty) return;
    entry.dirty = false;
    const meta = { format: ANN_FORMAT, model: space.model, settings: current, generation: rows.generation(projectId) };
    await client.request({ op: 'save', project: projectId, file: fileOf(projectId), meta });
  }

  const flush = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    await Promise.all([...entries].map(([projectId, entry]) => save(projectId, entry)));
  };

  const changed = (projectId: string) => {
    const entry = entries.get(projectId);
    if (!entry) return;
    entry.dirty = true;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void flush().catch((error: unknown) => logger.warn({ err: error }, 'saving the vector index failed')), saveAfterMs);
    saveTimer.unref();
  };

  /** Opens the project's index once it is big enough to need one. */
  const ensure = (projectId: string): Entry | null => {
    const entry = entries.get(projectId);
    if (entry || !usable() || !exact.space()) return entry ?? null;
    const count = smallCounts.get(projectId) ?? exact.count(projectId);
    if (count >= exactBelow) {
      smallCounts.delete(projectId);
      return open(projectId);
    }
    smallCounts.set(projectId, count);
    return null;
  };

  async function annSearch(projectId: string, vector: Float32Array, k: number): Promise<VectorHit[]> {
    if (!client) return [];
    const reply = await client.request({ op: 'search', project: projectId, vector, k: k * oversample });
    const keys = reply && 'keys' in reply ? reply.keys : [];
    return rows
      .distances(projectId, vector, keys)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, k);
  }

  return {
    space: exact.space,
    useSpace(space) {
      const before = exact.space();
      const result = exact.useSpace(space);
      if (before && before.model === space.model && before.dimensions === space.dimensions) return result;
      entries.clear();
      smallCounts.clear();
      rows.forgetGenerations();
      // Index files of the old space would only be found stale at open: they go now (no worker is started for a folder never made).
      if (existsSync(dir)) client?.send({ op: 'drop-all', dir });
      return result;
    },
    upsert(batch) {
      if (batch.length === 0) return;
      const moved = rows.projectsOf(batch.map((row) => row.id));
      sqlite.transaction(() => {
        exact.upsert(batch);
        rows.bump(new Set([...batch.map((row) => row.projectId), ...moved.values()]));
      })();
      for (const projectId of [...batch.map((row) => row.projectId), ...moved.values()]) smallCounts.delete(projectId);
      const byProject = new Map<string, typeof batch>();
      for (const row of batch) {
        const previous = moved.get(row.id);
        // A row moved to another project leaves the old project's index.
        if (previous !== undefined && previous !== row.projectId && entries.has(previous)) {
          client?.send({ op: 'remove', project: previous, keys: Float64Array.of(row.id) });
          changed(previous);
        }
        byProject.set(row.projectId, [...(byProject.get(row.projectId) ?? []), row]);
      }
      for (const [projectId, projectRows] of byProject) {
        const entry = entries.get(projectId) ?? ensure(projectId);
        // An index still loading gets the change after the load, in order; a failed load rebuilds from SQLite, which has it.
        if (!entry || !client) continue;
        const vectors = new Float32Array(projectRows.length * projectRows[0]!.vector.length);
        projectRows.forEach((row, i) => vectors.set(row.vector, i * row.vector.length));
        client.send({ op: 'add', project: projectId, keys: Float64Array.from(projectRows, (row) => row.id), vectors });
        changed(projectId);
      }
    },
    delete(ids) {
      if (ids.length === 0) return;
      const owners = rows.projectsOf(ids);
      sqlite.transaction(() => {
        exact.delete(ids);
        rows.bump(new Set(owners.values()));
      })();
      for (const projectId of owners.values()) smallCounts.delete(projectId);
      const byProject = new Map<string, number[]>();
      for (const [id, projectId] of owners) byProject.set(projectId, [...(byProject.get(projectId) ?? []), id]);
      for (const [projectId, projectIds] of byProject) {
        if (!entries.has(projectId)) continue;
        client?.send({ op: 'remove', project: projectId, keys: Float64Array.from(projectIds) });
        changed(projectId);
      }
    },
    deleteProject(projectId) {
      sqlite.transaction(() => {
        exact.deleteProject(projectId);
        rows.forgetGeneration(projectId);
      })();
      entries.delete(projectId);
      smallCounts.delete(projectId);
      client?.send({ op: 'drop', project: projectId, file: fileOf(projectId) });
    },
    async search(projectId, vector, k) {
      const entry = ensure(projectId);
      if (!entry || entry.mode !== 'ann' || !usable()) return exact.search(projectId, vector, k);
      try {
        return await annSearch(projectId, vector, k);
      } catch (error) {
        logger.warn({ err: error, projectId }, 'vector index search failed; searching exactly');
        return exact.search(projectId, vector, k);
      }
    },
    count: exact.count,
    status(projectId) {
      const entry = entries.get(projectId);
      if (!entry || !usable()) return { mode: 'exact' };
      return entry.rebuiltBecause ? { mode: entry.mode, rebuiltBecause: entry.rebuiltBecause } : { mode: entry.mode };
    },
    async prepare(projectId) {
      await ensure(projectId)?.ready;
    },
    async whenIdle() {
      await Promise.all([...entries.values()].map((entry) => entry.ready));
      if (usable()) await client?.request({ op: 'sync' });
    },
    flush,
    async close() {
      closing = true;
      try {
        // Builds stop at their next batch; a half-built index is not saved and is rebuilt next time.
        await Promise.all([...entries.values()].map((entry) => entry.ready));
        await flush();
      } catch (error) {
        logger.warn({ err: error }, 'saving the vector index on close failed; it is rebuilt at the next start');
      }
      await client?.close();
      await exact.close();
    },
  };
}

/**
 * Where the worker's module is: beside this file when the core runs from its sources, beside
 * the bundle (`dist-electron/ann-index.worker.js`, see vite.config.ts) in the packaged app.
 */
export function defaultAnnWorkerUrl(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './ann-index.worker.ts' : './ann-index.worker.js', here);
}
