import Database from 'better-sqlite3';
import { canonicalRecordState, mergeRecordStates, SYNCED_COLLECTIONS, type RecordState } from '../core/sync';
import { createTestCore, type TestCore } from './test-core';
import { seededRandom, type SeededRandom } from '../core/platform/seeded-random';

/*
 * The convergence fuzzer of the sync layer's local side, shared by its test (small) and its
 * benchmark (full size): devices make seeded random changes through the real services, upload
 * what is dirty to an in-memory "server" (a map of merged record states — the real one stores
 * them sealed), and pull random subsets of it in random order, with duplicates. At the end every
 * device must hold the same synced contents, and no acknowledged (uploaded) field value may be
 * lost unless a later clock superseded it or the record was deleted for good.
 */

type Random = SeededRandom;

export interface FuzzOptions {
  seed: number;
  devices: number;
  operations: number;
  /** Chance, after each operation, that a random device uploads and pulls. */
  syncChance?: number;
}

export interface FuzzReport {
  operations: number;
  failedOperations: number;
  syncs: number;
  records: number;
  acknowledged: number;
  /** Synced contents of each device: per table, its rows (key + synced fields) as JSON. */
  contents: Array<Record<string, string[]>>;
  /** Where a device's synced contents differ from the first device's: `device i: table row`. */
  differences: string[];
  /** Records whose state differs between devices: `collection/id: state on device 0 | state on device i`. */
  stateDifferences: string[];
  /** Acknowledged field values that are neither present nor superseded. */
  lost: string[];
  parked: number[];
}

/** The stand-in server: merged states in a feed (a sequence number per change), a cursor per device. */
interface Server {
  records: Map<string, { state: RecordState; seq: number }>;
  seq: number;
  cursors: Map<TestCore, number>;
}
const key = (state: { collection: string; id: string }) => `${state.collection}\u0000${state.id}`;

function upload(device: TestCore, server: Server, acknowledged: Map<string, RecordState[]>): void {
  const sync = device.core.services.syncChanges;
  for (let cursor = 0; ; ) {
    const batch = sync.dirtyRecordsSince(cursor, 500);
    if (batch.records.length === 0) return;
    for (const { state } of batch.records) {
      const seen = server.records.get(key(state));
      server.seq += 1;
      server.records.set(key(state), { state: seen ? mergeRecordStates(seen.state, state) : state, seq: server.seq });
      const list = acknowledged.get(key(state)) ?? [];
      list.push(state);
      acknowledged.set(key(state), list);
    }
    sync.markUploaded(batch.records.map(({ state, seq }) => ({ collection: state.collection, id: state.id, seq })));
    cursor = batch.cursor;
  }
}

/** What changed on the server since the device's cursor, shuffled, with some states (old and new) sent twice. */
function pull(device: TestCore, server: Server, random: Random): void {
  const cursor = server.cursors.get(device) ?? 0;
  const all = [...server.records.values()];
  const fresh = all.filter((entry) => entry.seq > cursor).map((entry) => entry.state);
  const again = all.filter(() => random.next() < 0.01).map((entry) => entry.state);
  const batch = [...fresh, ...fresh.filter(() => random.next() < 0.2), ...again];
  for (let i = batch.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [batch[i], batch[j]] = [batch[j] as RecordState, batch[i] as RecordState];
  }
  // Delivered in batches of random sizes, as pages of a feed would be.
  for (let start = 0; start < batch.length; ) {
    const size = 1 + random.int(400);
    device.core.services.syncChanges.applyRemoteStates(batch.slice(start, start + size));
    start += size;
  }
  server.cursors.set(device, server.seq);
}

const TITLES = ['North', 'Salt', 'Ember', 'Harbour', 'Glass', 'Orchard', 'Lantern', 'Tide'];

/** One random change through the router, as the UI would make it; errors (a record deleted meanwhile) are expected. */
export async function operate(device: TestCore, random: Random): Promise<void> {
  const word = () => `${random.pick(TITLES)} ${random.int(1000)}`;
  const projects = await device.call('project.list', { includeArchived: true });
  const project = random.pick(projects);
  const roll = random.int(100);
  if (!project || roll < 4) {
    await device.call('project.create', { title: word() });
    return;
  }
  if (roll < 10) {
    await device.call('project.update', { id: project.id, ...(random.next() < 0.5 ? { title: word() } : { genre: word(), tone: word() }) });
    return;
  }
  if (roll < 14) {
    await device.call('codex.create', { projectId: project.id, kind: 'character', name: word() });
    return;
  }
  if (roll < 20) {
    const entry = random.pick(await device.call('codex.list', { projectId: project.id }));
    if (entry) await device.call('codex.update', { id: entry.id, description: word() });
    return;
  }
  if (roll < 24) {
    const trash = await device.call('trash.list', { projectId: project.id });
    const item = random.pick(trash);
    if (item) await device.call('trash.restore', { kind: item.kind, id: item.id });
    return;
  }
  if (roll < 26) {
    // Deletes for good: trashed projects with everything in them, or one project's trashed items.
    await device.call('trash.empty', { confirm: true, ...(random.next() < 0.6 && { projectId: project.id }) });
    return;
  }
  if (roll < 27) {
    await device.call('project.delete', { id: project.id });
    return;
  }
  const outline = await device.call('outline.get', { projectId: project.id });
  const chapter = random.pick(outline.chapters);
  if (!chapter || roll < 35) {
    await device.call('chapter.create', { projectId: project.id, title: word() });
    return;
  }
  const scene = random.pick(chapter.scenes);
  if (roll < 42) await device.call('chapter.update', { id: chapter.id, ...(random.next() < 0.5 ? { title: word() } : { synopsis: word() }) });
  else if (roll < 48) await device.call('chapter.move', { id: chapter.id, position: random.int(outline.chapters.length) });
  else if (roll < 51) await device.call('chapter.delete', { id: chapter.id });
  else if (!scene || roll < 62) await device.call('scene.create', { chapterId: chapter.id, title: word() });
  else if (roll < 80) await device.call('scene.update', { id: scene.id, ...(random.next() < 0.5 ? { title: word() } : { synopsis: word(), pov: word() }) });
  else if (roll < 92) {
    const target = random.pick(outline.chapters) ?? chapter;
    await device.call('scene.move', { id: scene.id, chapterId: target.id, position: random.int(target.scenes.length + 1) });
  } else if (roll < 97) await device.call('scene.delete', { id: scene.id });
  else await device.call('codex.delete', { id: random.pick(await device.call('codex.list', { projectId: project.id }))?.id ?? scene.id });
}

/** The synced columns of every synced table, rows sorted by key: what must be equal everywhere. */
export function syncedContents(device: TestCore): Record<string, string[]> {
  const sqlite = new Database(device.core.info.dbFile, { readonly: true });
  try {
    const tables = SYNCED_COLLECTIONS.map((collection) => {
      const columns = [...collection.key, ...collection.fields];
      const where = collection.captureWhen ? ` where ${collection.captureWhen(collection.table)}` : '';
      const rows = sqlite.prepare(`select ${columns.join(', ')} from ${collection.table}${where} order by ${collection.key.join(', ')}`).raw().all();
      return [collection.table, rows.map((row) => JSON.stringify(row))];
    });
    return Object.fromEntries(tables) as Record<string, string[]>;
  } finally {
    sqlite.close();
  }
}

export function differences(contents: Array<Record<string, string[]>>): string[] {
  const [first, ...others] = contents;
  if (!first) return [];
  return others.flatMap((other, index) =>
    Object.entries(first).flatMap(([table, rows]) => {
      const theirs = new Set(other[table] ?? []);
      const ours = new Set(rows);
      const missing = rows.filter((row) => !theirs.has(row)).map((row) => `device ${index + 1} lacks ${table} ${row}`);
      const extra = (other[table] ?? []).filter((row) => !ours.has(row)).map((row) => `device ${index + 1} has ${table} ${row}`);
      return [...missing, ...extra].slice(0, 6);
    }),
  );
}

/** A value acknowledged by the server is in the final state, or superseded by a later clock or a tombstone. */
export function lostValues(final: (collection: string, id: string) => RecordState | null, acknowledged: Map<string, RecordState[]>): string[] {
  const lost: string[] = [];
  for (const states of acknowledged.values()) {
    for (const state of states) {
      const now = final(state.collection, state.id);
      if (now?.tombstone !== undefined) continue;
      for (const [name, field] of Object.entries(state.fields)) {
        const kept = now?.fields[name];
        const fine = kept !== undefined && (kept.hlc > field.hlc || (kept.hlc === field.hlc && JSON.stringify(kept.value) === JSON.stringify(field.value)));
        if (!fine) lost.push(`${state.collection}/${state.id}.${name}@${field.hlc}`);
      }
    }
  }
  return lost;
}

/** Runs the fuzzer; the caller checks the report (and disposes nothing: devices are disposed here). */
export async function runConvergenceFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const devices = Array.from({ length: options.devices }, () => createTestCore({ config: { textWorker: null } }));
  const server: Server = { records: new Map(), seq: 0, cursors: new Map() };
  const acknowledged = new Map<string, RecordState[]>();
  let failedOperations = 0;
  let syncs = 0;
  try {
    for (let op = 0; op < options.operations; op += 1) {
      const device = devices[random.int(devices.length)] as TestCore;
      try {
        await operate(device, random);
      } catch {
        failedOperations += 1;
      }
      if (random.next() < (options.syncChance ?? 0.1)) {
        const syncing = devices[random.int(devices.length)] as TestCore;
        upload(syncing, server, acknowledged);
        pull(syncing, server, random);
        syncs += 1;
      }
    }
    // Everyone comes online: exchange until nothing is dirty anywhere.
    for (let round = 0; round < 6; round += 1) {
      for (const device of devices) upload(device, server, acknowledged);
      for (const device of devices) pull(device, server, random);
      const dirty = devices.some((device) => device.core.services.syncChanges.dirtyRecordsSince(0, 1).records.length > 0);
      if (!dirty) break;
    }
    const first = devices[0] as TestCore;
    const records = [...server.records.values()].map((entry) => entry.state);
    const contents = devices.map(syncedContents);
    return {
      operations: options.operations,
      failedOperations,
      syncs,
      records: records.length,
      acknowledged: [...acknowledged.values()].reduce((sum, list) => sum + list.length, 0),
      contents,
      differences: differences(contents),
      stateDifferences: records.flatMap((record) => {
        const [mine, ...theirs] = devices.map((device) => {
          const state = device.core.services.syncChanges.recordState(record.collection, record.id);
          return state ? canonicalRecordState(state) : 'none';
        });
        return theirs.flatMap((their, index) => (their === mine ? [] : [`${record.collection}/${record.id}: ${mine} | device ${index + 1}: ${their}`]));
      }),
      lost: lostValues((collection, id) => first.core.services.syncChanges.recordState(collection, id), acknowledged),
      parked: devices.map((device) => {
        const sqlite = new Database(device.core.info.dbFile, { readonly: true });
        const count = sqlite.prepare('select count(*) from sync_parked').pluck().get() as number;
        sqlite.close();
        return count;
      }),
    };
  } finally {
    for (const device of devices) device.dispose();
  }
}
