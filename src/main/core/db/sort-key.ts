/*
 * Creation-order keys for append-only lists that two devices may both append to offline (prompt
 * versions, chat messages): instead of a per-device counter (v5 on both), each row gets a key
 * shaped like the sync's hybrid logical clock — `${wallMs padded to 15}-${counter padded to 6}` —
 * that sorts after every key this device has seen in the list, and rows order by (key, id).
 * Rows made on different devices interleave by time, ties are broken by the random id, and the
 * order is the same on every device whatever order the rows arrived in. A full HLC string (with
 * the device id after a third dash) sorts correctly among these and can be passed as `previous`.
 */

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

/** The key of a row made at `now` after the row keyed `previous` (the list's newest, if any). */
export function nextSortKey(now: number, previous: string | null | undefined): string {
  const last = previous ? parseSortKey(previous) : null;
  if (!last || now > last.wall) return formatSortKey(Math.max(0, Math.floor(now)), 0);
  // The clock stood still or went back: stay after the newest row by its counter.
  return last.counter < MAX_COUNTER ? formatSortKey(last.wall, last.counter + 1) : formatSortKey(last.wall + 1, 0);
}

/** The key of the row at `wall` with `counter` (for migrations' and tests' fixed keys). */
export function formatSortKey(wall: number, counter: number): string {
  return `${wall.toString().padStart(WALL_DIGITS, '0')}-${counter.toString().padStart(COUNTER_DIGITS, '0')}`;
}

function parseSortKey(key: string): { wall: number; counter: number } | null {
  const match = /^(\d{15})-(\d{6})(?:-|$)/.exec(key);
  return match ? { wall: Number(match[1]), counter: Number(match[2]) } : null;
}
