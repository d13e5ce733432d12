import { getSchema } from '@tiptap/core';
import { history, undo } from '@tiptap/pm/history';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import type { DecorationSet } from '@tiptap/pm/view';
import { describe, expect, it, vi } from 'vitest';
import type { AppErrorShape } from '../../../../shared/ipc/errors';
import type { ContextSource } from '../../../../shared/models/context-source';
import type { InlineStarted } from '../../../../shared/models/llm';
import type { StreamHandlers } from '../../lib/streams';
import { documentExtensions } from '../editor/editor-extensions';
import type { FrameScheduler } from './frame-batcher';
import { createInlineAiController, textBefore, type InlineRequest } from './inline-ai.controller';
import { idleSuggestion, transition, type SuggestionState } from './suggestion-machine';
import { placedSuggestion, suggestionKey, suggestionPlugin } from './suggestion-plugin';

const schema = getSchema(documentExtensions());

/** Frames that run only when the test says so. */
function manualFrames() {
  const due = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = { request: (cb) => (due.set(next, cb), next++), cancel: (h) => due.delete(h) };
  return {
    frames,
    tick() {
      const callbacks = [...due.values()];
      due.clear();
      callbacks.forEach((cb) => cb());
    },
  };
}

function setup(paragraphs: string[], select: (state: EditorState) => [number, number]) {
  const doc = schema.nodeFromJSON({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
  let state = EditorState.create({ schema, doc, plugins: [history(), suggestionPlugin({ container: () => null })] });
  const [from, to] = select(state);
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
  const original = state.doc;
  const editor = {
    get state() {
      return state;
    },
    isDestroyed: false,
    dispatch(tr: Transaction) {
      state = state.apply(tr);
    },
    focus: vi.fn(),
  };
  let suggestion: SuggestionState = idleSuggestion;
  const store = { suggestion: () => suggestion, dispatch: (e: Parameters<typeof transition>[1]) => (suggestion = transition(suggestion, e)), setCard: vi.fn() };

  let handlers: StreamHandlers = {};
  let bound: string | null = null;
  const requests: InlineRequest[] = [];
  let answer: { resolve(v: InlineStarted): void; reject(e: unknown): void } | null = null;
  const streams = {
    start: (request: InlineRequest) => {
      requests.push(request);
      return new Promise<InlineStarted>((resolve, reject) => (answer = { resolve, reject }));
    },
    follow: (h: StreamHandlers) => {
      handlers = h;
      return { bind: (id: string) => (bound = id), dispose: vi.fn() };
    },
    cancel: vi.fn(async () => ({ ok: true })),
  };
  const { frames, tick } = manualFrames();
  const toError = (error: unknown): AppErrorShape => error as AppErrorShape;
  const controller = createInlineAiController({ editor, sceneId: 'scene-1', store, streams, createCard: () => ({}) as HTMLElement, toError, frames });
  const texts = () => {
    const out: string[] = [];
    state.doc.forEach((n) => out.push(n.textContent));
    return out;
  };
  return {
    controller,
    editor,
    streams,
    tick,
    texts,
    original,
    requests,
    suggestion: () => suggestion,
    handlers: () => handlers,
    bound: () => bound,
    answer: () => answer!,
  };
}

const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The text the editor shows struck through (the passage a suggestion would replace), if any. */
function struckText(state: EditorState): string | null {
  const plugin = suggestionKey.get(state);
  const set = plugin?.props.decorations?.call(plugin, state) as DecorationSet | null | undefined;
  const target = set?.find(undefined, undefined, (spec: { aiTarget?: boolean }) => spec.aiTarget === true)[0];
  return target ? state.doc.textBetween(target.from, target.to) : null;
}

function findRange(state: EditorState, needle: string): [number, number] {
  let range: [number, number] = [0, 0];
  state.doc.descendants((node, pos) => {
    const i = node.isText ? (node.text ?? '').indexOf(needle) : -1;
    if (i >= 0) range = [pos + i, pos + i + needle.length];
  });
  return range;
}

const KEEPER: ContextSource = {
  type: 'scene',
  id: '00000000-0000-4000-8000-0000000000aa',
  label: 'Chapter 1 · The Keeper',
  chapterId: '00000000-0000-4000-8000-0000000000bb',
  range: null,
  excerpt: 'Old Pell taught her to trim the wick.',
  pinned: false,
};

describe('inline AI controller', () => {
  it('streams a rewrite without touching the text, then applies it as one undo step', async () => {
    const t = setup(['The old line stays.', 'Second.'], (s) => findRange(s, 'old line'));
    t.controller.run('rewrite', ' tenser ');
    expect(t.requests[0]).toMatchObject({ action: 'rewrite', sceneId: 'scene-1', selection: 'old line', instruction: 'tenser', before: 'The ' });
    t.answer().resolve({ streamId: 'st-1', sources: [KEEPER] });
    await flushPromises();
    expect(t.bound()).toBe('st-1');
    // The sources the core gave the action go with the suggestion to its card.
    expect(t.suggestion().sources).toEqual([KEEPER]);
    t.handlers().onDelta?.('new ');
    t.handlers().onDelta?.('verse');
    expect(t.suggestion().text).toBe('');
    t.tick();
    expect(t.suggestion().text).toBe('new verse');
    // The writer types in another paragraph meanwhile.
    t.editor.dispatch(t.editor.state.tr.insertText('My ', t.editor.state.doc.content.size - 8));
    expect(t.editor.state.doc.textContent).not.toContain('new verse');
    t.handlers().onEnd?.({ status: 'done' });
    expect(t.suggestion().phase).toBe('ready');
    t.controller.accept();
    expect(t.texts()).toEqual(['The new verse stays.', 'My Second.']);
    expect(placedSuggestion(t.editor.state)).toBeNull();
    undo(t.editor.state, (tr) => t.editor.dispatch(tr));
    expect(t.texts()).toEqual(['The old line stays.', 'My Second.']);
  });

  it('stops a stream even before its id is known, keeping the partial text', async () => {
    const t = setup(['Go on.'], (s) => [s.doc.content.size - 1, s.doc.content.size - 1]);
    t.controller.run('continue', '');
    t.handlers().onDelta?.('Partial');
    t.controller.stop();
    expect(t.suggestion().phase).toBe('stopped');
    expect(t.suggestion().text).toBe('Partial');
    t.answer().resolve({ streamId: 'st-2', sources: [] });
    await flushPromises();
    expect(t.streams.cancel).toHaveBeenCalledWith('st-2');
  });

  it('rejecting (or closing the scene) cancels the stream and leaves the document identical', async () => {
    const t = setup(['Keep me exactly.'], (s) => findRange(s, 'exactly'));
    t.controller.run('expand', '');
    t.answer().resolve({ streamId: 'st-3', sources: [] });
    await flushPromises();
    t.handlers().onDelta?.('much more');
    t.tick();
    t.controller.reject();
    expect(t.streams.cancel).toHaveBeenCalledWith('st-3');
    expect(t.suggestion().phase).toBe('rejected');
    expect(t.editor.state.doc.eq(t.original)).toBe(true);
    expect(placedSuggestion(t.editor.state)).toBeNull();

    t.controller.run('describe', '');
    t.answer().resolve({ streamId: 'st-4', sources: [] });
    await flushPromises();
    t.controller.dispose();
    expect(t.streams.cancel).toHaveBeenCalledWith('st-4');
    expect(t.editor.state.doc.eq(t.original)).toBe(true);
  });

  it('leaves the text plain and exactly as it was when a rewrite fails', async () => {
    const t = setup(['The old line stays.'], (s) => findRange(s, 'old line'));
    t.controller.run('rewrite', '');
    expect(struckText(t.editor.state)).toBe('old line');
    t.answer().resolve({ streamId: 'st-5', sources: [] });
    await flushPromises();
    t.handlers().onDelta?.('A new');
    t.handlers().onEnd?.({ status: 'error', error: { code: 'PROVIDER_FAILED', message: 'The connection to Ollama dropped.', retryable: true } });
    expect(t.suggestion().phase).toBe('failed');
    expect(struckText(t.editor.state)).toBeNull();
    expect(t.editor.state.doc.eq(t.original)).toBe(true);
    // Try again strikes the passage once more while the new suggestion streams.
    t.controller.retry();
    expect(struckText(t.editor.state)).toBe('old line');
    // Editing the failed text to accept it shows again what it would replace.
    t.answer().resolve({ streamId: 'st-6', sources: [] });
    await flushPromises();
    t.handlers().onDelta?.('Half a line');
    t.tick();
    t.handlers().onEnd?.({ status: 'error', error: { code: 'PROVIDER_FAILED', message: 'Dropped again.', retryable: true } });
    expect(struckText(t.editor.state)).toBeNull();
    t.controller.edit();
    expect(t.suggestion().editing).toBe(true);
    expect(struckText(t.editor.state)).toBe('old line');
  });

  it('leaves the text plain when the run cannot start, or the model sends nothing', async () => {
    const t = setup(['Keep this line.'], (s) => findRange(s, 'this'));
    t.controller.run('rewrite', '');
    expect(struckText(t.editor.state)).toBe('this');
    t.answer().reject({ code: 'NO_MODEL_AVAILABLE', message: 'No model is set up.', retryable: false });
    await flushPromises();
    expect(struckText(t.editor.state)).toBeNull();
    t.controller.retry();
    expect(struckText(t.editor.state)).toBe('this');
    t.answer().resolve({ streamId: 'st-7', sources: [] });
    await flushPromises();
    t.handlers().onEnd?.({ status: 'done' });
    expect(t.suggestion().error?.code).toBe('INVALID_OUTPUT');
    expect(struckText(t.editor.state)).toBeNull();
    expect(t.editor.state.doc.eq(t.original)).toBe(true);
  });

  it('takes the whole text after a reconnect, dropping what was waiting for the next frame', async () => {
    const t = setup(['Go on.'], (s) => [s.doc.content.size - 1, s.doc.content.size - 1]);
    t.controller.run('continue', '');
    t.answer().resolve({ streamId: 'st-8', sources: [] });
    await flushPromises();
    t.handlers().onDelta?.('The sea');
    t.handlers().onResync?.('The sea rose, and');
    t.handlers().onDelta?.(' fell.');
    t.tick();
    t.handlers().onEnd?.({ status: 'done' });
    expect(t.suggestion().text).toBe('The sea rose, and fell.');
  });

  it('shows the core error when the run cannot start', async () => {
    const t = setup(['Text.'], () => [1, 1]);
    t.controller.run('continue', '');
    const error: AppErrorShape = { code: 'NO_MODEL_AVAILABLE', message: 'No model is set up.', retryable: false };
    t.answer().reject(error);
    await flushPromises();
    expect(t.suggestion().phase).toBe('failed');
    expect(t.suggestion().error).toEqual(error);
    // Try again: the same request, at the same place.
    t.controller.retry();
    expect(t.requests).toHaveLength(2);
    expect(t.requests[1]).toEqual(t.requests[0]);
    expect(t.suggestion().phase).toBe('streaming');
  });

  it('offers a chat reply at the cursor for review', () => {
    const t = setup(['Hello.'], (s) => [s.doc.content.size - 1, s.doc.content.size - 1]);
    t.controller.offer('From the chat.');
    expect(t.suggestion().phase).toBe('ready');
    expect(t.texts()).toEqual(['Hello.']);
    t.controller.accept();
    expect(t.texts()).toEqual(['Hello. From the chat.']);
  });

  it('ignores selection actions without a selection', () => {
    const t = setup(['Text.'], () => [2, 2]);
    t.controller.run('rewrite', '');
    expect(t.requests).toHaveLength(0);
    expect(t.suggestion().phase).toBe('idle');
  });
});

describe('textBefore', () => {
  it('keeps the last characters before the cursor across paragraphs', () => {
    const doc = schema.nodeFromJSON({ type: 'doc', content: ['One.', 'Two three.'].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
    expect(textBefore(doc, doc.content.size - 1)).toBe('One.\n\nTwo three.');
    expect(textBefore(doc, doc.content.size - 1, 6)).toBe('three.');
  });
});
