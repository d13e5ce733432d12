import { createHash } from 'node:crypto';
import { SYNC_FUNCTIONS } from '../../db/connection';
import { EXISTS_FIELD, type SyncedCollection } from './sync-registry';

/*
 * SQL generated from the registry: the triggers that capture every change of a synced table,
 * and the statements that give rows older than capture their first clocks. The triggers call the
 * connection's functions (see change-capture.ts): mode 1 captures, mode 2 is a remote apply (only
 * deletions cascading from an applied tombstone are captured), mode 0 captures nothing.
 */

const { mode, hlc, clocks: clocksOf, last, seq } = SYNC_FUNCTIONS;

/** Mode numbers as the triggers read them. */
export const CaptureMode = { off: 0, capture: 1, apply: 2 } as const;
export type CaptureMode = (typeof CaptureMode)[keyof typeof CaptureMode];

/** Trigger names start with this, then the registry hash: triggers of an older registry are dropped. */
export const TRIGGER_PREFIX = 'sync_capture_';

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** SQL of a record's id: the key column's value, or a JSON array of the key columns' values. */
export function recordIdSql(collection: SyncedCollection, row: string): string {
  const [only, ...more] = collection.key;
  if (only !== undefined && more.length === 0) return `${row}.${only}`;
  return `json_array(${collection.key.map((name) => `${row}.${name}`).join(', ')})`;
}

const when = (collection: SyncedCollection, row: string, modes: string) =>
  [`${mode}() ${modes}`, ...(collection.captureWhen ? [`(${collection.captureWhen(row)})`] : [])].join(' and ');

const persistLast = `update sync_meta set value = ${last}() where key = 'hlc';`;

function insertTrigger(collection: SyncedCollection, name: string): string {
  const names = [...collection.fields, EXISTS_FIELD];
  // One clock for the whole insert, made in one call: the JSON object of every field → that clock.
  const clocks = `${clocksOf}(${quote(names.join(','))})`;
  return `create trigger ${name} after insert on ${collection.table} when ${when(collection, 'new', '= 1')} begin
  insert into sync_records (collection, record_id, clocks, change_seq) values (${quote(collection.name)}, ${recordIdSql(collection, 'new')}, ${clocks}, ${seq}())
    on conflict (collection, record_id) do update set clocks = json_patch(sync_records.clocks, excluded.clocks), change_seq = excluded.change_seq, dead_values = null;
  ${persistLast}
end`;
}

function updateTrigger(collection: SyncedCollection, name: string): string {
  const changed = (field: string) => `old.${field} is not new.${field}`;
  // One clock for the row's changed fields (concat_ws skips the unchanged ones' nulls).
  const clocks = `${clocksOf}(concat_ws(',', ${collection.fields.map((field) => `case when ${changed(field)} then ${quote(field)} end`).join(', ')}))`;
  const anyChanged = collection.fields.map(changed).join(' or ');
  return `create trigger ${name} after update of ${collection.fields.join(', ')} on ${collection.table} when ${when(collection, 'new', '= 1')} and (${anyChanged}) begin
  insert into sync_records (collection, record_id, clocks, change_seq) values (${quote(collection.name)}, ${recordIdSql(collection, 'new')}, ${clocks}, ${seq}())
    on conflict (collection, record_id) do update set clocks = json_patch(sync_records.clocks, excluded.clocks), change_seq = excluded.change_seq;
  ${persistLast}
end`;
}

function deleteTrigger(collection: SyncedCollection, name: string): string {
  const id = recordIdSql(collection, 'old');
  if (collection.deletion === 'presence') {
    const values = `json_object(${collection.fields.map((field) => `${quote(field)}, old.${field}`).join(', ')})`;
    return `create trigger ${name} after delete on ${collection.table} when ${when(collection, 'old', '= 1')} begin
  insert into sync_records (collection, record_id, clocks, change_seq, dead_values) values (${quote(collection.name)}, ${id}, ${clocksOf}(${quote(EXISTS_FIELD)}), ${seq}(), ${values})
    on conflict (collection, record_id) do update set clocks = json_patch(sync_records.clocks, excluded.clocks), change_seq = excluded.change_seq, dead_values = excluded.dead_values;
  ${persistLast}
end`;
  }
  // Also in apply mode: children removed by the cascade of an applied tombstone get their own
  // tombstone here. The applied record already has its tombstone and no `_exists` newer than it
  // (see isDead in record-state.ts), which the `where` keeps.
  return `create trigger ${name} after delete on ${collection.table} when ${when(collection, 'old', 'in (1, 2)')} begin
  insert into sync_records (collection, record_id, clocks, change_seq, tombstone) values (${quote(collection.name)}, ${id}, '{}', ${seq}(), ${hlc}())
    on conflict (collection, record_id) do update set clocks = '{}', change_seq = excluded.change_seq, tombstone = excluded.tombstone, dead_values = null
    where sync_records.tombstone is null or json_extract(sync_records.clocks, '$.${EXISTS_FIELD}') > sync_records.tombstone;
  ${persistLast}
end`;
}

export interface TriggerSet {
  /** Hash of the generated SQL: changes whenever the registry (or this generator) does. */
  hash: string;
  triggers: ReadonlyArray<{ name: string; sql: string }>;
}

/** The capture triggers of every collection, named by the hash of their SQL. */
export function captureTriggers(collections: readonly SyncedCollection[]): TriggerSet {
  const bodies = collections.flatMap((collection) =>
    (
      [
        ['insert', insertTrigger],
        ['update', updateTrigger],
        ['delete', deleteTrigger],
      ] as const
    ).map(([kind, make]) => ({ suffix: `${collection.table}_${kind}`, make: (name: string) => make(collection, name) })),
  );
  const draft = bodies.map((body) => body.make(`@${body.suffix}`)).join('\n');
  const hash = createHash('sha256').update(draft).digest('hex').slice(0, 10);
  return { hash, triggers: bodies.map((body) => ({ name: `${TRIGGER_PREFIX}${hash}_${body.suffix}`, sql: body.make(`${TRIGGER_PREFIX}${hash}_${body.suffix}`) })) };
}

/**
 * Gives every row without a sync record its first clocks: `@device` is this device, the wall
 * part the row's own last change (so a value older than an edit made elsewhere loses to it).
 * The rows become dirty: they are uploaded once.
 */
export function initialClocksSql(collection: SyncedCollection): string {
  const names = [...collection.fields, EXISTS_FIELD];
  const clock = `printf('%015d-000000-%s', max(coalesce(${collection.initialClock('t')}, 0), 0), @device)`;
  const filter = collection.captureWhen ? `(${collection.captureWhen('t')}) and ` : '';
  return `insert into sync_records (collection, record_id, clocks, change_seq)
  select ${quote(collection.name)}, ${recordIdSql(collection, 't')}, json_object(${names.map((field) => `${quote(field)}, ${clock}`).join(', ')}), ${seq}()
  from ${collection.table} as t
  where ${filter}not exists (select 1 from sync_records r where r.collection = ${quote(collection.name)} and r.record_id = ${recordIdSql(collection, 't')})`;
}

/**
 * After the registry changed: fields without a clock (a field added to the registry) get the
 * zero clock, so any real edit on any device wins over the column's default.
 */
export function missingClocksSql(collection: SyncedCollection): string {
  const names = [...collection.fields, EXISTS_FIELD];
  const zero = `printf('%015d-000000-%s', 0, @device)`;
  return `update sync_records set clocks = json_patch(json_object(${names.map((field) => `${quote(field)}, ${zero}`).join(', ')}), clocks)
  where collection = ${quote(collection.name)} and tombstone is null`;
}
