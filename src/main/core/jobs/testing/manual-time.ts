import type { Clock, Random, Timers } from '../../platform/clock';

interface Pending {
  at: number;
  order: number;
  fn: () => void;
}

/** Lets queued microtasks and promise callbacks run (a handler's next step after an await). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock and timers the test moves by hand: {@link advance} fires every timer that falls due,
 * in order, letting promises settle after each — so back-offs and throttles are exact.
 */
export function createManualTime(start = 1_700_000_000_000) {
  let now = start;
  let order = 0;
  let pending: Pending[] = [];
  const clock: Clock = { now: () => now };
  const timers: Timers = {
    schedule(fn, ms) {
      const timer = { at: now + Math.max(0, ms), order: (order += 1), fn };
      pending.push(timer);
      return () => {
        pending = pending.filter((entry) => entry !== timer);
      };
    },
  };
  return {
    clock,
    timers,
    /** Moves time forward by `ms`, firing due timers in order. */
    async advance(ms: number): Promise<void> {
      const target = now + ms;
      await settle();
      for (;;) {
        const next = pending.filter((entry) => entry.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
        if (!next) break;
        pending = pending.filter((entry) => entry !== next);
        now = next.at;
        next.fn();
        await settle();
      }
      now = target;
    },
    /** Timers still waiting. */
    get pendingTimers(): number {
      return pending.length;
    },
  };
}

/** Randomness that returns `value` every time. */
export function fixedRandom(value: number): Random {
  return { next: () => value };
}
