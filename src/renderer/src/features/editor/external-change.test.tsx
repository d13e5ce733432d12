// @vitest-environment happy-dom
import { act, cleanup } from '@testing-library/react';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { DocNode } from '../../../../shared/models/document';
import { bytesToBase64 } from '../../lib/base64';
import { editorIn, typeAfter } from '../../testing/editor-dom';
import { renderWithServices } from '../../testing/render-with-services';
import { createSceneCore, paragraphsOf, PROJECT_ID, sceneFixture, type SceneCore } from '../../testing/scene-core';
import { useEditorSession } from './editor-session.store';
import { SceneEditor } from './SceneEditor';

/**
 * A change the core stores while the scene is open — an approved proposal or an import writing
 * through `scene.save`, another window's typing, a snapshot restore, another device — reaches
 * the open editor as a Yjs update pulled on `scene.saved`: it shows at once, even while the
 * writer has unsent typing (both are kept), the caret stays with its words, and undo takes back
 * only what the writer typed here.
 */

const SCENE = '00000000-0000-4000-8000-0000000000c1';
const DEBOUNCE_MS = 700;

const elapse = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));
const editorText = () => paragraphsOf(editorIn().getJSON() as DocNode);
const storedText = (core: SceneCore) => paragraphsOf(core.stored(SCENE).content);

/** The core stores new text (as applying a proposal does) and says so with `scene.saved`. */
async function storeElsewhere(core: SceneCore, paragraphs: string[]) {
  core.saveElsewhere(SCENE, paragraphs);
  announce(core);
  await elapse();
}

function announce(core: SceneCore) {
  const scene = core.stored(SCENE);
  act(() => core.api.emit('scene.saved', { id: SCENE, projectId: PROJECT_ID, revision: scene.revision, wordCount: 3, savedAt: Date.now() }));
}

/** Types, then leaves the text so it is sent at once, and lets the push land — all without the clock moving. */
async function typeAndSave(core: SceneCore, anchor: string, typed: string) {
  const editor = editorIn();
  act(() => editor.view.dom.focus());
  await typeAfter(editor, anchor, typed);
  act(() => editor.view.dom.blur());
  await elapse();
  core.pushes.at(-1)?.land();
  await elapse();
}

/** Puts the caret right after the first `anchor` in the text. */
function caretAfter(anchor: string) {
  const editor = editorIn();
  let at = -1;
  editor.state.doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text?.includes(anchor)) at = pos + (node.text.indexOf(anchor) + anchor.length);
  });
  act(() => void editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, at))));
}

/** The text from the start of the caret's paragraph to the caret. */
const beforeCaret = () => {
  const { $from } = editorIn().state.selection;
  return $from.parent.textBetween(0, $from.parentOffset);
};

const undo = () => act(() => void editorIn().commands.undo());

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  cleanup();
  await vi.runOnlyPendingTimersAsync();
  vi.useRealTimers();
  window.localStorage.clear();
  useEditorSession.setState({ pendingSaves: new Map() });
});

describe('a change stored by the core while the scene is open', () => {
  it('shows at once with the caret kept with its words, sends nothing back, and is not undone by undo', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['It was late.', 'The lamp burned.'], 4)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    await typeAndSave(core, 'lamp', ' still');
    expect(core.stored(SCENE).revision).toBe(5);
    caretAfter('still');

    await storeElsewhere(core, ['A proposal’s first line.', 'It was late.', 'The lamp still burned.']);
    expect(editorText()).toEqual(['A proposal’s first line.', 'It was late.', 'The lamp still burned.']);
    expect(beforeCaret()).toBe('The lamp still');
    // The change is already stored: nothing is sent for it.
    await elapse(DEBOUNCE_MS * 2);
    expect(core.pushes).toHaveLength(1);

    // Undo takes back the writer's own typing, never the text that came from elsewhere.
    undo();
    expect(editorText()).toEqual(['A proposal’s first line.', 'It was late.', 'The lamp burned.']);
    await elapse(DEBOUNCE_MS);
    core.pushes.at(-1)?.land();
    await elapse();
    expect(storedText(core)).toEqual(['A proposal’s first line.', 'It was late.', 'The lamp burned.']);
  });

  it('merges it in while the writer has unsent typing: both are kept, and the typing is still sent', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Mine.', 'Second.'], 1)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    await typeAfter(editorIn(), 'Mine.', ' Unsent.');

    await storeElsewhere(core, ['Mine.', 'Second, edited elsewhere.']);
    expect(editorText()).toEqual(['Mine. Unsent.', 'Second, edited elsewhere.']);
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Mine. Unsent.', 'Second, edited elsewhere.']);
  });

  it('a change the writer approved for the open scene (a proposal) is their own: one undo takes it back, and that is sent', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['It was late.'], 4)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    // Typed and stored a moment before the approval: within the undo manager's grouping delay.
    await typeAndSave(core, 'late.', ' The lamp.');

    const stored = useEditorSession.getState().expectOwnChange(SCENE);
    await storeElsewhere(core, ['The proposal’s text.', 'A second paragraph.']);
    await act(() => stored());
    expect(editorText()).toEqual(['The proposal’s text.', 'A second paragraph.']);
    await typeAfter(editorIn(), 'paragraph.', ' Then mine.');
    // Nothing is sent for the approved change itself: the core holds it.
    await elapse(DEBOUNCE_MS);
    expect(core.pushes).toHaveLength(2);
    core.pushes[1]?.land();
    await elapse();

    undo();
    expect(editorText()).toEqual(['The proposal’s text.', 'A second paragraph.']);
    undo();
    expect(editorText()).toEqual(['It was late. The lamp.']);
    await elapse(DEBOUNCE_MS);
    core.pushes.at(-1)?.land();
    await elapse();
    expect(storedText(core)).toEqual(['It was late. The lamp.']);
  });

  it('pulls again after a change announced while a pull was on its way', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Before.'], 2)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const pulls: string[][] = [];
    // The first pull reads the document before the second change and answers late.
    core.saveElsewhere(SCENE, ['Middle.']);
    core.api.answer('scene.doc.pull', async ({ id }) => {
      const answer = { id, revision: core.stored(id).revision, update: encodedState(core) };
      pulls.push(storedText(core));
      await held;
      return answer;
    });
    announce(core);
    await elapse();
    core.saveElsewhere(SCENE, ['After.']);
    announce(core);
    await elapse();
    release();
    await elapse();
    expect(pulls).toEqual([['Middle.'], ['After.']]);
    expect(editorText()).toEqual(['After.']);
  });

  it('pulls what it missed while the connection was down when it comes back', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Offline.'], 2)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    act(() => core.api.setStatus('closed'));
    // Stored meanwhile; the event never reached this window.
    core.saveElsewhere(SCENE, ['Offline.', 'Written on another device.']);
    act(() => core.api.setStatus('open'));
    await elapse();
    expect(editorText()).toEqual(['Offline.', 'Written on another device.']);
  });
});

/** The core's whole document, base64 (what a pull with an empty state vector answers). */
const encodedState = (core: SceneCore) => bytesToBase64(Y.encodeStateAsUpdate(core.docOf(SCENE)));
