import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { ContextSource } from '../../../../shared/models/context-source';
import type { InlineAction } from '../../../../shared/models/llm';

/**
 * The life of one AI suggestion in the editor, free of React and ProseMirror so it can be tested
 * on its own: idle → streaming → ready | stopped | failed → accepted | rejected.
 */
export type SuggestionPhase = 'idle' | 'streaming' | 'ready' | 'stopped' | 'failed' | 'accepted' | 'rejected';

/** Where a suggestion came from: an editor action, or a chat reply handed to the manuscript. */
export type SuggestionSource = InlineAction | 'chat';

export interface SuggestionNotice {
  kind: 'fallback' | 'trimmed' | 'retrying';
  message: string;
}

export interface SuggestionState {
  phase: SuggestionPhase;
  /** Distinguishes one suggestion from the next, so late events of an old stream are ignored. */
  id: number;
  source: SuggestionSource | null;
  streamId: string | null;
  text: string;
  notices: readonly SuggestionNotice[];
  error: AppErrorShape | null;
  /** The writer is editing the text in a text box before accepting it. */
  editing: boolean;
  /** What the action was given from the book and memory (known once the core has answered). */
  sources: readonly ContextSource[];
}

export type SuggestionEvent =
  | { type: 'start'; id: number; source: SuggestionSource }
  /** A finished text to review (a chat reply): starts in `ready`. */
  | { type: 'offer'; id: number; source: SuggestionSource; text: string }
  | { type: 'bound'; streamId: string; sources?: readonly ContextSource[] }
  | { type: 'delta'; text: string }
  /** The whole text so far, after a reconnect during which deltas may have been missed. */
  | { type: 'resync'; text: string }
  | { type: 'notice'; notice: SuggestionNotice }
  | { type: 'end'; status: 'done' | 'cancelled' | 'error'; error?: AppErrorShape }
  | { type: 'stop' }
  | { type: 'edit' }
  | { type: 'change'; text: string }
  | { type: 'accept' }
  | { type: 'reject' };

export const idleSuggestion: SuggestionState = {
  phase: 'idle',
  id: 0,
  source: null,
  streamId: null,
  text: '',
  notices: [],
  error: null,
  editing: false,
  sources: [],
};

/** What the writer is told when a model answered with nothing at all. */
export const EMPTY_REPLY: AppErrorShape = {
  code: 'INVALID_OUTPUT',
  message: 'The model sent back no text. Try again, perhaps with a short instruction.',
  retryable: true,
};

/** A suggestion still on screen, waiting for the writer (or still streaming). */
export function isOpen(state: SuggestionState): boolean {
  return state.phase === 'streaming' || state.phase === 'ready' || state.phase === 'stopped' || state.phase === 'failed';
}

/** Accept needs some text and a finished (or stopped) stream. */
export function canAccept(state: SuggestionState): boolean {
  return (state.phase === 'ready' || state.phase === 'stopped' || (state.phase === 'failed' && state.editing)) && state.text.trim().length > 0;
}

export function canEdit(state: SuggestionState): boolean {
  return (state.phase === 'ready' || state.phase === 'stopped' || state.phase === 'failed') && !state.editing && state.text.trim().length > 0;
}

/**
 * The end of the stream. Its notices ("Trying again in 1 s", "Using … instead") describe the
 * run while it goes on; once it is over they would only mislead, and a failure has its error.
 */
function ended(state: SuggestionState, status: 'done' | 'cancelled' | 'error', error: AppErrorShape | undefined): SuggestionState {
  const over = { ...state, streamId: null, notices: [] };
  if (status === 'cancelled') return { ...over, phase: 'stopped' };
  if (status === 'error') return { ...over, phase: 'failed', error: error ?? { code: 'INTERNAL', message: 'The suggestion failed.', retryable: true } };
  if (state.text.trim().length === 0) return { ...over, phase: 'failed', error: EMPTY_REPLY };
  return { ...over, phase: 'ready' };
}

/**
 * The transition function. Events that make no sense in the current phase leave the state as it
 * is (the same object), e.g. a delta that arrives after Stop.
 */
export function transition(state: SuggestionState, event: SuggestionEvent): SuggestionState {
  switch (event.type) {
    case 'start':
      return { ...idleSuggestion, phase: 'streaming', id: event.id, source: event.source };
    case 'offer':
      return { ...idleSuggestion, phase: 'ready', id: event.id, source: event.source, text: event.text };
    case 'bound':
      return state.phase === 'streaming' ? { ...state, streamId: event.streamId, sources: event.sources ?? [] } : state;
    case 'delta':
      return state.phase === 'streaming' && event.text ? { ...state, text: state.text + event.text } : state;
    case 'resync':
      return state.phase === 'streaming' && event.text !== state.text ? { ...state, text: event.text } : state;
    case 'notice':
      return state.phase === 'streaming' ? { ...state, notices: [...state.notices, event.notice] } : state;
    case 'end':
      return state.phase === 'streaming' ? ended(state, event.status, event.error) : state;
    case 'stop':
      return state.phase === 'streaming' ? { ...state, phase: 'stopped', notices: [] } : state;
    case 'edit':
      return canEdit(state) ? { ...state, editing: true } : state;
    case 'change':
      return state.editing ? { ...state, text: event.text } : state;
    case 'accept':
      return canAccept(state) ? { ...state, phase: 'accepted', editing: false } : state;
    case 'reject':
      return isOpen(state) ? { ...state, phase: 'rejected', editing: false } : state;
  }
}
