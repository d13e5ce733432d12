import { ErrorCode } from '../../../shared/ipc/errors';
import type { JobError, JobProgress } from '../../../shared/models/jobs';
import { attemptsAllowed, backoffMs, toJobError } from './job-errors';
import type { JobPatch, JobRow } from './job.repo';

/** The error columns of a job row for `error` (all null: no error). */
export function errorColumns(error: JobError | null): JobPatch {
  return { errorCode: error?.code ?? null, errorMessage: error?.message ?? null, errorCategory: error?.category ?? null };
}

export function progressColumns(progress: JobProgress | null): JobPatch {
  return progress ? { progressDone: progress.done, progressTotal: progress.total, progressMessage: progress.message ?? null } : {};
}

export interface RunEnd {
  /** The writer cancelled the job while it ran. */
  cancelled: boolean;
  /** What the handler threw, if it did. */
  failure: { error: unknown } | null;
  /** The attempt that just ended (1-based). */
  attempt: number;
  maxAttempts: number;
  backoff?: { baseMs: number; maxMs: number };
  now: number;
  /** A number in [0, 1) for the back-off's jitter. */
  random: number;
}

/**
 * What a job becomes when one run of its handler ends: cancelled (whatever the handler did),
 * succeeded, retrying after a back-off (its category allows another attempt) or failed.
 */
export function outcomeOf(end: RunEnd): { patch: JobPatch; error: JobError | null } {
  if (end.cancelled) return { patch: { status: 'cancelled', finishedAt: end.now }, error: null };
  if (!end.failure) return { patch: { status: 'succeeded', finishedAt: end.now, ...errorColumns(null) }, error: null };
  const error = toJobError(end.failure.error);
  if (end.attempt < attemptsAllowed(error.category, end.maxAttempts)) {
    const nextAttemptAt = end.now + backoffMs(end.attempt, end.random, end.backoff);
    return { patch: { status: 'retrying', nextAttemptAt, ...errorColumns(error) }, error };
  }
  return { patch: { status: 'failed', finishedAt: end.now, ...errorColumns(error) }, error };
}

/**
 * What a job left `running` by a killed or closed core becomes at the next start: queued again
 * (its next run is a new attempt), or failed once it has been interrupted as often as it may run.
 */
export function resumedOf(row: JobRow, now: number): JobPatch {
  if (row.attempts < row.maxAttempts) return { status: 'queued' };
  const error: JobError = {
    code: ErrorCode.INTERNAL,
    message: `The job was interrupted ${row.attempts} times before it could finish.`,
    category: 'unknown',
  };
  return { status: 'failed', finishedAt: now, ...errorColumns(error) };
}
