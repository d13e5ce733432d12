import { describe, expect, it } from 'vitest';
import { formatSortKey, nextSortKey } from './sort-key';

const T = 1_700_000_000_000;

describe('creation-order keys', () => {
  it('carry the time, HLC-shaped, and sort as they were made', () => {
    expect(nextSortKey(T, null)).toBe('001700000000000-000000');
    const keys = [nextSortKey(T, null)];
    for (const now of [T, T, T + 5, T + 5]) keys.push(nextSortKey(now, keys.at(-1)));
    expect(keys).toEqual([formatSortKey(T, 0), formatSortKey(T, 1), formatSortKey(T, 2), formatSortKey(T + 5, 0), formatSortKey(T + 5, 1)]);
    expect([...keys].sort()).toEqual(keys);
  });

  it('stay after the newest key when the clock goes back', () => {
    const newest = formatSortKey(T, 7);
    expect(nextSortKey(T - 60_000, newest)).toBe(formatSortKey(T, 8));
    expect(nextSortKey(T, formatSortKey(T, 999_999))).toBe(formatSortKey(T + 1, 0));
  });

  it('follow a full HLC string (with a device id) as well', () => {
    const hlc = `${formatSortKey(T, 3)}-device-b`;
    const next = nextSortKey(T, hlc);
    expect(next).toBe(formatSortKey(T, 4));
    expect(next > hlc).toBe(true);
  });

  it('made on two devices from the same state, sort by time: no collision, and one order everywhere', () => {
    const base = nextSortKey(T, null);
    const onA = { id: 'b-msg', key: nextSortKey(T + 20, base) };
    const onB = { id: 'a-msg', key: nextSortKey(T + 10, base) };
    const same = { id: 'c-msg', key: nextSortKey(T + 20, base) };
    const sort = (list: Array<{ id: string; key: string }>) =>
      [...list].sort((x, y) => (x.key === y.key ? (x.id < y.id ? -1 : 1) : x.key < y.key ? -1 : 1)).map((m) => m.id);
    expect(sort([onA, onB, same])).toEqual(['a-msg', 'b-msg', 'c-msg']);
    expect(sort([same, onB, onA])).toEqual(['a-msg', 'b-msg', 'c-msg']);
  });
});
