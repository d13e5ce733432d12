/**
 * A counting semaphore with a bounded waiting line: `enter()` gives a promise of a release
 * function once one of `slots` is free, or null when `queue` callers are already waiting (the
 * caller answers "busy" instead of holding more memory).
 */
export interface SlotGate {
  enter(): Promise<() => void> | null;
  readonly active: number;
  readonly waiting: number;
}

export function createSlotGate(slots: number, queue: number): SlotGate {
  let active = 0;
  const waiters: Array<() => void> = [];

  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else active -= 1;
  };
  const once = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };

  return {
    enter() {
      if (active < slots) {
        active += 1;
        return Promise.resolve(once());
      }
      if (waiters.length >= queue) return null;
      // A freed slot passes straight to the next waiter, so `active` stays at the bound.
      return new Promise((resolve) => waiters.push(() => resolve(once())));
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
