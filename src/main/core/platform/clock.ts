/** Time and ids come through this port so tests can control them. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface IdGenerator {
  newId(): string;
}

export const randomIds: IdGenerator = { newId: () => crypto.randomUUID() };

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** Timers come through this port so tests can fire them by moving a fake clock. */
export interface Timers {
  schedule: Schedule;
}

export const systemTimers: Timers = {
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A pending timer (a back-off, a debounce) must not keep a closing process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Randomness (back-off jitter) through a port so tests can fix it. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

export const mathRandom: Random = { next: () => Math.random() };
