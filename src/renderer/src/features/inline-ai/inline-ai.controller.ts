import type { Node as PmNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { InlineAction, InlineRequest, InlineStarted } from '../../../../shared/models/llm';
import type { StreamHandlers } from '../../lib/streams';
import { createTextBatcher, type FrameScheduler, type TextBatcher } from './frame-batcher';
import type { InlineAiActions } from './inline-ai.store';
import { canAccept, type SuggestionEvent, type SuggestionSource, type SuggestionState } from './suggestion-machine';
import { clearSuggestion, markFailed, placedSuggestion, setSuggestion } from './suggestion-plugin';
import { SELECTION_ACTIONS, targetFor, type SuggestionTarget } from './suggestion-target';
import { acceptTransaction, sealHistory } from './suggestion-transaction';

/** How much text before the cursor an action sees (the prompts' `before`). */
export const BEFORE_CHARS = 2_000;

/** The slice of the editor the controller needs (a TipTap editor fits). */
export interface EditorPort {
  readonly state: EditorState;
  readonly isDestroyed: boolean;
  dispatch(tr: Transaction): void;
  focus(): void;
}

/** What a run asks the core for (the contract's `ai.inline` input, shared with the core). */
export type { InlineRequest };

/** The core, as far as a suggestion is concerned: start a run, follow its stream, cancel it. */
export interface StreamPort {
  start(request: InlineRequest): Promise<InlineStarted>;
  follow(handlers: StreamHandlers): { bind(streamId: string): void; dispose(): void };
  cancel(streamId: string): Promise<unknown>;
}

/** The store the controller drives (the zustand store's getState fits). */
export interface SuggestionStorePort {
  suggestion(): SuggestionState;
  dispatch(event: SuggestionEvent): void;
  setCard(card: HTMLElement | null): void;
}

export interface InlineAiControllerDeps {
  editor: EditorPort;
  sceneId: string;
  store: SuggestionStorePort;
  streams: StreamPort;
  /** Makes the element the preview card is rendered into. */
  createCard(): HTMLElement;
  /** An error as the card shows it. */
  toError(error: unknown): AppErrorShape;
  frames?: FrameScheduler;
}

export interface InlineAiController extends InlineAiActions {
  /** Shows a finished text (a chat reply) at the cursor, for review. */
  offer(text: string): void;
  /** The scene changed or the editor closed: stop the stream and forget the suggestion. */
  dispose(): void;
}

/** Suggestion ids are unique across editors, so a stale event can never pass for a new one. */
let lastId = 0;

/** Text just before `pos`, across paragraphs, at most `max` characters. */
export function textBefore(doc: PmNode, pos: number, max = BEFORE_CHARS): string {
  return doc.textBetween(Math.max(0, pos - max * 2), pos, '\n\n', ' ').slice(-max);
}

/**
 * Runs the editor's AI actions: starts the stream, feeds its text (batched per frame) to the
 * store the card reads, and applies or drops the result. The document is touched only by
 * `accept`, in one undoable transaction; until then the suggestion lives in the plugin's state.
 */
export function createInlineAiController(deps: InlineAiControllerDeps): InlineAiController {
  const { editor, store, streams } = deps;
  let lastRequest: InlineRequest | null = null;
  let live: { id: number; follower: { dispose(): void }; batcher: TextBatcher } | null = null;

  const isCurrent = (id: number) => store.suggestion().id === id;

  const endLive = () => {
    live?.batcher.dispose();
    live?.follower.dispose();
    live = null;
  };

  /** Stops a running stream (the partial text stays) and releases its listeners. */
  const halt = () => {
    const current = store.suggestion();
    if (current.phase !== 'streaming') return;
    live?.batcher.flush();
    store.dispatch({ type: 'stop' });
    if (current.streamId) void streams.cancel(current.streamId).catch(() => undefined);
    endLive();
  };

  const place = (source: SuggestionSource, target: SuggestionTarget): number => {
    halt();
    const id = ++lastId;
    store.setCard(deps.createCard());
    editor.dispatch(setSuggestion(editor.state.tr, { id, target }));
    return id;
  };

  /**
   * Shows the target plain while the suggestion has failed, so the text reads as it is; struck
   * again when the writer edits the partial text to accept it (then it would replace the target).
   */
  const showTarget = (id: number) => {
    const state = store.suggestion();
    const placed = placedSuggestion(editor.state);
    if (editor.isDestroyed || state.id !== id || placed?.id !== id) return;
    const failed = state.phase === 'failed' && !state.editing;
    if (Boolean(placed.failed) !== failed) editor.dispatch(markFailed(editor.state.tr, id, failed));
  };

  /** Applies a stream event to suggestion `id` (if it is still the one shown). */
  const apply = (id: number, event: SuggestionEvent) => {
    if (!isCurrent(id)) return;
    store.dispatch(event);
    showTarget(id);
  };

  const clear = () => {
    if (!editor.isDestroyed && placedSuggestion(editor.state)) editor.dispatch(clearSuggestion(editor.state.tr));
    store.setCard(null);
  };

  /** Starts the run and wires its stream to the suggestion `id`. */
  const stream = (id: number, request: InlineRequest) => {
    lastRequest = request;
    store.dispatch({ type: 'start', id, source: request.action });
    const batcher = createTextBatcher((text) => apply(id, { type: 'delta', text }), deps.frames);
    const follower = streams.follow({
      onDelta: (text) => batcher.push(text),
      onResync: (text) => {
        batcher.flush();
        apply(id, { type: 'resync', text });
      },
      onNotice: (notice) => apply(id, { type: 'notice', notice }),
      onEnd: (end) => {
        batcher.flush();
        apply(id, { type: 'end', status: end.status, ...(end.error && { error: end.error }) });
        if (live?.id === id) endLive();
      },
    });
    live = { id, follower, batcher };
    streams.start(request).then(
      ({ streamId, sources }) => {
        const state = store.suggestion();
        if (state.id !== id || state.phase !== 'streaming') {
          // Stopped or replaced before the core answered: stop the stream it just started.
          void streams.cancel(streamId).catch(() => undefined);
          follower.dispose();
          return;
        }
        store.dispatch({ type: 'bound', streamId, sources });
        follower.bind(streamId);
      },
      (error: unknown) => {
        follower.dispose();
        batcher.dispose();
        apply(id, { type: 'end', status: 'error', error: deps.toError(error) });
        if (live?.id === id) live = null;
      },
    );
  };

  const run = (action: InlineAction, instruction: string) => {
    const { from, to, empty } = editor.state.selection;
    if (empty && SELECTION_ACTIONS.has(action)) return;
    const doc = editor.state.doc;
    const request: InlineRequest = {
      action,
      sceneId: deps.sceneId,
      selection: doc.textBetween(from, to, '\n\n', ' '),
      before: textBefore(doc, action === 'continue' ? to : from),
      instruction: instruction.trim(),
    };
    stream(place(action, targetFor(action, from, to)), request);
  };

  /** Runs the last action again at the same place (after a failure, or to get another take). */
  const retry = () => {
    const placed = placedSuggestion(editor.state);
    const source = store.suggestion().source;
    if (!placed || !lastRequest || source !== lastRequest.action) return;
    stream(place(lastRequest.action, placed.target), lastRequest);
  };

  return {
    run,
    retry,
    stop: halt,
    edit() {
      const { id } = store.suggestion();
      store.dispatch({ type: 'edit' });
      showTarget(id);
    },
    offer(text) {
      const { from, to } = editor.state.selection;
      const id = place('chat', targetFor('chat', from, to));
      store.dispatch({ type: 'offer', id, source: 'chat', text });
    },
    accept() {
      const state = store.suggestion();
      const placed = placedSuggestion(editor.state);
      if (!canAccept(state) || placed?.id !== state.id) return;
      const tr = acceptTransaction(editor.state, placed.target, state.text, clearSuggestion);
      if (!tr) return;
      editor.dispatch(tr);
      editor.dispatch(sealHistory(editor.state));
      store.dispatch({ type: 'accept' });
      store.setCard(null);
      editor.focus();
    },
    reject() {
      halt();
      store.dispatch({ type: 'reject' });
      clear();
      editor.focus();
    },
    dispose() {
      halt();
      endLive();
      clear();
    },
  };
}
