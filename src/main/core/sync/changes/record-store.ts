import type Database from 'better-sqlite3';
import { EXISTS_FIELD, type RecordState } from './record-state';
import { findCollection, type SqlValue, type SyncedCollection } from './sync-registry';

/** The sync layer's row of a record. */
export interface SyncRecordRow {
  collection: string;
  record_id: string;
  clocks: string;
  tombstone: string | null;
  dead_values: string | null;
  change_seq: number;
  uploaded_seq: number;
}

export type RowValues = Record<string, SqlValue>;

/** The key columns' values of a record id (one column: the id; several: a JSON array). */
export function keyValues(collection: SyncedCollection, id: string): SqlValue[] {
  if (collection.key.length === 1) return [id];
  const parsed: unknown = JSON.parse(id);
  if (!Array.isArray(parsed) || parsed.length !== collection.key.length) throw new Error(`Not an id of ${collection.name}: ${id}`);
  return parsed as SqlValue[];
}

/** The record id of a row's key values (the inverse of {@link keyValues}). */
export function recordIdOf(collection: SyncedCollection, row: RowValues): string {
  const values = collection.key.map((name) => row[name] ?? null);
  return collection.key.length === 1 ? String(values[0]) : JSON.stringify(values);
}

export const keyWhere = (collection: SyncedCollection) => collection.key.map((name) => `${name} = ?`).join(' and ');

export function requireCollection(name: string): SyncedCollection {
  const collection = findCollection(name);
  if (!collection) throw new Error(`Not a synced collection: ${name}`);
  return collection;
}

/** Reads the sync layer's rows and the synced tables' rows, with statements prepared once. */
export function createRecordStore(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const prepared = (source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  const syncRow = (collection: string, id: string) =>
    prepared('select * from sync_records where collection = ? and record_id = ?').get(collection, id) as SyncRecordRow | undefined;
  const tableRow = (collection: SyncedCollection, id: string) =>
    prepared(`select ${[...collection.key, ...collection.fields].join(', ')} from ${collection.table} where ${keyWhere(collection)}`).get(...keyValues(collection, id)) as
      | RowValues
      | undefined;

  /** A record's state from its sync row and its table row. */
  const stateOf = (collection: SyncedCollection, sync: SyncRecordRow): RecordState => {
    const clocks = Object.entries(JSON.parse(sync.clocks) as Record<string, string>).filter(([, hlc]) => sync.tombstone === null || hlc > sync.tombstone);
    const row = clocks.length > 0 ? tableRow(collection, sync.record_id) : undefined;
    const values: RowValues = row ?? (sync.dead_values ? (JSON.parse(sync.dead_values) as RowValues) : {});
    const fields: RecordState['fields'] = {};
    for (const [name, hlc] of clocks) {
      const value = name === EXISTS_FIELD ? (row ? 1 : 0) : (values[name] ?? null);
      fields[name] = { value, hlc };
    }
    return { collection: collection.name, id: sync.record_id, fields, ...(sync.tombstone !== null && { tombstone: sync.tombstone }) };
  };

  return {
    prepared,
    syncRow,
    tableRow,
    stateOf,
    /** The state of a record, or null when this device has never seen it. */
    recordState(collectionName: string, id: string): RecordState | null {
      const collection = requireCollection(collectionName);
      const sync = syncRow(collection.name, id);
      return sync ? stateOf(collection, sync) : null;
    },
    /** Records changed after `cursor` and not uploaded since, in change order. */
    dirtySince(cursor: number, limit: number): SyncRecordRow[] {
      return prepared('select * from sync_records where change_seq > ? and change_seq > uploaded_seq order by change_seq limit ?').all(cursor, limit) as SyncRecordRow[];
    },
    markUploaded(collection: string, id: string, seq: number): void {
      prepared('update sync_records set uploaded_seq = max(uploaded_seq, ?) where collection = ? and record_id = ?').run(seq, collection, id);
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
