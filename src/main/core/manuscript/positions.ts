import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/*
 * Sibling order (chapters in a project, scenes in a chapter) is a fractional key per row
 * (`fractional-indexing`: base-62 strings compared byte by byte). A row placed between two
 * others takes a key between theirs, so a move or an insert writes the moved row only and two
 * devices that reorder offline never renumber each other's rows. Rows order by (key, id): two
 * devices that picked the same key for different rows still agree on their order.
 */

/** A row's place among its siblings: its fractional key and its id (the tie-break). */
export interface Placed {
  id: string;
  position: string;
}

/** Where a row goes: its new key, and the rare other rows that must move with it (see {@link placeAt}). */
export interface Placement {
  position: string;
  /** Siblings whose keys had to change: only when the neighbours at the place share one key. */
  shifted: Placed[];
}

/** Compares two rows in sibling order: by key (byte order, as SQLite compares text), then by id. */
export function comparePlaced(a: Placed, b: Placed): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** The key of a row added after every sibling. */
export function keyAfter(siblings: readonly Placed[]): string {
  const last = siblings.reduce<Placed | undefined>((max, row) => (max === undefined || comparePlaced(row, max) > 0 ? row : max), undefined);
  return generateKeyBetween(last?.position ?? null, null);
}

/**
 * The key that puts a row at `index` (0-based, clamped to the end) among `siblings`, which are
 * in sibling order and do not include the row itself. Writes nothing but the returned key,
 * except when the rows on both sides of the place share one key (two devices picked it): a key
 * between equal keys does not exist, so the rows of that run after the place get new keys too,
 * keeping their order ({@link Placement.shifted}).
 */
export function placeAt(siblings: readonly Placed[], index: number): Placement {
  const at = Math.max(0, Math.min(index, siblings.length));
  const before = siblings[at - 1];
  const after = siblings[at];
  if (!before || !after || before.position !== after.position) {
    return { position: generateKeyBetween(before?.position ?? null, after?.position ?? null), shifted: [] };
  }
  // The tie run from `at` on: every following sibling with the same key.
  let end = at;
  while (siblings[end + 1]?.position === after.position) end += 1;
  const upper = siblings[end + 1]?.position ?? null;
  const [position, ...rest] = generateNKeysBetween(before.position, upper, end - at + 2);
  const shifted = siblings.slice(at, end + 1).map((row, i) => ({ id: row.id, position: rest[i] as string }));
  return { position: position as string, shifted };
}

/**
 * New keys that put `rows` in the order given, rewriting as few rows as possible: the rows whose
 * keys already increase along the order (a longest increasing run, by key alone) keep them; the
 * others (and rows without a key yet, `position: null`) get keys between their kept neighbours.
 * Returns every row's key, by id: a row whose key differs from its current one must be written.
 * For restores that put a whole list back in a remembered order.
 */
export function keysForOrder(rows: ReadonlyArray<{ id: string; position: string | null }>): Map<string, string> {
  const kept = longestIncreasing(rows.map((row) => row.position));
  const result = new Map<string, string>();
  let lower: string | null = null;
  let gap: string[] = [];
  const flush = (upper: string | null) => {
    const keys = generateNKeysBetween(lower, upper, gap.length);
    gap.forEach((id, i) => result.set(id, keys[i] as string));
    gap = [];
  };
  rows.forEach((row, index) => {
    if (kept.has(index) && row.position !== null) {
      flush(row.position);
      result.set(row.id, row.position);
      lower = row.position;
    } else {
      gap.push(row.id);
    }
  });
  flush(null);
  return result;
}

/** Indexes of a longest strictly increasing subsequence of the non-null keys (patience sorting, O(n log n)). */
function longestIncreasing(keys: ReadonlyArray<string | null>): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(keys.length).fill(-1);
  keys.forEach((key, index) => {
    if (key === null) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[tails[mid] as number] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[index] = tails[lo - 1] as number;
    tails[lo] = index;
  });
  const result = new Set<number>();
  for (let at = tails.at(-1) ?? -1; at !== -1; at = previous[at] as number) result.add(at);
  return result;
}
