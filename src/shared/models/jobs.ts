import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

/**
 * Durable background jobs (indexing, continuity checks; later agent runs, renders, sync,
 * publishing): one runner in the core, one table, one set of events. Shared so the jobs view,
 * the memory panel's progress bars and every later capability read the same shape.
 */
export const JobStatus = {
  queued: 'queued',
  running: 'running',
  /** Failed with a retryable category and waiting for its back-off before the next attempt. */
  retrying: 'retrying',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];
export const jobStatusSchema = z.enum(Object.values(JobStatus) as [JobStatus, ...JobStatus[]]);

/** Statuses a job never leaves (until the writer presses Retry on a failed or cancelled one). */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * How a failure is retried: transient → exponential back-off with full jitter; validation and
 * permanent → never; unknown → once.
 */
export const ErrorCategory = {
  transient: 'transient',
  validation: 'validation',
  permanent: 'permanent',
  unknown: 'unknown',
} as const;
export type ErrorCategory = (typeof ErrorCategory)[keyof typeof ErrorCategory];
export const errorCategorySchema = z.enum(Object.values(ErrorCategory) as [ErrorCategory, ...ErrorCategory[]]);

export const jobErrorSchema = z.object({
  code: z.string(),
  /** A sentence the writer understands; never a stack trace. */
  message: z.string(),
  category: errorCategorySchema,
});
export type JobError = z.infer<typeof jobErrorSchema>;

export const jobProgressSchema = z.object({
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** What is happening now, for the writer ("Embedding chapter 3"). */
  message: z.string().max(500).optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: idSchema,
  /** A registered kind, `domain.verb` (`memory.index`, `continuity.check`). */
  kind: z.string().min(1).max(100),
  /** The project the job works on, when it has one (the jobs view filters by it). */
  projectId: idSchema.nullable(),
  /** What the jobs view shows ("Index “The Salt Road”"). */
  title: z.string(),
  status: jobStatusSchema,
  progress: jobProgressSchema,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  error: jobErrorSchema.nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  /**
   * When a `retrying` job runs again, or when a `queued` job that waits for a quiet moment (its
   * `notBefore`: a summary once a chat or scene is left alone) may start.
   */
  nextAttemptAt: timestampSchema.nullable(),
  /**
   * Per-job sequence number, +1 on every change (status, progress, error). A UI that missed
   * events while disconnected replays those after the last `seq` it saw.
   */
  seq: z.number().int().nonnegative(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobListQuerySchema = z
  .object({
    projectId: idSchema.optional(),
    kinds: z.array(z.string().min(1).max(100)).max(50).optional(),
    statuses: z.array(jobStatusSchema).max(6).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type JobListQuery = z.input<typeof jobListQuerySchema>;
