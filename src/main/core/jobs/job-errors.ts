import { ZodError } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ErrorCategory, JobError } from '../../../shared/models/jobs';
import { CategorisedFailure } from './job.types';

const TRANSIENT: readonly string[] = [
  ErrorCode.PROVIDER_UNREACHABLE,
  ErrorCode.TIMEOUT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.PROVIDER_FAILED,
  ErrorCode.BUSY,
];
/** A model's answer off its schema was already repaired once by the LLM service: trying the same again rarely helps. */
const VALIDATION: readonly string[] = [ErrorCode.INVALID_INPUT, ErrorCode.INVALID_OUTPUT];
const PERMANENT: readonly string[] = [ErrorCode.NOT_FOUND, ErrorCode.NO_MODEL_AVAILABLE, ErrorCode.MODEL_MISSING, ErrorCode.FFMPEG_MISSING];

/**
 * How a failure with this `AppError` code is retried: what may pass by itself (a provider
 * down, a rate limit) is transient; a bad payload is validation; what needs the writer (a
 * deleted scene, no model installed) is permanent; anything else is unknown and tried once more.
 */
export function categoryOfCode(code: string): ErrorCategory {
  if (TRANSIENT.includes(code)) return 'transient';
  if (VALIDATION.includes(code)) return 'validation';
  if (PERMANENT.includes(code)) return 'permanent';
  return 'unknown';
}

/**
 * The job record's error for whatever a handler threw: a code, a sentence the writer reads
 * and a category. Never a stack trace — the runner logs the full error.
 */
export function toJobError(error: unknown): JobError {
  if (error instanceof CategorisedFailure) return { code: error.code, message: error.message, category: error.category };
  if (error instanceof AppError) return { code: error.code, message: error.message, category: categoryOfCode(error.code) };
  if (error instanceof ZodError) {
    return { code: ErrorCode.INVALID_INPUT, message: 'The job’s saved details are not valid for this version of Nova Studio.', category: 'validation' };
  }
  return {
    code: ErrorCode.INTERNAL,
    message: 'Something went wrong while the job ran. The details were written to the log.',
    category: 'unknown',
  };
}

/** Attempts in all that a failure of this category allows (the first one included). */
export function attemptsAllowed(category: ErrorCategory, maxAttempts: number): number {
  switch (category) {
    case 'transient':
      return maxAttempts;
    case 'unknown':
      return Math.min(2, maxAttempts);
    case 'validation':
    case 'permanent':
      return 1;
  }
}

/** Retry back-off defaults: 2 s before the first retry, doubling, never above 5 minutes. */
export const DEFAULT_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;

/**
 * The wait before retry `retry` (1-based): "full jitter" — uniform in [0, ceiling) where the
 * ceiling doubles per retry up to `maxMs` — so jobs that failed together do not retry together.
 */
export function backoffMs(retry: number, random: number, backoff: { baseMs: number; maxMs: number } = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random * ceiling);
}
