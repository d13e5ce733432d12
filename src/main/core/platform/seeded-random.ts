import type { Random } from './clock';

/** A seeded {@link Random} with the helpers fuzzers and deterministic choices need. */
export interface SeededRandom extends Random {
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of `items` (undefined when empty). */
  pick<T>(items: readonly T[]): T | undefined;
}

/**
 * mulberry32: small, fast and the same on every machine, so a render never changes between runs
 * and a failing fuzz case replays from its seed. Not for secrets.
 */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p) => next() < p, pick: (items) => items[int(items.length)] };
}
