import type { AppDatabase } from '../../db/connection';
import { SYNC_FUNCTIONS } from '../../db/connection';
import type { Clock, IdGenerator } from '../../platform/clock';
import { CaptureMode, TRIGGER_PREFIX, captureTriggers, initialClocksSql, missingClocksSql } from './capture-triggers';
import { createHlc, type HybridLogicalClock } from './hlc';
import { SYNCED_COLLECTIONS, type SyncedCollection } from './sync-registry';

const DEVICE_KEY = 'device_id';
const HLC_KEY = 'hlc';
const TRIGGERS_KEY = 'triggers';

/** Change capture attached to the core's connection. */
export interface ChangeCapture {
  /** This data folder's device id (random, made once, kept in the database). */
  deviceId: string;
  hlc: HybridLogicalClock;
  /** The next local change sequence number (marks a record dirty). */
  nextSeq(): number;
  /** Runs `work` with the triggers in `mode` (restored after, even when it throws). */
  withMode<T>(mode: CaptureMode, work: () => T): T;
  /** Writes the greatest clock issued or received, so a restart continues after it. */
  persistClock(): void;
}

/**
 * Attaches capture to the core's connection, after the migrations: reads or makes the device id,
 * restores the clock, registers the functions the triggers call, (re)creates the triggers when
 * the registry changed (idempotent: named by the hash of their SQL, so a table rebuilt by a later
 * migration gets them back at the next start) and gives rows older than capture their first clocks.
 */
export function attachChangeCapture(
  database: AppDatabase,
  deps: { clock: Clock; ids: IdGenerator; collections?: readonly SyncedCollection[] },
): ChangeCapture {
  const { sqlite } = database;
  const collections = deps.collections ?? SYNCED_COLLECTIONS;
  const meta = (key: string) => sqlite.prepare('select value from sync_meta where key = ?').pluck().get(key) as string | undefined;
  const setMeta = sqlite.prepare('insert into sync_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');

  let deviceId = meta(DEVICE_KEY);
  if (deviceId === undefined) {
    deviceId = deps.ids.newId().replace(/[^A-Za-z0-9]/g, '');
    setMeta.run(DEVICE_KEY, deviceId);
  }
  const stored = meta(HLC_KEY) ?? null;
  // The clocks already stored may be ahead of the persisted one (initial clocks come from rows'
  // own times, which a wrong wall clock may have put in the future): start after all of them.
  const greatest = () =>
    sqlite
      .prepare('select max(v) from (select max(tombstone) as v from sync_records union all select max(j.value) from sync_records, json_each(sync_records.clocks) as j)')
      .pluck()
      .get() as string | null;
  const hlc = createHlc({ clock: deps.clock, deviceId, last: stored || null });
  let seq = (sqlite.prepare('select coalesce(max(change_seq), 0) from sync_records').pluck().get() as number) ?? 0;
  let mode: CaptureMode = CaptureMode.capture;

  sqlite.function(SYNC_FUNCTIONS.mode, { deterministic: false }, () => mode);
  sqlite.function(SYNC_FUNCTIONS.hlc, { deterministic: false }, () => hlc.now());
  sqlite.function(SYNC_FUNCTIONS.last, { deterministic: false }, () => hlc.last());
  // Field lists repeat (one per trigger): split and quote each once.
  const fieldLists = new Map<string, string[]>();
  sqlite.function(SYNC_FUNCTIONS.clocks, { deterministic: false }, (fields: unknown) => {
    const list = typeof fields === 'string' ? fields : '';
    let quoted = fieldLists.get(list);
    if (!quoted) {
      quoted = list === '' ? [] : list.split(',').map((field) => JSON.stringify(field));
      fieldLists.set(list, quoted);
    }
    const clock = JSON.stringify(hlc.now());
    return `{${quoted.map((field) => `${field}:${clock}`).join(',')}}`;
  });
  sqlite.function(SYNC_FUNCTIONS.seq, { deterministic: false }, () => ++seq);

  const persistClock = () => {
    const last = hlc.last();
    if (last !== null) setMeta.run(HLC_KEY, last);
  };

  sqlite.transaction(() => {
    const set = captureTriggers(collections);
    const changed = meta(TRIGGERS_KEY) !== set.hash;
    const existing = sqlite.prepare("select name from sqlite_master where type = 'trigger' and name like ?").pluck().all(`${TRIGGER_PREFIX}%`) as string[];
    const wanted = new Set(set.triggers.map((trigger) => trigger.name));
    for (const name of existing) if (!wanted.has(name)) sqlite.exec(`drop trigger ${name}`);
    for (const trigger of set.triggers) if (!existing.includes(trigger.name)) sqlite.exec(trigger.sql);
    for (const collection of collections) {
      sqlite.prepare(initialClocksSql(collection)).run({ device: deviceId });
      if (changed) sqlite.prepare(missingClocksSql(collection)).run({ device: deviceId });
    }
    if (changed) setMeta.run(TRIGGERS_KEY, set.hash);
    const seen = greatest();
    if (seen !== null) hlc.receive(seen);
    // The row must exist: the triggers update it with every clock they issue.
    setMeta.run(HLC_KEY, hlc.last() ?? '');
  }).immediate();

  return {
    deviceId,
    hlc,
    nextSeq: () => ++seq,
    withMode(next, work) {
      const before = mode;
      mode = next;
      try {
        return work();
      } finally {
        mode = before;
      }
    },
    persistClock,
  };
}
