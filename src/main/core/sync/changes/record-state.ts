import type { SqlValue } from './sync-registry';

/** One synced field: its value and the hybrid logical clock of the write that set it. */
export interface FieldState {
  value: SqlValue;
  hlc: string;
}

/**
 * The state of a record as a CRDT: an LWW map of its fields, and the tombstone clock once it was
 * deleted for good. The tombstone wins over every field written before it (those are dropped).
 * Only a whole new insert of the record after it — a snapshot restore of something deleted for
 * good — brings it back: its `_exists` field then has a clock newer than the tombstone.
 */
export interface RecordState {
  collection: string;
  id: string;
  fields: Record<string, FieldState>;
  tombstone?: string;
}

/**
 * Total order on field states: the clock first (ties are impossible between devices, the HLC
 * ends with the device id), then the value's JSON, so that even two states that disagree under
 * one clock merge to the same result in any order.
 */
function newer(a: FieldState, b: FieldState): FieldState {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc ? a : b;
  const left = JSON.stringify(a.value);
  const right = JSON.stringify(b.value);
  return left >= right ? a : b;
}

/**
 * Merges two states of one record: per field the newer write, the later tombstone, and no fields
 * once tombstoned. Commutative, associative and idempotent (property-tested), so states may be
 * exchanged in any order, any number of times.
 */
export function mergeRecordStates(a: RecordState, b: RecordState): RecordState {
  if (a.collection !== b.collection || a.id !== b.id) {
    throw new Error(`Cannot merge states of different records: ${a.collection}/${a.id} and ${b.collection}/${b.id}`);
  }
  const tombstone = a.tombstone === undefined ? b.tombstone : b.tombstone === undefined || a.tombstone >= b.tombstone ? a.tombstone : b.tombstone;
  const fields: Record<string, FieldState> = {};
  for (const name of [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].sort()) {
    const left = a.fields[name];
    const right = b.fields[name];
    const chosen = left && right ? newer(left, right) : (left ?? right);
    // Writes the deletion came after are gone for good (dropping them keeps merge associative:
    // whatever a later merge brings for the field, it is either newer than the tombstone or dropped too).
    if (chosen && (tombstone === undefined || chosen.hlc > tombstone)) fields[name] = { value: chosen.value, hlc: chosen.hlc };
  }
  return { collection: a.collection, id: a.id, fields, ...(tombstone !== undefined && { tombstone }) };
}

/** Existence of a record, as a field: 1 present, 0 removed (see RecordState). */
export const EXISTS_FIELD = '_exists';

/**
 * Whether the record does not exist in this state: deleted for good and not inserted again since,
 * or (natural-key collections) removed by its newest `_exists` write.
 */
export function isDead(state: RecordState): boolean {
  const exists = state.fields[EXISTS_FIELD];
  if (state.tombstone !== undefined && (exists === undefined || exists.hlc < state.tombstone)) return true;
  return exists?.value === 0;
}

/** Whether two states are the same (same fields, values, clocks and tombstone). */
export function sameRecordState(a: RecordState, b: RecordState): boolean {
  return canonicalRecordState(a) === canonicalRecordState(b);
}

/** A canonical JSON of a state (sorted fields), for comparing and hashing. */
export function canonicalRecordState(state: RecordState): string {
  const fields = Object.keys(state.fields)
    .sort()
    .map((name) => [name, state.fields[name]?.value ?? null, state.fields[name]?.hlc ?? '']);
  return JSON.stringify([state.collection, state.id, state.tombstone ?? null, fields]);
}

/** The greatest clock in a state (fields and tombstone), or null for an empty one. */
export function maxClock(state: RecordState): string | null {
  let max: string | null = state.tombstone ?? null;
  for (const field of Object.values(state.fields)) if (max === null || field.hlc > max) max = field.hlc;
  return max;
}
