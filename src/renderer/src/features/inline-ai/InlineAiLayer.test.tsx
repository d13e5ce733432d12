// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Editor } from '@tiptap/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { editorIn, typeAfter } from '../../testing/editor-dom';
import { renderWithServices } from '../../testing/render-with-services';
import { createSceneCore, paragraphsOf, PROJECT_ID, sceneFixture, type SceneCore } from '../../testing/scene-core';
import { SceneEditor, useEditorSession } from '../editor';

/**
 * An inline rewrite as the writer runs it: the real editor with its AI layer, the AI menu, the
 * suggestion card and the stream events of a fake core. The document may change only on Accept.
 */

const SCENE = '00000000-0000-4000-8000-0000000000c1';
const OTHER = '00000000-0000-4000-8000-0000000000c3';
const STREAM = '00000000-0000-4000-8000-0000000000c2';
const ORIGINAL = ['The old line stays.', 'Second paragraph.'];

interface Opened {
  core: SceneCore;
  editor: Editor;
  /** Every change of the document since the scene opened (TipTap's update event). */
  updates: () => number;
  /** Opens another scene in the same editor pane. */
  show(sceneId: string): void;
}

async function openScene(): Promise<Opened> {
  const core = createSceneCore([sceneFixture(SCENE, ORIGINAL, 3), sceneFixture(OTHER, ['Elsewhere.'], 1)]);
  core.api.answer('ai.inline', { streamId: STREAM, sources: [] });
  core.api.answer('stream.cancel', { ok: true });
  const view = renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
  await waitFor(() => editorIn());
  const editor = editorIn();
  let updates = 0;
  editor.on('update', () => (updates += 1));
  return { core, editor, updates: () => updates, show: (id) => view.rerender(<SceneEditor projectId={PROJECT_ID} sceneId={id} />) };
}

/** Selects `needle` in the text, opens the AI menu with Mod+J and runs Rewrite. */
async function rewrite({ core, editor }: Opened, needle: string): Promise<void> {
  let range = { from: 0, to: 0 };
  editor.state.doc.descendants((node, pos) => {
    const at = node.isText ? (node.text ?? '').indexOf(needle) : -1;
    if (at >= 0) range = { from: pos + at, to: pos + at + needle.length };
  });
  act(() => {
    editor.commands.focus();
    editor.commands.setTextSelection(range);
  });
  fireEvent.keyDown(editor.view.dom, { key: 'j', ctrlKey: true });
  fireEvent.click(await screen.findByTestId('ai-action-rewrite'));
  await waitFor(() => expect(core.api.inputsOf('ai.inline').at(-1)).toMatchObject({ action: 'rewrite', sceneId: SCENE, selection: needle }));
}

const text = (editor: Editor) => paragraphsOf(editor.getJSON() as DocNode);
/** The passage shown struck through (what the suggestion would replace), if any. */
const struck = (editor: Editor) => editor.view.dom.querySelector('.ai-target')?.textContent ?? null;
const cardText = () => screen.getByTestId('ai-suggestion-text').textContent;
/** Waits for the next frame, when streamed text reaches the card. */
const nextFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
const undoKey = (editor: Editor) => fireEvent.keyDown(editor.view.dom, { key: 'z', ctrlKey: true });

function streamText(core: SceneCore, ...parts: string[]): void {
  act(() => {
    for (const part of parts) core.api.emit('stream.delta', { streamId: STREAM, text: part });
  });
}

beforeEach(() => {
  // A still clock: undo steps are then split only by the suggestion's own history boundaries,
  // never by time passing between two transactions.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.localStorage.clear();
  useEditorSession.setState({ pendingSaves: new Map() });
});

describe('inline suggestion in the editor', () => {
  it('shows under the suggestion the sources the action was given', async () => {
    const opened = await openScene();
    opened.core.api.answer('ai.inline', {
      streamId: STREAM,
      sources: [{ type: 'scene', id: OTHER, label: 'Chapter 1 · The Keeper', chapterId: null, range: null, excerpt: 'Elsewhere.', pinned: false }],
    });
    await rewrite(opened, 'old line');
    const card = await screen.findByTestId('ai-suggestion');
    fireEvent.click(await within(card).findByRole('button', { name: 'Sources (1)' }));
    expect(within(card).getByRole('button', { name: 'Open the scene Chapter 1 · The Keeper' })).toBeTruthy();
  });

  it('streams into the card without touching the text; Accept applies it as one undo step', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');

    streamText(core, 'new ', 'verse');
    await waitFor(() => expect(cardText()).toBe('new verse'));
    expect(screen.getByTestId('ai-suggestion').dataset['phase']).toBe('streaming');
    expect(struck(editor)).toBe('old line');
    expect(text(editor)).toEqual(ORIGINAL);
    expect(opened.updates()).toBe(0);

    // The writer types on just before the passage while the suggestion streams.
    await typeAfter(editor, 'The ', 'big ');
    expect(text(editor)).toEqual(['The big old line stays.', 'Second paragraph.']);
    expect(struck(editor)).toBe('old line');

    act(() => core.api.emit('stream.end', { streamId: STREAM, status: 'done' }));
    fireEvent.click(await screen.findByTestId('ai-accept'));
    expect(text(editor)).toEqual(['The big new verse stays.', 'Second paragraph.']);
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();
    expect(struck(editor)).toBeNull();

    // And types on right after it.
    await typeAfter(editor, 'new verse', ' indeed');
    expect(text(editor)).toEqual(['The big new verse indeed stays.', 'Second paragraph.']);

    undoKey(editor);
    expect(text(editor)).toEqual(['The big new verse stays.', 'Second paragraph.']);
    undoKey(editor);
    expect(text(editor)).toEqual(['The big old line stays.', 'Second paragraph.']);
    undoKey(editor);
    expect(text(editor)).toEqual(ORIGINAL);
  });

  it('a suggestion whose end went by while the connection was down is finished from the replay on reconnect', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'A new ');
    await waitFor(() => expect(cardText()).toBe('A new '));
    act(() => core.api.setStatus('closed'));
    // Meanwhile the core finished the suggestion; its last delta and its end were lost with the socket.
    core.api.answer('stream.replay', {
      streamId: STREAM,
      state: 'ended',
      events: [
        { type: 'delta', seq: 1, text: 'A new ' },
        { type: 'delta', seq: 2, text: 'line' },
        { type: 'end', seq: 3, status: 'done' },
      ],
      complete: true,
      text: 'A new line',
      lastSeq: 3,
    });
    act(() => core.api.setStatus('open'));
    await screen.findByTestId('ai-accept');
    expect(core.api.inputsOf('stream.replay')).toEqual([{ streamId: STREAM, afterSeq: 1 }]);
    await nextFrame();
    expect(cardText()).toBe('A new line');
    fireEvent.click(screen.getByTestId('ai-accept'));
    expect(text(editor)).toEqual(['The A new line stays.', 'Second paragraph.']);
  });

  it('Discard leaves the text exactly as it was', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'A new line');
    act(() => core.api.emit('stream.end', { streamId: STREAM, status: 'done' }));
    await screen.findByTestId('ai-accept');

    fireEvent.click(screen.getByTestId('ai-reject'));
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();
    expect(struck(editor)).toBeNull();
    expect(text(editor)).toEqual(ORIGINAL);
    expect(opened.updates()).toBe(0);
  });

  it('from the keyboard: Escape in the text discards a streaming suggestion and stops it; Mod+Enter accepts', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'Half');
    await waitFor(() => expect(cardText()).toBe('Half'));

    fireEvent.keyDown(editor.view.dom, { key: 'Escape' });
    await waitFor(() => expect(core.api.inputsOf('stream.cancel')).toEqual([{ streamId: STREAM }]));
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();
    expect(struck(editor)).toBeNull();
    expect(text(editor)).toEqual(ORIGINAL);
    expect(opened.updates()).toBe(0);

    await rewrite(opened, 'Second');
    streamText(core, 'Next');
    act(() => core.api.emit('stream.end', { streamId: STREAM, status: 'done' }));
    await screen.findByTestId('ai-accept');
    fireEvent.keyDown(editor.view.dom, { key: 'Enter', ctrlKey: true });
    expect(text(editor)).toEqual(['The old line stays.', 'Next paragraph.']);
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();
  });

  it('a stream that fails shows its error and leaves the text plain and unchanged', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'A half');
    act(() =>
      core.api.emit('stream.end', {
        streamId: STREAM,
        status: 'error',
        error: { code: 'PROVIDER_FAILED', message: 'The connection to Ollama dropped.', retryable: true },
      }),
    );

    const error = await screen.findByTestId('ai-error');
    expect(error.textContent).toBe('The connection to Ollama dropped.');
    expect(error.dataset['code']).toBe('PROVIDER_FAILED');
    expect(screen.getByTestId('ai-suggestion').dataset['phase']).toBe('failed');
    expect(screen.queryByTestId('ai-accept')).toBeNull();
    expect(struck(editor)).toBeNull();
    expect(text(editor)).toEqual(ORIGINAL);
    expect(opened.updates()).toBe(0);
  });

  it('Stop cancels the stream in the core and keeps the partial text for review, the text untouched', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'Half a ');
    await waitFor(() => expect(cardText()).toBe('Half a '));

    fireEvent.click(screen.getByTestId('ai-stop'));
    await waitFor(() => expect(core.api.inputsOf('stream.cancel')).toEqual([{ streamId: STREAM }]));
    expect(screen.getByTestId('ai-suggestion').dataset['phase']).toBe('stopped');
    // Whatever the model still sends is not added after Stop.
    streamText(core, 'line');
    act(() => core.api.emit('stream.end', { streamId: STREAM, status: 'cancelled' }));
    await nextFrame();
    expect(cardText()).toBe('Half a ');
    expect(screen.getByTestId('ai-accept')).toBeTruthy();
    expect(text(editor)).toEqual(ORIGINAL);
    expect(opened.updates()).toBe(0);
  });

  it('opening another scene while a suggestion streams cancels it, and its text goes nowhere', async () => {
    const opened = await openScene();
    const { core, editor } = opened;
    await rewrite(opened, 'old line');
    streamText(core, 'Half');
    await waitFor(() => expect(cardText()).toBe('Half'));

    opened.show(OTHER);
    await waitFor(() => expect(editorIn().getText()).toBe('Elsewhere.'));
    expect(core.api.inputsOf('stream.cancel')).toEqual([{ streamId: STREAM }]);
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();

    const next = editorIn();
    streamText(core, ' more');
    act(() => core.api.emit('stream.end', { streamId: STREAM, status: 'cancelled' }));
    await nextFrame();
    expect(screen.queryByTestId('ai-suggestion')).toBeNull();
    expect(paragraphsOf(next.getJSON() as DocNode)).toEqual(['Elsewhere.']);
    expect(struck(next)).toBeNull();
    expect(editor.isDestroyed).toBe(true);
  });
});
