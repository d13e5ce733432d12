/**
 * One subscription shared by every component that needs it: the first `retain()` starts it, the
 * last release stops it. Stores that follow core events (jobs, AI status, memory) use it so two
 * panels showing the same data subscribe once, and an unmounted panel leaves nothing running.
 */
export function createSharedSubscription(start: () => () => void): { retain(): () => void } {
  let holders = 0;
  let stop: (() => void) | null = null;
  return {
    retain() {
      holders += 1;
      if (holders === 1) stop = start();
      let released = false;
      // Each holder releases once: a second call (React strict-mode effects, double clean-ups) is ignored.
      return () => {
        if (released) return;
        released = true;
        holders -= 1;
        if (holders === 0) {
          stop?.();
          stop = null;
        }
      };
    },
  };
}
