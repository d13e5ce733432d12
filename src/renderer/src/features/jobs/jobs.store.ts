import { create } from 'zustand';
import type { Job } from '../../../../shared/models/jobs';
import { errorMessage, type Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';

/** How many jobs the view reads (the newest first); older finished ones are of no use to show. */
export const JOBS_SHOWN = 100;

interface JobsState {
  /** Every job known, by id: each the newest version seen (highest `seq`). */
  jobs: Record<string, Job>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the list could not be read, if it could not. */
  error: string | null;
  /** The job whose Cancel or Retry was refused, and why. */
  actionError: { jobId: string; message: string } | null;
  /** Re-reads the list (at start and after each reconnect: events may have been missed). */
  load(): Promise<void>;
  cancel(jobId: string): Promise<void>;
  retry(jobId: string): Promise<void>;
  /**
   * Keeps the list current while someone shows it: the first holder subscribes (`job.changed`,
   * reconnects), the last one to release unsubscribes.
   */
  retain(): () => void;
}

/** Keeps `job` unless a newer version of it (a higher `seq`) is already known. */
function merge(jobs: Record<string, Job>, job: Job): Record<string, Job> {
  const known = jobs[job.id];
  if (known && known.seq >= job.seq) return jobs;
  return { ...jobs, [job.id]: job };
}

/**
 * Background jobs (indexing, checks…) for the jobs view and the status indicator. Events carry
 * the whole job with its `seq`: an event older than what is held is ignored, so a reconnect's
 * re-read and late events can arrive in any order.
 */
export const createJobsStore = (api: Api) =>
  create<JobsState>()((set, get) => {
    const apply = (job: Job) => set((state) => ({ jobs: merge(state.jobs, job) }));

    const startSync = (): (() => void) => {
      const offChanged = api.on('job.changed', apply);
      // Fires at once when already connected, and again after each reconnect.
      const offStatus = api.onStatus((status) => {
        if (status === 'open') void get().load();
      });
      return () => {
        offChanged();
        offStatus();
      };
    };
    const sync = createSharedSubscription(startSync);

    const act = async (jobId: string, call: () => Promise<Job>) => {
      set({ actionError: null });
      try {
        apply(await call());
      } catch (error) {
        set({ actionError: { jobId, message: errorMessage(error) } });
      }
    };

    return {
      jobs: {},
      status: 'idle',
      error: null,
      actionError: null,
      async load() {
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const listed = await api.call('jobs.list', { limit: JOBS_SHOWN });
          set((state) => ({ jobs: listed.reduce(merge, state.jobs), status: 'ready', error: null }));
        } catch (error) {
          set({ status: 'error', error: errorMessage(error) });
        }
      },
      cancel: (jobId) => act(jobId, () => api.call('jobs.cancel', { id: jobId })),
      retry: (jobId) => act(jobId, () => api.call('jobs.retry', { id: jobId })),
      retain: () => sync.retain(),
    };
  });
export type JobsStore = ReturnType<typeof createJobsStore>;

/** The jobs as the view groups them, each group newest first. */
export interface JobGroups {
  /** Running, retrying (waiting for the next attempt) and queued. */
  active: Job[];
  failed: Job[];
  /** Succeeded or cancelled. */
  finished: Job[];
}

const STATUS_ORDER: Record<Job['status'], number> = { running: 0, retrying: 1, queued: 2, failed: 3, cancelled: 4, succeeded: 5 };

export function groupJobs(jobs: Record<string, Job>): JobGroups {
  const sorted = Object.values(jobs).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.createdAt - a.createdAt);
  return {
    active: sorted.filter((job) => job.status === 'running' || job.status === 'retrying' || job.status === 'queued'),
    failed: sorted.filter((job) => job.status === 'failed'),
    finished: sorted.filter((job) => job.status === 'succeeded' || job.status === 'cancelled'),
  };
}

/**
 * Active jobs that are working or about to: a queued job debounced to start later (a summary
 * that waits for the writer to leave a scene alone) is listed in the view but does not make the
 * indicator say "running".
 */
export function workingNow(groups: JobGroups, now: number): Job[] {
  return groups.active.filter((job) => !(job.status === 'queued' && job.nextAttemptAt !== null && job.nextAttemptAt > now));
}

/** How long a failed job keeps the indicator showing (it stays in the jobs view until retried). */
export const FAILED_SHOWN_MS = 24 * 60 * 60_000;

/** Failed jobs that still call for attention at `now` (failed within {@link FAILED_SHOWN_MS}). */
export function recentFailures(groups: JobGroups, now: number): Job[] {
  return groups.failed.filter((job) => (job.finishedAt ?? now) >= now - FAILED_SHOWN_MS);
}

/**
 * The status indicator's words ("2 jobs running", "1 job failed"), or null when there is nothing
 * to say. Jobs that failed more than {@link FAILED_SHOWN_MS} before `now` no longer count.
 */
export function jobsSummary(groups: JobGroups, now: number): string | null {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const running = workingNow(groups, now).length;
  const failed = recentFailures(groups, now).length;
  if (running > 0 && failed > 0) return `${plural(running, 'job')} running, ${failed} failed`;
  if (running > 0) return `${plural(running, 'job')} running`;
  if (failed > 0) return `${plural(failed, 'job')} failed`;
  return null;
}
