import { type AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { classifyProviderError, PROVIDER_NAMES, ProviderError, type ProviderErrorContext } from '../errors';

/**
 * One model call's abort plumbing: a signal that aborts when the caller's does or when the
 * first token is late, and the classification of whatever the SDK threw in that light.
 */
export interface CallGuard {
  /** Pass this to the SDK: it aborts the HTTP request on cancel and on first-token timeout. */
  readonly signal: AbortSignal;
  /** Call on the first sign of life (text, thinking) from the model; it stops the timer. */
  gotFirstToken(): void;
  /** The caller's cancel or our timeout, if either happened — the SDKs end streams silently on abort. */
  throwIfStopped(): void;
  /** Classifies a failure: CANCELLED / TIMEOUT when we stopped the call, else by the error. */
  toError(error: unknown): AppError;
  /** Clears the timer and the listener. */
  dispose(): void;
}

export function createCallGuard(
  options: { signal?: AbortSignal; firstTokenTimeoutMs?: number },
  context: Omit<ProviderErrorContext, 'signal'>,
): CallGuard {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let timer: NodeJS.Timeout | undefined;
  if (options.firstTokenTimeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('No first token in time', 'TimeoutError'));
    }, options.firstTokenTimeoutMs);
  }

  const stoppedError = (cause?: unknown): AppError | undefined => {
    if (timedOut) {
      const name = PROVIDER_NAMES[context.provider];
      const seconds = Math.round((options.firstTokenTimeoutMs ?? 0) / 100) / 10;
      return new ProviderError(
        ErrorCode.TIMEOUT,
        `${name} sent nothing for ${seconds} s${context.model ? ` with “${context.model}”` : ''}. It may still be loading the model: try again, or choose a faster model.`,
        { provider: context.provider, retryable: true, cause, ...(context.model !== undefined && { model: context.model }) },
      );
    }
    if (options.signal?.aborted) return classifyProviderError(cause ?? options.signal.reason, { ...context, signal: options.signal });
    return undefined;
  };

  return {
    signal: controller.signal,
    gotFirstToken() {
      clearTimeout(timer);
    },
    throwIfStopped() {
      const error = stoppedError();
      if (error) throw error;
    },
    toError(error) {
      return stoppedError(error) ?? classifyProviderError(error, context);
    },
    dispose() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/**
 * Runs one model call under its own guard: `run` hands `guard.signal` to the SDK (and reports
 * the first token), whatever it throws comes out classified, and the guard is always disposed.
 */
export async function guardedCall<T>(
  options: { signal?: AbortSignal; firstTokenTimeoutMs?: number },
  context: Omit<ProviderErrorContext, 'signal'>,
  run: (guard: CallGuard) => Promise<T>,
): Promise<T> {
  const guard = createCallGuard(options, context);
  try {
    return await run(guard);
  } catch (error) {
    throw guard.toError(error);
  } finally {
    guard.dispose();
  }
}
