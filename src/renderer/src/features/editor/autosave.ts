/**
 * Framework-free autosave for one document. It debounces changes, keeps at most one save in
 * flight (coalescing to the newest content), retries with backoff while the core is
 * unreachable, and stops — without dropping anything — when the core reports a conflict.
 * The editor owns the text; this module only decides when to hand it to `save`.
 */

import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';

/** Offline and timeouts retry; a stale revision is a conflict; anything else waits for the next change. */
export function classifySaveError(error: unknown): SaveFailure {
  if (error instanceof ApiError) {
    if (error.code === ErrorCode.CONFLICT) return 'conflict';
    if (error.retryable || error.code === ErrorCode.DISCONNECTED) return 'retry';
    return 'fatal';
  }
  return 'retry';
}

/** What the user sees next to the text. */
export type AutosaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

/** How a failed save is treated. */
export type SaveFailure = 'retry' | 'conflict' | 'fatal';

export interface SavedRevision {
  revision: number;
}

export interface AutosaveOptions<C, R extends SavedRevision = SavedRevision> {
  /** The revision of the text the editor was loaded with. */
  initialRevision: number;
  /**
   * Stores `content` on top of `baseRevision`; rejects on failure. `ownBase`: the content
   * descends from what was last sent, not from the merged text the core answered with (see
   * {@link AutosaveOptions.adopt}).
   */
  save(content: C, baseRevision: number, ownBase: boolean): Promise<R>;
  /** Decides what a rejection of `save` means. */
  classify(error: unknown): SaveFailure;
  /** Quiet time after the last change before saving. */
  delayMs?: number;
  /**
   * The longest a change waits while changes keep coming (no pause in typing): after this
   * long since the first change that is waiting, it is saved anyway. Unbounded when absent.
   */
  maxWaitMs?: number;
  /** First retry delay while offline; doubles up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  onStatus?(status: AutosaveStatus, error: unknown): void;
  /** Called after each successful save; `upToDate` is false when newer changes are waiting. */
  onSaved?(result: R, content: C, upToDate: boolean): void;
  /** The text the core stored when it differs from what was sent (the save was merged with edits made elsewhere). */
  mergedOf?(result: R): C | undefined;
  /**
   * Shows merged text in the editor. Called only when nothing was typed since the save was
   * sent; otherwise the typed text is saved next, marked as descending from what was sent
   * (`ownBase`), and the merge is shown after a later save.
   */
  adopt?(content: C, result: R): void;
}

export interface Autosave<C> {
  /** Records new content and (re)starts the debounce. */
  change(content: C): void;
  /** Saves now; resolves once the newest content is stored or saving has failed for now. */
  flush(): Promise<void>;
  /** True while some content has not been stored. */
  hasUnsaved(): boolean;
  status(): AutosaveStatus;
  /** The revision the next save is based on. */
  revision(): number;
  /** True while the editor's text descends from its own last save rather than the merged text stored for {@link revision}. */
  ownBase(): boolean;
  /** After a conflict: save the waiting content on top of `revision` (the newest one). */
  overwrite(revision: number): Promise<void>;
  /** Forget waiting content; the editor now shows the stored text at `revision`. */
  reset(revision: number): void;
  /** Stops timers. Call {@link flush} first to keep the text. */
  dispose(): void;
}

const DEFAULTS = { delayMs: 700, retryBaseMs: 500, maxRetryMs: 15_000 } as const;

/** Creates the autosave of one document. */
export function createAutosave<C, R extends SavedRevision = SavedRevision>(options: AutosaveOptions<C, R>): Autosave<C> {
  const delayMs = options.delayMs ?? DEFAULTS.delayMs;
  const retryBaseMs = options.retryBaseMs ?? DEFAULTS.retryBaseMs;
  const maxRetryMs = options.maxRetryMs ?? DEFAULTS.maxRetryMs;

  let baseRevision = options.initialRevision;
  let ownBase = false;
  let latest: C | undefined;
  let dirty = false;
  let blocked = false; // a conflict waits for the user's choice
  let disposed = false;
  let current: AutosaveStatus = 'saved';
  let debounce: ReturnType<typeof setTimeout> | null = null;
  /** When the debounce first started since the last save began (for `maxWaitMs`). */
  let waitingSince: number | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let running: Promise<void> | null = null;
  /** Bumped by reset(): a save that was in flight then must not move the base revision. */
  let generation = 0;

  const setStatus = (next: AutosaveStatus, error: unknown = null) => {
    if (next === current && error === null) return;
    current = next;
    options.onStatus?.(next, error);
  };

  const clearTimers = () => {
    if (debounce !== null) clearTimeout(debounce);
    if (retry !== null) clearTimeout(retry);
    debounce = null;
    retry = null;
    waitingSince = null;
  };

  const scheduleRetry = () => {
    // One retry at a time: a handle overwritten here could no longer be cleared by flush or dispose.
    if (retry !== null) clearTimeout(retry);
    const wait = Math.min(maxRetryMs, retryBaseMs * 2 ** attempt);
    attempt += 1;
    retry = setTimeout(() => {
      retry = null;
      void pump();
    }, wait);
  };

  const fail = (error: unknown) => {
    dirty = true; // the content that failed is still `latest` or older than it: nothing is dropped
    const kind = options.classify(error);
    if (kind === 'conflict') {
      blocked = true;
      setStatus('conflict', error);
    } else if (kind === 'retry') {
      setStatus('offline', error);
      if (!disposed) scheduleRetry();
    } else {
      setStatus('error', error);
    }
  };

  /** Saves until nothing newer waits, or a change is still being debounced, or a save fails. */
  const loop = async () => {
    while (dirty && !blocked && debounce === null) {
      const content = latest as C;
      const started = generation;
      dirty = false;
      // While retrying, keep saying "offline" rather than flickering between two states.
      setStatus(attempt > 0 ? 'offline' : 'saving');
      try {
        const result = await options.save(content, baseRevision, ownBase);
        if (started !== generation) return;
        baseRevision = result.revision;
        attempt = 0;
        const merged = options.mergedOf?.(result);
        if (merged === undefined) ownBase = false;
        else if (!dirty && options.adopt) {
          options.adopt(merged, result);
          ownBase = false;
        } else ownBase = true;
        options.onSaved?.(result, content, !dirty);
      } catch (error) {
        if (started === generation) fail(error);
        return;
      }
    }
    if (blocked) return;
    if (!dirty) setStatus('saved');
    else if (attempt === 0) setStatus('dirty');
  };

  const pump = (): Promise<void> => {
    if (running) return running;
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    change(content) {
      latest = content;
      dirty = true;
      if (disposed) return;
      if (debounce !== null) clearTimeout(debounce);
      const now = Date.now();
      waitingSince ??= now;
      const wait = options.maxWaitMs === undefined ? delayMs : Math.max(0, Math.min(delayMs, waitingSince + options.maxWaitMs - now));
      debounce = setTimeout(() => {
        debounce = null;
        waitingSince = null;
        void pump();
      }, wait);
      if (current === 'saved') setStatus('dirty');
    },
    async flush() {
      clearTimers();
      // A save in flight may finish with newer content waiting; pump until both are done.
      while (running) await running;
      // A save that failed meanwhile scheduled its retry: this flush is that retry.
      clearTimers();
      await pump();
    },
    hasUnsaved: () => dirty || running !== null,
    status: () => current,
    revision: () => baseRevision,
    ownBase: () => ownBase,
    async overwrite(revision) {
      baseRevision = revision;
      ownBase = false;
      blocked = false;
      attempt = 0;
      if (latest !== undefined) dirty = true;
      clearTimers();
      await pump();
    },
    reset(revision) {
      clearTimers();
      generation += 1;
      baseRevision = revision;
      ownBase = false;
      latest = undefined;
      dirty = false;
      blocked = false;
      attempt = 0;
      setStatus('saved');
    },
    dispose() {
      disposed = true;
      clearTimers();
    },
  };
}
