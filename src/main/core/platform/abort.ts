/** A signal that also aborts after a time limit, and the means to stop its timer. */
export interface TimedSignal {
  readonly signal: AbortSignal;
  /** Clears the timer and the listener on the parent; call when the guarded work is over. */
  dispose(): void;
}

/**
 * Aborts when `parent` aborts or `ms` milliseconds pass, whichever comes first (the timeout's
 * reason is a `TimeoutError` DOMException, like `AbortSignal.timeout`).
 *
 * Why not `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: on Node 20 a composite signal
 * drops its `AbortSignal.timeout` sources when the garbage collector runs, and then never
 * aborts — a hung Ollama request waited forever instead of timing out (see abort.test.ts).
 * Here the timer holds the controller strongly until it fires or is disposed.
 */
export function signalWithTimeout(parent: AbortSignal | undefined, ms: number): TimedSignal {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError')), ms);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const dispose = () => {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  };
  controller.signal.addEventListener('abort', dispose, { once: true });
  return { signal: controller.signal, dispose };
}
