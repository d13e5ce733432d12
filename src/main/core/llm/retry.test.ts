import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { ProviderError } from './errors';
import { backoffDelayMs, createRetry, sleepAbortable, withRetry } from './retry';

const transient = () => new AppError(ErrorCode.PROVIDER_FAILED, 'HTTP 500', { retryable: true });
const permanent = () => new AppError(ErrorCode.PROVIDER_AUTH, 'bad key');

/** A `sleep` that records the waits and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Fails with the given errors in turn, then answers "ok". */
function failing(...errors: Error[]) {
  return vi.fn(async () => {
    const next = errors.shift();
    if (next) throw next;
    return 'ok';
  });
}

describe('withRetry', () => {
  it('returns the first success without waiting', async () => {
    const { waits, sleep } = recordingSleep();
    await expect(withRetry(async () => 42, { sleep })).resolves.toBe(42);
    expect(waits).toEqual([]);
  });

  it('retries retryable errors with exponential backoff and full jitter', async () => {
    const { waits, sleep } = recordingSleep();
    const onRetry = vi.fn();
    const fn = failing(transient(), transient(), transient());
    const result = await withRetry(fn, { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep, onRetry });
    expect(result).toBe('ok');
    expect(fn).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([50, 100, 200]); // half of 100, 200, 400
    expect(onRetry.mock.calls.map(([error, attempt, delay]) => [(error as AppError).code, attempt, delay])).toEqual([
      ['PROVIDER_FAILED', 1, 50],
      ['PROVIDER_FAILED', 2, 100],
      ['PROVIDER_FAILED', 3, 200],
    ]);
  });

  it('caps the backoff at maxDelayMs and draws the jitter from the injected random', async () => {
    const { waits, sleep } = recordingSleep();
    const fn = failing(transient(), transient(), transient(), transient());
    await withRetry(fn, { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.999, sleep });
    expect(waits).toEqual([99, 199, 249, 249]);
    expect(backoffDelayMs(1, transient(), { baseDelayMs: 100, random: () => 0 })).toBe(0);
  });

  it('throws the last error once the attempts run out', async () => {
    const { waits, sleep } = recordingSleep();
    const last = transient();
    const fn = failing(transient(), transient(), last);
    await expect(withRetry(fn, { maxAttempts: 3, random: () => 0, sleep })).rejects.toBe(last);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(waits).toHaveLength(2);
  });

  it('does not retry non-retryable AppErrors or foreign errors', async () => {
    const { waits, sleep } = recordingSleep();
    const auth = permanent();
    const authFn = failing(auth);
    await expect(withRetry(authFn, { sleep })).rejects.toBe(auth);
    expect(authFn).toHaveBeenCalledTimes(1);
    const bug = new TypeError('a bug');
    const bugFn = failing(bug);
    await expect(withRetry(bugFn, { sleep })).rejects.toBe(bug);
    expect(bugFn).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('stops at once on CANCELLED, even when marked retryable', async () => {
    const { sleep } = recordingSleep();
    const fn = failing(new AppError(ErrorCode.CANCELLED, 'Stopped.', { retryable: true }));
    await expect(withRetry(fn, { sleep })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('honours Retry-After, capped at maxRetryAfterMs', async () => {
    const { waits, sleep } = recordingSleep();
    const limited = (ms: number) => new ProviderError(ErrorCode.RATE_LIMITED, 'slow down', { provider: 'openai', retryable: true, retryAfterMs: ms });
    const fn = failing(limited(3_000), limited(60_000));
    await withRetry(fn, { maxAttempts: 3, maxRetryAfterMs: 20_000, random: () => 0.5, sleep });
    expect(waits).toEqual([3_000, 20_000]);
  });

  it('does not start when the signal is already aborted', async () => {
    const fn = vi.fn(async () => 'never');
    await expect(withRetry(fn, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('cancels during the wait itself (the default sleep is abortable)', async () => {
    const controller = new AbortController();
    const fn = failing(transient(), transient());
    // The real abortable sleep, for a minute: cancel as soon as the wait begins. Only an
    // abortable sleep lets this finish within the test's time limit.
    const sleepThenCancel = (ms: number, signal?: AbortSignal) => {
      const waiting = sleepAbortable(ms, signal);
      controller.abort();
      return waiting;
    };
    const run = withRetry(fn, { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, signal: controller.signal, sleep: sleepThenCancel });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('turns a failure that races with a cancel into CANCELLED', async () => {
    const controller = new AbortController();
    const fn = vi.fn(async () => {
      controller.abort();
      throw transient();
    });
    await expect(withRetry(fn, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('createRetry', () => {
  it('applies its defaults and takes signal and onRetry per call', async () => {
    const { waits, sleep } = recordingSleep();
    const retry = createRetry({ maxAttempts: 2, baseDelayMs: 10, random: () => 0.5, sleep });
    const onRetry = vi.fn();
    const fn = failing(transient(), transient());
    await expect(retry(fn, { signal: new AbortController().signal, onRetry })).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    expect(fn).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([5]);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
