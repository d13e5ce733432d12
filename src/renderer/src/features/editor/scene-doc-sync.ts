import * as Y from 'yjs';
import { createAutosave, type AutosaveStatus, type SaveFailure } from './autosave';
import { OWN_FROM_CORE } from './scene-doc-binding';

/** The origin of updates this module applies to the document (from the core): they are never sent back. */
export const FROM_CORE = Symbol('scene-doc:from-core');

/** What the core answers to a push or a pull: what the editor lacks, and the scene's revision after it. */
export interface CoreState {
  revision: number;
  update: Uint8Array;
}

export interface SceneDocSyncOptions {
  /** The editor's document, loaded with the core's state. */
  doc: Y.Doc;
  /** The scene's revision when `doc` was loaded. */
  initialRevision: number;
  /** Sends this editor's own updates (merged into one) with the document's state vector. */
  push(update: Uint8Array, stateVector: Uint8Array): Promise<CoreState>;
  /** Asks for what the document lacks. */
  pull(stateVector: Uint8Array): Promise<CoreState>;
  /** Decides what a failed push means (retry while the core is unreachable, else wait for the next change). */
  classify(error: unknown): SaveFailure;
  /** Refuses a push before it is sent (a scene over the size limit); throws the error to report. */
  check?(): void;
  /** Every change not yet stored, after each change and each stored push (empty: all stored). */
  onUnsent?(unsent: Uint8Array | null): void;
  onStatus?(status: AutosaveStatus, error: unknown): void;
  delayMs?: number;
  maxWaitMs?: number;
  retryBaseMs?: number;
}

export interface SceneDocSync {
  /** Sends what waits now; resolves once it is stored or sending has failed for now. */
  flush(): Promise<void>;
  /** Brings in what the core holds and this document lacks (another window's edits, a save, a restore). */
  pull(): Promise<void>;
  /** True while some change of this editor has not been stored. */
  hasUnsaved(): boolean;
  status(): AutosaveStatus;
  /** The newest revision of the scene this document is known to hold. */
  revision(): number;
  /**
   * The writer's own change is about to be stored elsewhere (a proposal they approve): until the
   * returned function has pulled it, pulled changes are applied as {@link OWN_FROM_CORE}, so undo
   * takes them back like typing. Call it once the change is stored (or failed).
   */
  expectOwn(): () => Promise<void>;
  /** Stops listening and the timers; call {@link flush} first to keep the text. */
  dispose(): void;
}

/** Typing pauses this long before a push; continuous typing is pushed at least this often. */
export const PUSH_DELAY_MS = 700;
export const PUSH_MAX_WAIT_MS = 2_000;

/**
 * The editor's side of the scene document: every update the editor makes (anything not applied
 * by this module) is queued, kept (for the crash journal) until the core has stored it, and
 * pushed after a pause in typing, one push at a time, retried with backoff while the core is
 * unreachable. Yjs updates are idempotent, so a push whose answer was lost is simply sent
 * again. Each answer brings what the core holds that the editor lacks, applied as
 * {@link FROM_CORE}. Timing, statuses and retries are the autosave's (autosave.ts).
 */
export function createSceneDocSync(options: SceneDocSyncOptions): SceneDocSync {
  const { doc } = options;
  /** Updates made here and not yet stored by the core, oldest first. */
  const unsent: Uint8Array[] = [];
  /** How many updates were ever queued, and how many of those the core has stored. */
  let queued = 0;
  let stored = 0;
  let revision = options.initialRevision;
  let disposed = false;

  /** How many own changes are expected (see expectOwn): pulls meanwhile apply as the writer's own. */
  let expectingOwn = 0;
  const apply = (answer: CoreState, fromPull = false) => {
    const origin = fromPull && expectingOwn > 0 ? OWN_FROM_CORE : FROM_CORE;
    if (!disposed && answer.update.byteLength > 0) Y.applyUpdate(doc, answer.update, origin);
    revision = Math.max(revision, answer.revision);
  };
  const merged = () => (unsent.length === 0 ? null : compact(doc, unsent));

  const autosave = createAutosave<number, CoreState>({
    initialRevision: options.initialRevision,
    ...(options.delayMs !== undefined && { delayMs: options.delayMs }),
    maxWaitMs: options.maxWaitMs ?? PUSH_MAX_WAIT_MS,
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
    async save(target) {
      options.check?.();
      const count = target - stored;
      const update = compact(doc, unsent.slice(0, count));
      const answer = await options.push(update, Y.encodeStateVector(doc));
      unsent.splice(0, count);
      stored = target;
      apply(answer);
      options.onUnsent?.(merged());
      return answer;
    },
    classify: options.classify,
    ...(options.onStatus && { onStatus: options.onStatus }),
  });

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    // What came from the core is not sent back.
    if (origin === FROM_CORE || origin === OWN_FROM_CORE) return;
    unsent.push(update);
    queued += 1;
    options.onUnsent?.(merged());
    autosave.change(queued);
  };
  doc.on('update', onUpdate);

  let pulling: Promise<void> | null = null;
  let pullAgain = false;
  const pullLoop = async () => {
    do {
      pullAgain = false;
      apply(await options.pull(Y.encodeStateVector(doc)), true);
    } while (pullAgain && !disposed);
  };

  const pull = (): Promise<void> => {
    // A change announced while a pull is on its way may be newer than what it brings: pull again after it.
    if (pulling) {
      pullAgain = true;
      return pulling;
    }
    pulling = pullLoop().finally(() => {
      pulling = null;
    });
    return pulling;
  };

  return {
    flush: () => autosave.flush(),
    pull,
    expectOwn() {
      expectingOwn += 1;
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        try {
          await pull();
          // A pull already on its way may have read before the change was stored: one more, to be sure.
          await pull();
        } finally {
          expectingOwn -= 1;
        }
      };
    },
    hasUnsaved: () => autosave.hasUnsaved(),
    status: () => autosave.status(),
    revision: () => revision,
    dispose() {
      disposed = true;
      doc.off('update', onUpdate);
      autosave.dispose();
    },
  };
}

/** Above this size, updates are re-read from the document in case deleted text can be left out. */
const COMPACT_FROM_BYTES = 16 * 1024;

/**
 * The updates as one. Merged updates keep the content of text deleted since (a 10 MB paste and
 * its undo merge to 10 MB); above {@link COMPACT_FROM_BYTES} the same structs are also read from
 * a copy of the document, where deleted text is garbage-collected, and the smaller of the two is
 * sent. Either holds everything the updates did (the document's read may hold more: harmless).
 */
export function compact(doc: Y.Doc, updates: readonly Uint8Array[]): Uint8Array {
  const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
  if (merged.byteLength <= COMPACT_FROM_BYTES) return merged;
  const { from } = Y.parseUpdateMeta(merged);
  if (from.size === 0) return merged;
  // Through a scratch copy: the editor's undo manager keeps deleted text (for redo), the copy does not.
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const fromDoc = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(from));
  scratch.destroy();
  return fromDoc.byteLength < merged.byteLength ? fromDoc : merged;
}
