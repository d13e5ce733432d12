/**
 * The ANN worker: one usearch HNSW index per project, off the core's event loop. Started by
 * ann-index-client.ts; answers one request at a time, in order (see ann-index.types.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type usearchModule from 'usearch';
import type { Index } from 'usearch';
import type { AnnEnvelope, AnnIndexMeta, AnnReply, AnnReplyValue, AnnRequest, AnnSettings } from './ann-index.types';

/**
 * usearch's ES module build finds its native binary from the caller's stack, which points
 * nowhere useful inside a worker started from source; its CommonJS build uses `__dirname`.
 */
const usearch = (createRequire(import.meta.url)('usearch') as { default: typeof usearchModule }).default;

const port = parentPort;
if (!port) throw new Error('ann-index.worker runs only as a worker thread.');

const indexes = new Map<string, Index>();
const SCALARS = { i8: usearch.ScalarKind.I8, f16: usearch.ScalarKind.F16, f32: usearch.ScalarKind.F32 } as const;

function newIndex(settings: AnnSettings): Index {
  return new usearch.Index({
    dimensions: settings.dimensions,
    metric: usearch.MetricKind.Cos,
    quantization: SCALARS[settings.quantization],
    connectivity: settings.connectivity,
    expansion_add: settings.expansionAdd,
    expansion_search: settings.expansionSearch,
    multi: false,
  });
}

function indexOf(project: string): Index {
  const index = indexes.get(project);
  if (!index) throw new Error(`No vector index is open for project ${project}.`);
  return index;
}

const sha1Of = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');
const asKeys = (keys: Float64Array) => BigUint64Array.from(keys, (key) => BigInt(key));

function load(request: Extract<AnnRequest, { op: 'load' }>): AnnReplyValue {
  const metaFile = `${request.file}.json`;
  if (!existsSync(request.file) || !existsSync(metaFile)) return { loaded: false, reason: 'missing' };
  let meta: AnnIndexMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as AnnIndexMeta;
  } catch {
    return { loaded: false, reason: 'unreadable meta' };
  }
  const { expect } = request;
  const same =
    meta.format === expect.format &&
    meta.model === expect.model &&
    meta.generation === expect.generation &&
    meta.count === expect.count &&
    JSON.stringify(meta.settings) === JSON.stringify(expect.settings);
  if (!same) return { loaded: false, reason: 'stale' };
  // A damaged file could crash the native loader, so it is checked before usearch reads it.
  if (sha1Of(request.file) !== meta.sha1) return { loaded: false, reason: 'corrupt' };
  const index = newIndex(expect.settings);
  index.load(request.file);
  if (index.size() !== expect.count) return { loaded: false, reason: 'size differs' };
  indexes.set(request.project, index);
  return { loaded: true };
}

function add(index: Index, keys: Float64Array, vectors: Float32Array): void {
  const big = asKeys(keys);
  // The index holds one vector per key: a replaced vector is removed first.
  const present = index.contains(big);
  const stale = Array.isArray(present) ? big.filter((_, i) => present[i]) : present ? big : new BigUint64Array();
  if (stale.length > 0) index.remove(stale);
  index.add(big, vectors, 0);
}

function save(request: Extract<AnnRequest, { op: 'save' }>): AnnReplyValue {
  const index = indexOf(request.project);
  mkdirSync(path.dirname(request.file), { recursive: true });
  const temporary = `${request.file}.tmp`;
  index.save(temporary);
  const meta: AnnIndexMeta = { ...request.meta, count: index.size(), sha1: sha1Of(temporary) };
  // The old meta goes first: a crash between the renames leaves an index with no meta (rebuilt), never a mismatched pair.
  rmSync(`${request.file}.json`, { force: true });
  renameSync(temporary, request.file);
  writeFileSync(`${request.file}.json.tmp`, JSON.stringify(meta));
  renameSync(`${request.file}.json.tmp`, `${request.file}.json`);
  return { count: meta.count };
}

function handle(request: AnnRequest): AnnReplyValue {
  switch (request.op) {
    case 'load':
      return load(request);
    case 'create':
      indexes.set(request.project, newIndex(request.settings));
      return null;
    case 'add': {
      // Changes reach a project whose index failed to load before its rebuild starts: the
      // rebuild reads them from SQLite, so they are dropped here.
      const index = indexes.get(request.project);
      if (index) add(index, request.keys, request.vectors);
      return null;
    }
    case 'remove': {
      const index = indexes.get(request.project);
      if (index) index.remove(asKeys(request.keys));
      return null;
    }
    case 'search': {
      const index = indexOf(request.project);
      if (index.size() === 0) return { keys: [], distances: [] };
      const matches = index.search(request.vector, request.k, 1);
      return { keys: Array.from(matches.keys, Number), distances: Array.from(matches.distances) };
    }
    case 'save':
      return save(request);
    case 'drop':
      indexes.delete(request.project);
      for (const file of [request.file, `${request.file}.json`, `${request.file}.tmp`]) rmSync(file, { force: true });
      return null;
    case 'sync':
      return null;
    case 'drop-all':
      indexes.clear();
      if (existsSync(request.dir)) for (const name of readdirSync(request.dir)) rmSync(path.join(request.dir, name), { force: true, recursive: true });
      return null;
  }
}

port.on('message', (envelope: AnnEnvelope) => {
  let reply: AnnReply;
  try {
    reply = { id: envelope.id, ok: true, value: handle(envelope) };
  } catch (error) {
    reply = { id: envelope.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
