// @vitest-environment happy-dom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { editorIn, typeAfter } from '../../testing/editor-dom';
import { renderWithServices } from '../../testing/render-with-services';
import { createSceneCore, paragraphsOf, PROJECT_ID, sceneFixture, type SceneCore } from '../../testing/scene-core';
import { useEditorSession } from './editor-session.store';
import { SceneEditor } from './SceneEditor';

/**
 * A change the core stores while the scene is open and idle — an approved proposal, another
 * window's save — lands in the editor as one undoable step (external-change.ts): one Ctrl+Z
 * brings back exactly the text from before it, whatever was typed just before or just after.
 */

const SCENE = '00000000-0000-4000-8000-0000000000c1';
const DEBOUNCE_MS = 700;

const elapse = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));
const editorText = () => paragraphsOf(editorIn().getJSON() as DocNode);
const savesSent = (core: SceneCore) => core.saves.map((save) => ({ text: paragraphsOf(save.input.content), baseRevision: save.input.baseRevision }));

/** The core stores new text (as applying a proposal does) and says so with `scene.saved`. */
async function storeElsewhere(core: SceneCore, paragraphs: string[]) {
  core.saveElsewhere(SCENE, paragraphs);
  const scene = core.stored(SCENE);
  act(() => core.api.emit('scene.saved', { id: SCENE, projectId: PROJECT_ID, revision: scene.revision, wordCount: 3, savedAt: Date.now() }));
  await elapse();
}

/** Types, then leaves the text so it saves at once, and lets the save land — all without the clock moving. */
async function typeAndSave(core: SceneCore, anchor: string, typed: string) {
  const editor = editorIn();
  act(() => editor.view.dom.focus());
  await typeAfter(editor, anchor, typed);
  act(() => editor.view.dom.blur());
  await elapse();
  core.saves[core.saves.length - 1]?.land();
  await elapse();
}

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
  it('shows the new text, and one undo brings back the text from before it, which is then saved', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['It was late.'], 4)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    // Typed and saved a moment before the change arrives: within the history's grouping delay.
    await typeAndSave(core, 'late.', ' The lamp.');
    expect(core.stored(SCENE).revision).toBe(5);

    await storeElsewhere(core, ['The proposal’s text.', 'A second paragraph.']);
    expect(editorText()).toEqual(['The proposal’s text.', 'A second paragraph.']);
    // The replacement itself is already stored: nothing is sent for it.
    await elapse(DEBOUNCE_MS * 2);
    expect(core.saves).toHaveLength(1);

    undo();
    expect(editorText()).toEqual(['It was late. The lamp.']);
    await elapse(DEBOUNCE_MS);
    expect(savesSent(core).slice(1)).toEqual([{ text: ['It was late. The lamp.'], baseRevision: 6 }]);
  });

  it('keeps what is typed right after it as a separate undo step', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Quiet.'], 1)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();

    await storeElsewhere(core, ['Approved.']);
    expect(editorText()).toEqual(['Approved.']);
    await typeAfter(editorIn(), 'Approved.', ' Then mine.');

    undo();
    expect(editorText()).toEqual(['Approved.']);
    undo();
    expect(editorText()).toEqual(['Quiet.']);
  });

  it('shows a change announced while an earlier read was on its way (a snapshot before an approved proposal)', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Before.'], 2)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    core.api.answer('scene.get', async ({ id }) => {
      const read = core.stored(id);
      await held;
      return read;
    });
    // The snapshot's event starts a read that sees the text from before the change…
    act(() => core.api.emit('snapshot.changed', { projectId: PROJECT_ID }));
    await elapse();
    core.api.answer('scene.get', ({ id }) => core.stored(id));
    // …and the change itself is announced while that read is still on its way.
    await storeElsewhere(core, ['After.']);
    release();
    await elapse();
    expect(editorText()).toEqual(['After.']);
    undo();
    expect(editorText()).toEqual(['Before.']);
  });

  it('leaves the editor alone while it holds unsaved text (the next save meets the conflict)', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Mine.'], 1)]);
    renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={SCENE} />, core.api);
    await elapse();
    await typeAfter(editorIn(), 'Mine.', ' Unsaved.');

    await storeElsewhere(core, ['Theirs.']);
    expect(editorText()).toEqual(['Mine. Unsaved.']);
  });
});
