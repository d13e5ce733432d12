import type { AppDatabase } from '../../db/connection';
import type { Clock } from '../../platform/clock';
import { CaptureMode } from './capture-triggers';
import type { ChangeCapture } from './change-capture';
import type { ChangeNotifier } from './change-notifier';
import { isDead, maxClock, mergeRecordStates, sameRecordState, type RecordState } from './record-state';
import { keyValues, keyWhere, type RecordStore, type RowValues } from './record-store';
import { collectionRank, findCollection, type SqlValue, type SyncedCollection } from './sync-registry';

/** What happened to each incoming record. */
export interface ApplyResult {
  /** Records whose local data changed. */
  applied: number;
  /** Records equal to what this device already had. */
  unchanged: number;
  /** Records waiting for their parent (or a unique value) — applied by a later call when it arrives. */
  parked: number;
  /** Records under a parent deleted for good: the cascade that deleted the parent removes them. */
  discarded: number;
}

type Outcome = 'applied' | 'unchanged' | 'parked' | 'discarded';

interface ParkedRow {
  collection: string;
  record_id: string;
  state: string;
}

/**
 * Applies remote record states: merges each with the local state (LWW per field, the tombstone
 * wins), writes the result with capture in apply mode, parents before children. A record whose
 * parent is missing is parked and retried on every later apply, never dropped.
 */
export function createRemoteApplier(deps: { database: AppDatabase; store: RecordStore; capture: ChangeCapture; notifier: ChangeNotifier; clock: Clock }) {
  const { database, store, capture, notifier } = deps;
  const { sqlite } = database;

  const writeSync = (collection: SyncedCollection, merged: RecordState, values: RowValues | null, clean: boolean) => {
    const clocks = JSON.stringify(Object.fromEntries(Object.entries(merged.fields).map(([name, field]) => [name, field.hlc])));
    const seq = capture.nextSeq();
    store
      .prepared(
        `insert into sync_records (collection, record_id, clocks, tombstone, dead_values, change_seq, uploaded_seq) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (collection, record_id) do update set clocks = excluded.clocks, tombstone = excluded.tombstone, dead_values = excluded.dead_values,
           change_seq = excluded.change_seq, uploaded_seq = case when ? then excluded.change_seq else sync_records.uploaded_seq end`,
      )
      .run(collection.name, merged.id, clocks, merged.tombstone ?? null, values ? JSON.stringify(values) : null, seq, clean ? seq : 0, clean ? 1 : 0);
  };

  const deleteRow = (collection: SyncedCollection, id: string) => {
    const row = store.tableRow(collection, id);
    if (!row) return;
    notifier.touch(collection, id, row);
    store.prepared(`delete from ${collection.table} where ${keyWhere(collection)}`).run(...keyValues(collection, id));
  };

  /** The value of a column in a merged state (key columns come from the id). */
  const columnValue = (collection: SyncedCollection, state: RecordState, column: string): SqlValue => {
    const keyIndex = collection.key.indexOf(column);
    if (keyIndex >= 0) return keyValues(collection, state.id)[keyIndex] ?? null;
    return state.fields[column]?.value ?? null;
  };

  /** `present`, `gone` (deleted for good here), or `missing` (not arrived yet). */
  const parentStatus = (collection: SyncedCollection, state: RecordState): { status: 'present' | 'gone' | 'missing'; parent?: { collection: string; id: string } } => {
    for (const link of collection.parents ?? []) {
      const parent = findCollection(link.collection);
      const id = columnValue(collection, state, link.column);
      if (!parent || id === null) continue;
      if (store.tableRow(parent, String(id))) continue;
      const sync = store.syncRow(parent.name, String(id));
      const gone = sync !== undefined && isDead(store.stateOf(parent, sync));
      return { status: gone ? 'gone' : 'missing', parent: { collection: parent.name, id: String(id) } };
    }
    return { status: 'present' };
  };

  const writeRow = (collection: SyncedCollection, merged: RecordState) => {
    const current = store.tableRow(collection, merged.id);
    const fields = collection.fields.filter((name) => merged.fields[name] !== undefined);
    const value = (name: string) => merged.fields[name]?.value ?? null;
    if (current) {
      const changed = fields.filter((name) => current[name] !== value(name));
      if (changed.length === 0) return;
      store
        .prepared(`update ${collection.table} set ${changed.map((name) => `${name} = ?`).join(', ')} where ${keyWhere(collection)}`)
        .run(...changed.map(value), ...keyValues(collection, merged.id));
    } else {
      const defaults = Object.entries(collection.createDefaults?.(deps.clock.now()) ?? {}).filter(([name]) => !fields.includes(name));
      const columns = [...collection.key, ...fields, ...defaults.map(([name]) => name)];
      store
        .prepared(`insert into ${collection.table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)
        .run(...keyValues(collection, merged.id), ...fields.map(value), ...defaults.map(([, fallback]) => fallback));
    }
    notifier.touch(collection, merged.id, store.tableRow(collection, merged.id) ?? {});
  };

  const park = (state: RecordState, reason: string, parent?: { collection: string; id: string }) => {
    store
      .prepared(
        `insert into sync_parked (collection, record_id, state, reason, parent_collection, parent_id, parked_at) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (collection, record_id) do update set state = excluded.state, reason = excluded.reason, parent_collection = excluded.parent_collection, parent_id = excluded.parent_id`,
      )
      .run(state.collection, state.id, JSON.stringify(state), reason, parent?.collection ?? null, parent?.id ?? null, deps.clock.now());
  };

  const applyOne = (collection: SyncedCollection, incoming: RecordState): Outcome => {
    const parkedRow = store.prepared('select state from sync_parked where collection = ? and record_id = ?').get(collection.name, incoming.id) as ParkedRow | undefined;
    const remote = parkedRow ? mergeRecordStates(incoming, JSON.parse(parkedRow.state) as RecordState) : mergeRecordStates(incoming, incoming);
    if (parkedRow) store.prepared('delete from sync_parked where collection = ? and record_id = ?').run(collection.name, incoming.id);
    const sync = store.syncRow(collection.name, incoming.id);
    const local = sync ? store.stateOf(collection, sync) : null;
    const merged = local ? mergeRecordStates(local, remote) : remote;
    // Clean when the remote side already has exactly this; otherwise this device knows more: upload it.
    const clean = sameRecordState(merged, remote);
    if (local && sync && sameRecordState(merged, local)) {
      if (clean) store.markUploaded(collection.name, incoming.id, sync.change_seq);
      // What came in is older than what this device has: whoever sent it needs ours.
      else store.prepared('update sync_records set change_seq = ? where collection = ? and record_id = ?').run(capture.nextSeq(), collection.name, incoming.id);
      return 'unchanged';
    }
    if (isDead(merged) && collection.deletion === 'tombstone') {
      writeSync(collection, merged, null, clean);
      deleteRow(collection, merged.id);
      return 'applied';
    }
    if (isDead(merged)) {
      const values = Object.fromEntries(collection.fields.map((name) => [name, merged.fields[name]?.value ?? null]));
      writeSync(collection, merged, values, clean);
      deleteRow(collection, merged.id);
      return 'applied';
    }
    const parent = parentStatus(collection, merged);
    if (parent.status === 'gone') return 'discarded';
    if (parent.status === 'missing') {
      park(remote, 'parent', parent.parent);
      return 'parked';
    }
    try {
      sqlite.transaction(() => {
        writeRow(collection, merged);
        writeSync(collection, merged, null, clean);
      })();
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT'))) throw error;
      park(remote, 'conflict');
      return 'parked';
    }
    return 'applied';
  };

  const retryParked = (result: ApplyResult) => {
    for (let progress = true; progress; ) {
      progress = false;
      const rows = store.prepared('select collection, record_id, state from sync_parked order by parked_at').all() as ParkedRow[];
      for (const row of rows.sort((a, b) => collectionRank(a.collection) - collectionRank(b.collection))) {
        const collection = findCollection(row.collection);
        if (!collection) continue;
        const outcome = applyOne(collection, JSON.parse(row.state) as RecordState);
        if (outcome === 'parked') continue;
        progress = true;
        result[outcome] += 1;
      }
    }
  };

  return {
    /** Merges and applies remote states (any order, duplicates allowed). */
    apply(states: readonly RecordState[]): ApplyResult {
      const byRecord = new Map<string, RecordState>();
      for (const state of states) {
        const key = JSON.stringify([state.collection, state.id]);
        const seen = byRecord.get(key);
        byRecord.set(key, seen ? mergeRecordStates(seen, state) : state);
      }
      const ordered = [...byRecord.values()].sort((a, b) => collectionRank(a.collection) - collectionRank(b.collection));
      const result: ApplyResult = { applied: 0, unchanged: 0, parked: 0, discarded: 0 };
      // Local clocks issued from here on (cascaded tombstones, later edits) order after what came in.
      for (const state of ordered) {
        const clock = maxClock(state);
        if (clock !== null) capture.hlc.receive(clock);
      }
      sqlite
        .transaction(() => {
          capture.withMode(CaptureMode.apply, () => {
            for (const state of ordered) {
              const collection = findCollection(state.collection);
              // A collection of a newer version of the app waits until this device has it too.
              if (!collection) {
                park(state, 'unknown-collection');
                continue;
              }
              const outcome = applyOne(collection, state);
              if (outcome !== 'parked') result[outcome] += 1;
            }
            retryParked(result);
            const stillParked = store.prepared('select 1 from sync_parked where collection = ? and record_id = ?');
            result.parked = ordered.filter((state) => stillParked.get(state.collection, state.id) !== undefined).length;
          });
          capture.persistClock();
        })
        .immediate();
      notifier.flush();
      return result;
    },
  };
}
