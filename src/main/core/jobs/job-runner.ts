import type { Logger } from 'pino';
import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import { FINISHED_JOB_STATUSES, type Job } from '../../../shared/models/jobs';
import type { AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { Clock, IdGenerator, Random, Timers } from '../platform/clock';
import { newTraceId, withLogContext } from '../platform/log-context';
import { errorColumns, outcomeOf, progressColumns, resumedOf } from './job-outcome';
import { cleanProgress, createProgressThrottle, PROGRESS_INTERVAL_MS, type ProgressThrottle } from './job-progress';
import { createJobRepo, toJob, type JobPatch, type JobRow } from './job.repo';
import type { EnqueueRequest, JobKind, JobRunner } from './job.types';


const NO_FLUSH = { flush: false } as const;
export interface JobRunnerDeps {
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  timers: Timers;
  random: Random;
  ids: IdGenerator;
  logger: Logger;
  /** Least time between two recorded progress changes of one job (default {@link PROGRESS_INTERVAL_MS}). */
  progressIntervalMs?: number;
}

/** Attempts a kind gets when it does not say (transient failures; see job-errors.ts). */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * How long finished jobs are kept (deleted at start-up after that): done and cancelled ones a
 * week, failed ones a month — the table would otherwise grow with every debounced indexing run.
 */
export const FINISHED_JOBS_KEPT_MS = 7 * 24 * 60 * 60_000;
export const FAILED_JOBS_KEPT_MS = 30 * 24 * 60 * 60_000;

/** A job whose handler is running in this process. */
interface Active {
  kind: string;
  controller: AbortController;
  /** The writer cancelled it: it ends `cancelled` whatever the handler does. */
  cancelled: boolean;
  progress: ProgressThrottle;
  settled: Promise<void>;
}

// Kinds are stored with their payload type erased; each payload is parsed by its own kind's schema.
type AnyKind = JobKind<unknown>;

/**
 * The one runner of long work (see job.types.ts): jobs live in the `jobs` table, run under
 * per-kind concurrency limits, retry by error category with full-jitter back-off, stop when
 * cancelled, and resume after a crash or restart. Every change is written, then pushed as
 * `job.changed` with the job's next `seq`.
 */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { events, clock, timers, random, ids, logger } = deps;
  const repo = createJobRepo(deps.database);
  const kinds = new Map<string, AnyKind>();
  const active = new Map<string, Active>();
  const waiters = new Map<string, ((job: Job) => void)[]>();
  let started = false;
  let closed = false;
  let pumpRequested = false;
  let cancelWake: (() => void) | null = null;

  const publish = (row: JobRow): Job => {
    const job = toJob(row);
    events.emit('job.changed', job);
    if (FINISHED_JOB_STATUSES.includes(job.status)) {
      const resolvers = waiters.get(job.id) ?? [];
      waiters.delete(job.id);
      for (const resolve of resolvers) resolve(job);
    }
    return job;
  };

  const change = (id: string, patch: JobPatch, options?: { flush: false }): Job => {
    const row = repo.update(id, patch, options);
    if (!row) throw notFound('The job');
    return publish(row);
  };

  const find = (id: string): JobRow => {
    const row = repo.find(id);
    if (!row) throw notFound('The job');
    return row;
  };

  /** Starts due jobs on the next microtask, so callers get their answer before any handler runs. */
  const requestPump = () => {
    if (pumpRequested || !started || closed) return;
    pumpRequested = true;
    queueMicrotask(() => {
      pumpRequested = false;
      pump();
    });
  };

  const pump = () => {
    if (!started || closed) return;
    for (const [name, kind] of kinds) {
      const busy = [...active.values()].filter((entry) => entry.kind === name).length;
      const free = (kind.concurrency ?? 1) - busy;
      if (free <= 0) continue;
      for (const row of repo.due(name, clock.now(), free)) launch(kind, row);
    }
    scheduleWake();
  };

  /** One timer for the earliest waiting job (a back-off or a debounce) of a registered kind. */
  const scheduleWake = () => {
    cancelWake?.();
    cancelWake = null;
    const now = clock.now();
    const at = repo.nextDueAt([...kinds.keys()], now);
    if (at === null) return;
    cancelWake = timers.schedule(() => {
      cancelWake = null;
      pump();
    }, at - now);
  };

  const launch = (kind: AnyKind, row: JobRow) => {
    // The runner's own transitions (start, end) are not flushed on their own: a power cut that
    // loses one leaves the job queued or running, and it simply runs again (jobs are repeatable;
    // their results were written, flushed, by the work itself).
    const job = change(row.id, { status: 'running', attempts: row.attempts + 1, startedAt: clock.now(), finishedAt: null, nextAttemptAt: null }, NO_FLUSH);
    const progress = createProgressThrottle({
      clock,
      timers,
      intervalMs: deps.progressIntervalMs ?? PROGRESS_INTERVAL_MS,
      write: (p) => {
        if (!closed) change(job.id, progressColumns(p));
      },
    });
    const entry: Active = { kind: kind.kind, controller: new AbortController(), cancelled: false, progress, settled: Promise.resolve() };
    active.set(job.id, entry);
    // A job gets its own trace: it was often enqueued inside a call (a save), whose trace would
    // otherwise follow it through the timers and label every line of the job as that call's.
    const trace = { trace: newTraceId(), jobId: job.id };
    entry.settled = withLogContext(trace, () => {
      logger.info({ kind: kind.kind, attempt: job.attempts }, 'job started');
      return execute(kind, row, job.attempts, entry);
    }).finally(() => {
      active.delete(job.id);
      requestPump();
    });
  };

  const execute = async (kind: AnyKind, row: JobRow, attempt: number, entry: Active): Promise<void> => {
    let failure: { error: unknown } | null = null;
    try {
      const payload = kind.payload.parse(JSON.parse(row.payload));
      await kind.run({
        jobId: row.id,
        payload,
        attempt,
        signal: entry.controller.signal,
        progress: (p) => entry.progress.report(cleanProgress(p)),
      });
    } catch (error) {
      failure = { error };
    }
    if (closed) return; // it stays `running` in the table and resumes at the next start
    try {
      settle(kind, row.id, attempt, entry, failure);
    } catch (error) {
      logger.error({ jobId: row.id, err: error }, 'could not record the end of a job');
    }
  };

  const settle = (kind: AnyKind, id: string, attempt: number, entry: Active, failure: { error: unknown } | null) => {
    const progress = progressColumns(entry.progress.take());
    const row = find(id);
    const { patch, error } = outcomeOf({ cancelled: entry.cancelled, failure, attempt, maxAttempts: row.maxAttempts, now: clock.now(), random: random.next(), ...(kind.backoff && { backoff: kind.backoff }) });
    if (error) logger.warn({ jobId: id, kind: kind.kind, attempt, code: error.code, category: error.category, next: patch.status, err: failure?.error }, 'job failed');
    else logger.info({ jobId: id, status: patch.status }, 'job ended');
    // A cancel is the writer's wish, flushed: it must not come back as a resumed job.
    change(id, { ...progress, ...patch }, entry.cancelled ? undefined : NO_FLUSH);
  };

  /** Jobs a killed or closed core left `running` go back in the queue (a new attempt), unless they used up their attempts. */
  const resumeInterrupted = () => {
    for (const row of repo.withStatus('running')) {
      logger.info({ jobId: row.id, kind: row.kind, attempts: row.attempts }, 'resuming an interrupted job');
      change(row.id, resumedOf(row, clock.now()));
    }
  };

  const enqueueExisting = (existing: JobRow, notBefore: number | undefined): Job => {
    // Debounce: asking again for waiting work moves its start later.
    if (existing.status === 'queued' && notBefore !== undefined && (existing.notBefore ?? 0) < notBefore) {
      const job = change(existing.id, { notBefore });
      requestPump();
      return job;
    }
    return toJob(existing);
  };

  return {
    register<P>(kind: JobKind<P>): void {
      if (kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is registered twice`);
      kinds.set(kind.kind, kind as unknown as AnyKind);
      requestPump();
    },

    enqueue<P>(request: EnqueueRequest<P>): Job {
      const kind = kinds.get(request.kind);
      if (!kind) throw new AppError(ErrorCode.INVALID_INPUT, `There is no kind of job called “${request.kind}”.`);
      if (closed) throw new AppError(ErrorCode.BUSY, 'Nova Studio is shutting down; the job was not started.', { retryable: true });
      const parsed = kind.payload.safeParse(request.payload);
      if (!parsed.success) throw new AppError(ErrorCode.INVALID_INPUT, 'The job’s details are not valid.', { cause: parsed.error });
      const key = request.idempotencyKey;
      const existing = key === undefined ? undefined : repo.findActiveByKey(key);
      if (existing) return enqueueExisting(existing, request.notBefore);
      const row = repo.insert({
        id: ids.newId(),
        kind: kind.kind,
        projectId: request.projectId ?? null,
        title: kind.title(parsed.data),
        payload: JSON.stringify(parsed.data),
        status: 'queued',
        maxAttempts: kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        idempotencyKey: key ?? null,
        createdAt: clock.now(),
        notBefore: request.notBefore ?? null,
      });
      logger.info({ jobId: row.id, kind: row.kind }, 'job queued');
      const job = publish(row);
      requestPump();
      return job;
    },

    get: (jobId) => toJob(find(jobId)),

    list: (query) => repo.list(query).map(toJob),

    cancel(jobId) {
      const row = find(jobId);
      const entry = active.get(jobId);
      if (entry) {
        // It ends `cancelled` once its handler has stopped (see settle).
        entry.cancelled = true;
        entry.controller.abort(new AppError(ErrorCode.CANCELLED, 'Cancelled.'));
        return toJob(row);
      }
      if (FINISHED_JOB_STATUSES.includes(toJob(row).status)) return toJob(row);
      return change(jobId, { status: 'cancelled', finishedAt: clock.now() });
    },

    retry(jobId) {
      const row = find(jobId);
      if (row.status !== 'failed' && row.status !== 'cancelled') {
        throw new AppError(ErrorCode.CONFLICT, 'Only a failed or cancelled job can be run again.');
      }
      const other = row.idempotencyKey === null ? undefined : repo.findActiveByKey(row.idempotencyKey);
      if (other) return toJob(other);
      const job = change(jobId, {
        status: 'queued',
        attempts: 0,
        startedAt: null,
        finishedAt: null,
        nextAttemptAt: null,
        notBefore: null,
        ...errorColumns(null),
      });
      requestPump();
      return job;
    },

    whenFinished(jobId) {
      const job = toJob(find(jobId));
      if (FINISHED_JOB_STATUSES.includes(job.status)) return Promise.resolve(job);
      return new Promise<Job>((resolve) => waiters.set(jobId, [...(waiters.get(jobId) ?? []), resolve]));
    },

    start() {
      if (started || closed) return;
      started = true;
      const now = clock.now();
      const pruned = repo.deleteFinished(['succeeded', 'cancelled'], now - FINISHED_JOBS_KEPT_MS) + repo.deleteFinished(['failed'], now - FAILED_JOBS_KEPT_MS);
      if (pruned > 0) logger.info({ pruned }, 'deleted old finished jobs');
      resumeInterrupted();
      pump();
    },

    async close() {
      if (closed) return;
      closed = true;
      cancelWake?.();
      cancelWake = null;
      const settling = [...active.values()].map((entry) => {
        entry.progress.take();
        entry.controller.abort(new AppError(ErrorCode.CANCELLED, 'Nova Studio is shutting down.'));
        return entry.settled;
      });
      await Promise.allSettled(settling);
    },
  };
}
