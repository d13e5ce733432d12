import type { AppDatabase } from '../../db/connection';
import type { EventBus } from '../../events';
import type { Clock, IdGenerator } from '../../platform/clock';
import { CaptureMode } from './capture-triggers';
import { attachChangeCapture } from './change-capture';
import { createChangeNotifier } from './change-notifier';
import type { HybridLogicalClock } from './hlc';
import type { RecordState } from './record-state';
import { createRecordStore, requireCollection } from './record-store';
import { createRemoteApplier, type ApplyResult } from './remote-apply';

/** A record that changed locally and is not uploaded yet; `seq` goes back to {@link SyncChanges.markUploaded}. */
export interface DirtyRecord {
  state: RecordState;
  seq: number;
}

/** The local side of sync: captured changes as record states, and remote states applied. */
export interface SyncChanges {
  /** This data folder's device id (random, made once). */
  deviceId: string;
  /** The device's hybrid logical clock (the triggers issue from it too). */
  hlc: HybridLogicalClock;
  /** The state of a record, or null when this device has never seen it. */
  recordState(collection: string, id: string): RecordState | null;
  /**
   * Up to `limit` records changed after `cursor` (a change sequence number; 0 for all) and not
   * uploaded since, oldest change first; `cursor` in the answer is where to continue.
   */
  dirtyRecordsSince(cursor: number, limit?: number): { records: DirtyRecord[]; cursor: number };
  /** Records the upload of these states; a record changed again since stays dirty. */
  markUploaded(records: ReadonlyArray<{ collection: string; id: string; seq: number }>): void;
  /** Merges remote states into the local data (see {@link createRemoteApplier}). */
  applyRemoteStates(states: readonly RecordState[]): ApplyResult;
  /** Runs `work` without capturing its writes (imports of data that is already synced elsewhere). */
  withCaptureOff<T>(work: () => T): T;
}

/**
 * Change capture and merge on the core's database. Attach it once per connection, after the
 * migrations: every insert, update and delete of a synced table is captured by triggers from then
 * on, whichever service makes it.
 */
export function createSyncChanges(deps: { database: AppDatabase; clock: Clock; ids: IdGenerator; events: EventBus }): SyncChanges {
  const capture = attachChangeCapture(deps.database, { clock: deps.clock, ids: deps.ids });
  const store = createRecordStore(deps.database.sqlite);
  const notifier = createChangeNotifier(deps.database.sqlite, deps.events);
  const applier = createRemoteApplier({ database: deps.database, store, capture, notifier, clock: deps.clock });
  return {
    deviceId: capture.deviceId,
    hlc: capture.hlc,
    recordState: (collection, id) => store.recordState(collection, id),
    dirtyRecordsSince(cursor, limit = 500) {
      const rows = store.dirtySince(cursor, limit);
      const records = rows.map((row) => ({ state: store.stateOf(requireCollection(row.collection), row), seq: row.change_seq }));
      return { records, cursor: rows.at(-1)?.change_seq ?? cursor };
    },
    markUploaded(records) {
      deps.database.sqlite.transaction(() => {
        for (const record of records) store.markUploaded(record.collection, record.id, record.seq);
      })();
    },
    applyRemoteStates: (states) => applier.apply(states),
    withCaptureOff: (work) => capture.withMode(CaptureMode.off, work),
  };
}
