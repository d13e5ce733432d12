import type { JobProgress } from '../../../shared/models/jobs';
import type { Clock, Timers } from '../platform/clock';

/** How often at most a running job's progress is written and pushed (a handler may report far more often). */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Throttles one running job's progress: the first report is written at once, later ones at
 * most every `intervalMs`, and the last one is never lost (a trailing write, or {@link take}
 * when the job ends). Writing and pushing happen together, so the table's `seq` is never
 * behind what a UI saw.
 */
export function createProgressThrottle(options: { clock: Clock; timers: Timers; intervalMs: number; write(progress: JobProgress): void }) {
  const { clock, timers, intervalMs, write } = options;
  let pending: JobProgress | null = null;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let cancelTimer: (() => void) | null = null;

  const flush = () => {
    cancelTimer = null;
    if (!pending) return;
    const progress = pending;
    pending = null;
    lastWriteAt = clock.now();
    write(progress);
  };

  return {
    report(progress: JobProgress): void {
      pending = progress;
      const wait = lastWriteAt + intervalMs - clock.now();
      if (wait <= 0) {
        cancelTimer?.();
        flush();
      } else {
        cancelTimer ??= timers.schedule(flush, wait);
      }
    },
    /** Stops the trailing write and hands over what it would have written (the job is ending). */
    take(): JobProgress | null {
      cancelTimer?.();
      cancelTimer = null;
      const progress = pending;
      pending = null;
      return progress;
    },
  };
}

export type ProgressThrottle = ReturnType<typeof createProgressThrottle>;

/**
 * A report clamped to sense: finite, non-negative, `done` never above a known `total` (0 means
 * not known yet), message capped.
 */
export function cleanProgress(progress: JobProgress): JobProgress {
  const total = Number.isFinite(progress.total) ? Math.max(0, progress.total) : 0;
  const counted = Number.isFinite(progress.done) ? Math.max(0, progress.done) : 0;
  const done = total > 0 ? Math.min(counted, total) : counted;
  return { done, total, ...(progress.message !== undefined && { message: progress.message.slice(0, 500) }) };
}
