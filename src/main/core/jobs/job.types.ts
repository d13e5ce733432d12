import type { z } from 'zod';
import type { ErrorCategory, Job, JobListQuery, JobProgress } from '../../../shared/models/jobs';

/**
 * What a domain gives the runner to add a kind of job (the runner is the one place long work
 * lives: a capability adds a kind, never a runner). Handlers must be idempotent: a job killed
 * mid-run runs again from its top after a restart (at-least-once), so every write is keyed
 * (upserts by stable ids, "insert or ignore") and a second run leaves no duplicate rows.
 *
 * CPU-heavy work (chunking a 300k-word manuscript, k-means, re-ranking) must not run on the
 * core's event loop, which also answers every keystroke's autosave: start a worker thread with
 * `startModuleWorker(new URL('./x.worker.ts', import.meta.url))` (platform/module-worker.ts; see
 * manuscript/text-worker.ts for a worker kept for the core's life, with an inline fallback, and
 * vite.config.ts for adding the worker to the build), post it bounded batches and `await` the
 * replies between `progress()` calls, terminating it when `signal` aborts. Work that must stay
 * on the main thread goes in small slices with an `await` (e.g. `setImmediate`) between them.
 */
export interface JobKind<P> {
  /** `domain.verb`, unique (`memory.index`). */
  kind: string;
  /** Checked when enqueued and again when a persisted job is resumed after an upgrade. */
  payload: z.ZodType<P>;
  /** How many jobs of this kind run at once (default 1). */
  concurrency?: number;
  /** Attempts before a transient failure is final (default 5). */
  maxAttempts?: number;
  /**
   * Back-off before retry n (1-based) of a transient failure: a uniformly random wait in
   * [0, min(maxMs, baseMs × 2^(n−1))) ("full jitter"). Defaults: 2 s base, 5 min cap.
   */
  backoff?: { baseMs: number; maxMs: number };
  /** The jobs view's line for a job of this kind. */
  title(payload: P): string;
  run(context: JobContext<P>): Promise<void>;
}

export interface JobContext<P> {
  jobId: string;
  payload: P;
  /** 1 on the first run, +1 on each retry or resume after a crash. */
  attempt: number;
  /**
   * Aborted when the writer cancels the job or the core closes: stop promptly, throw or return.
   * A cancelled job ends `cancelled` however the handler ends; a closing core's job resumes.
   */
  signal: AbortSignal;
  /** Persisted (throttled) and pushed as `job.changed` with the next `seq`. */
  progress(progress: JobProgress): void;
}

/**
 * Thrown by a handler to say how its failure is retried (an `AppError` is categorised by its
 * code instead, see job-errors.ts). `message` is a sentence the writer reads.
 */
export class CategorisedFailure extends Error {
  readonly code: string;
  readonly category: ErrorCategory;

  constructor(code: string, message: string, category: ErrorCategory, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CategorisedFailure';
    this.code = code;
    this.category = category;
  }
}

export interface EnqueueRequest<P> {
  kind: string;
  payload: P;
  projectId?: string | null;
  /**
   * While a queued/running/retrying job with the same key exists, enqueueing returns it instead
   * of adding another (skip-if-running). A finished job with the key does not block a new one.
   */
  idempotencyKey?: string;
  /**
   * Run no sooner than this (ms since the epoch): debounced work such as "after a save, when
   * idle". Enqueueing again with the same key while the job still waits moves this later.
   */
  notBefore?: number;
}

/** The runner as other domains see it. */
export interface JobRunner {
  register<P>(kind: JobKind<P>): void;
  enqueue<P>(request: EnqueueRequest<P>): Job;
  get(jobId: string): Job;
  list(query: JobListQuery): Job[];
  cancel(jobId: string): Job;
  /** Runs a failed or cancelled job again from attempt 1. */
  retry(jobId: string): Job;
  /** Resolves when the job reaches a finished status (tests, and callers that must wait). */
  whenFinished(jobId: string): Promise<Job>;
  /** Picks up queued and interrupted jobs (called once the kinds are registered). */
  start(): void;
  /**
   * Stops taking work and aborts running jobs, which stay `running` in the table and resume
   * at the next start; resolves when their handlers have settled (nothing more is recorded).
   */
  close(): Promise<void>;
}
