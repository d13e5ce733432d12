import { generateNKeysBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import { comparePlaced, keyAfter, keysForOrder, placeAt, type Placed } from './positions';

/** Rows with the keys fractional-indexing makes from scratch, ids r0, r1, … */
const rows = (n: number): Placed[] => generateNKeysBetween(null, null, n).map((position, i) => ({ id: `r${i}`, position }));
const order = (list: readonly Placed[]) => [...list].sort(comparePlaced).map((row) => row.id);

/** A tiny deterministic generator (mulberry32), so the property checks are reproducible. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fractional positions', () => {
  it('orders by key in byte order (as SQLite compares text), then by id', () => {
    // 'Z' < 'a' in byte order though not alphabetically: keys must never be compared by locale.
    expect(order([{ id: 'b', position: 'a0' }, { id: 'a', position: 'Zz' }, { id: 'c', position: 'a0' }])).toEqual(['a', 'b', 'c']);
  });

  it('places a row at any index with one key between its neighbours, writing no other row', () => {
    const siblings = rows(4);
    for (let index = 0; index <= 4; index += 1) {
      const { position, shifted } = placeAt(siblings, index);
      expect(shifted).toEqual([]);
      expect(order([...siblings, { id: 'new', position }])).toEqual([...siblings.slice(0, index).map((r) => r.id), 'new', ...siblings.slice(index).map((r) => r.id)]);
    }
    expect(placeAt([], 3).position).toBe('a0');
    expect(placeAt(siblings, 99).position).toBe(keyAfter(siblings));
  });

  it('between two rows sharing a key (two devices picked it), re-keys only the rest of that tie run', () => {
    const siblings: Placed[] = [
      { id: 'a', position: 'a0' },
      { id: 'b', position: 'a1' },
      { id: 'c', position: 'a1' },
      { id: 'd', position: 'a1' },
      { id: 'e', position: 'a2' },
    ];
    const { position, shifted } = placeAt(siblings, 2);
    expect(shifted.map((row) => row.id)).toEqual(['c', 'd']);
    const after = siblings.map((row) => shifted.find((s) => s.id === row.id) ?? row);
    expect(order([...after, { id: 'new', position }])).toEqual(['a', 'b', 'new', 'c', 'd', 'e']);
    // At either end of a tie run nothing else moves.
    expect(placeAt(siblings, 1).shifted).toEqual([]);
    expect(placeAt(siblings, 4).shifted).toEqual([]);
  });

  it('two devices inserting at the same place from the same state pick the same key, and still agree on one order', () => {
    const base = rows(3);
    const onA = { id: 'x-from-a', position: placeAt(base, 1).position };
    const onB = { id: 'm-from-b', position: placeAt(base, 1).position };
    expect(onA.position).toBe(onB.position);
    const merged = [...base, onA, onB];
    expect(order(merged)).toEqual(['r0', 'm-from-b', 'x-from-a', 'r1', 'r2']);
    expect(order([...merged].reverse())).toEqual(order(merged));
  });

  it('puts a list back in a remembered order rewriting only the rows out of it', () => {
    const list = rows(6);
    // The last row back to the front: one key changes.
    const moved = [list[5], ...list.slice(0, 5)] as Placed[];
    const keys = keysForOrder(moved);
    expect(moved.filter((row) => keys.get(row.id) !== row.position).map((row) => row.id)).toEqual(['r5']);
    // A row without a key (re-created) gets one in its place.
    const withNew = keysForOrder([{ id: 'r0', position: 'a0' }, { id: 'new', position: null }, { id: 'r1', position: 'a1' }]);
    expect(withNew.get('r0')).toBe('a0');
    expect(withNew.get('r1')).toBe('a1');
    expect((withNew.get('new') ?? '') > 'a0' && (withNew.get('new') ?? '') < 'a1').toBe(true);
  });

  it('keysForOrder always yields strictly increasing keys and rewrites the fewest rows (seeded random lists)', () => {
    const next = random(42);
    for (let round = 0; round < 200; round += 1) {
      const size = 1 + Math.floor(next() * 20);
      const pool = generateNKeysBetween(null, null, 8);
      const list = Array.from({ length: size }, (_, i) => ({ id: `r${i}`, position: next() < 0.15 ? null : (pool[Math.floor(next() * pool.length)] as string) }));
      const keys = keysForOrder(list);
      const result = list.map((row) => keys.get(row.id) as string);
      for (let i = 1; i < result.length; i += 1) expect((result[i - 1] as string) < (result[i] as string)).toBe(true);
      const rewritten = list.filter((row) => keys.get(row.id) !== row.position).length;
      expect(rewritten).toBe(size - longestIncreasingLength(list.map((row) => row.position)));
    }
  });
});

/** Reference O(n²) longest strictly increasing subsequence of the non-null keys. */
function longestIncreasingLength(keys: ReadonlyArray<string | null>): number {
  const best = keys.map(() => 0);
  keys.forEach((key, i) => {
    if (key === null) return;
    best[i] = 1;
    for (let j = 0; j < i; j += 1) {
      const other = keys[j];
      if (other !== null && other !== undefined && other < key) best[i] = Math.max(best[i] as number, (best[j] as number) + 1);
    }
  });
  return Math.max(0, ...best);
}
