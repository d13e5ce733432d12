import { setTimeout as delay } from 'node:timers/promises';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { retryAfterMsOf } from './errors';

/** How `withRetry` retries. Randomness and waiting are injected so tests are deterministic. */
export interface RetryOptions {
  /** Attempts in all, the first one included (default 3). */
  maxAttempts?: number;
  /** The backoff before the first retry, before jitter (default 500 ms); it doubles per retry. */
  baseDelayMs?: number;
  /** The largest backoff, before jitter (default 8 s). */
  maxDelayMs?: number;
  /** The longest Retry-After we honour; a longer one is waited only this long (default 20 s). */
  maxRetryAfterMs?: number;
  /** A number in [0, 1) (default Math.random). */
  random?: () => number;
  /** Waits `ms`, rejecting when `signal` aborts (default: an abortable timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops retrying — and any wait — at once with CANCELLED. */
  signal?: AbortSignal;
  /** Told before each wait: the error, the attempt that failed (1-based) and the wait. */
  onRetry?: (error: AppError, attempt: number, delayMs: number) => void;
}

export const RETRY_DEFAULTS = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 } as const;

const cancelled = () => new AppError(ErrorCode.CANCELLED, 'Stopped.');

/** An abortable timer (the default `sleep`). */
export async function sleepAbortable(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : undefined);
}

/**
 * The wait before retry number `retry` (1-based): full jitter over an exponential backoff, or
 * the provider's Retry-After (capped) when it gave one.
 */
export function backoffDelayMs(retry: number, error: AppError, options: RetryOptions = {}): number {
  const retryAfterMs = retryAfterMsOf(error);
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs);
  const base = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const ceiling = Math.min(options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs, base * 2 ** (retry - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/**
 * Runs `fn`, retrying it while it throws a retryable {@link AppError} (rate limits, timeouts,
 * dropped connections, 5xx). Anything else — a non-retryable AppError, a CANCELLED one, or a
 * non-AppError — is thrown at once, as is the last error when attempts run out.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts);
  const sleep = options.sleep ?? sleepAbortable;
  for (let attempt = 1; ; attempt += 1) {
    if (options.signal?.aborted) throw cancelled();
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof AppError) || !error.retryable || error.code === ErrorCode.CANCELLED) throw error;
      if (options.signal?.aborted) throw cancelled();
      if (attempt >= maxAttempts) throw error;
      const waitMs = backoffDelayMs(attempt, error, options);
      options.onRetry?.(error, attempt, waitMs);
      try {
        await sleep(waitMs, options.signal);
      } catch (sleepError) {
        if (options.signal?.aborted) throw cancelled();
        throw sleepError;
      }
    }
  }
}

/** `withRetry` with fixed defaults, in the shape the llm service takes as its `retry` dependency. */
export function createRetry(defaults: Omit<RetryOptions, 'signal' | 'onRetry'> = {}) {
  return <T>(fn: () => Promise<T>, options: Pick<RetryOptions, 'signal' | 'onRetry'> = {}): Promise<T> =>
    withRetry(fn, { ...defaults, ...options });
}
