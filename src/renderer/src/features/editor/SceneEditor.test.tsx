// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { DocNode } from '../../../../shared/models/document';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { ApiError } from '../../lib/api';
import { base64ToBytes } from '../../lib/base64';
import { editorIn, typeAfter } from '../../testing/editor-dom';
import { renderWithServices } from '../../testing/render-with-services';
import { createSceneCore, paragraphsOf, PROJECT_ID, sceneFixture, type SceneCore } from '../../testing/scene-core';
import { createCrashJournal } from './crash-journal';
import { SCENE_FRAGMENT } from './scene-doc-binding';
import { useEditorSession } from './editor-session.store';
import { SceneEditor } from './SceneEditor';

/**
 * Saving as the writer meets it: the real editor (TipTap under happy-dom) bound to the scene's
 * Yjs document, its workspace, the push loop and the crash journal, against a fake core that
 * keeps a Yjs document per scene and holds every push until the test answers it. The clock is
 * fake, so the debounce and the retries run on the test's word.
 */

const SCENE = '00000000-0000-4000-8000-0000000000b1';
const OTHER = '00000000-0000-4000-8000-0000000000b2';
/** The quiet time after the last keystroke before a push (scene-doc-sync.ts). */
const DEBOUNCE_MS = 700;
/** The longest continuous typing waits for a push (scene-doc-sync.ts). */
const MAX_WAIT_MS = 2_000;
/** The first retry after a failed save (autosave.ts). */
const FIRST_RETRY_MS = 500;

const offline = () => new ApiError(ErrorCode.DISCONNECTED, 'Nova Studio’s core is not reachable.', true);

/** Lets promises and timers that are due run, moving the fake clock by `ms`. */
const elapse = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

function open(core: SceneCore, sceneId = SCENE) {
  const view = renderWithServices(<SceneEditor projectId={PROJECT_ID} sceneId={sceneId} />, core.api);
  return { ...view, show: (id: string) => view.rerender(<SceneEditor projectId={PROJECT_ID} sceneId={id} />) };
}

const saveStatus = () => screen.getByTestId('save-status').dataset['state'];
const storedText = (core: SceneCore, sceneId = SCENE) => paragraphsOf(core.stored(sceneId).content);
/** The crash journal of this window (the app's is over localStorage). */
const journalEntry = async (sceneId = SCENE) => await createCrashJournal(window.localStorage).read(sceneId);
/**
 * The text the scene would have with the crash journal's unsent changes merged into what the
 * core stores (as the next open does), or null when the journal holds none.
 */
const journalText = async (core: SceneCore, sceneId = SCENE) => {
  const entry = await journalEntry(sceneId);
  if (entry?.updates === undefined) return null;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(core.docOf(sceneId)));
  Y.applyUpdate(copy, base64ToBytes(entry.updates));
  return paragraphsOf(yXmlFragmentToProsemirrorJSON(copy.getXmlFragment(SCENE_FRAGMENT)) as DocNode);
};
const editorText = () => paragraphsOf(editorIn().getJSON() as DocNode);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(async () => {
  cleanup();
  await vi.runOnlyPendingTimersAsync();
  vi.useRealTimers();
  window.localStorage.clear();
  // A push a test left unanswered would make the next test's editor wait for it (a reopen waits for the last push).
  useEditorSession.setState({ pendingSaves: new Map() });
});

describe('scene text bound to its Yjs document, sent to the core', () => {
  it('pushes once the writer pauses: a small update, stored as the next revision', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['It was late.'], 4)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'late.', ' The');
    await elapse(DEBOUNCE_MS - 200);
    await typeAfter(editor, 'The', ' lamp');
    await elapse(DEBOUNCE_MS - 1);
    expect(core.pushes).toHaveLength(0);
    expect(saveStatus()).toBe('dirty');

    await elapse(1);
    expect(core.pushes).toHaveLength(1);
    // The typed characters and their ids: not the document.
    expect(core.pushes[0]?.bytes).toBeLessThan(40);
    expect(saveStatus()).toBe('saving');

    core.pushes[0]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(core.stored(SCENE).revision).toBe(5);
    expect(storedText(core)).toEqual(['It was late. The lamp']);
  });

  it('pushes continuous typing at least every two seconds, without waiting for a pause', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Go.'], 1)]);
    open(core);
    await elapse();
    const editor = editorIn();
    let last = 'Go.';
    for (let i = 0; i < 6; i += 1) {
      const typed = ` w${String(i)}`;
      await typeAfter(editor, last, typed);
      last = typed.trim();
      await elapse(DEBOUNCE_MS - 300);
    }
    // 2,400 ms of typing with no pause as long as the debounce: one push went at the two-second mark.
    expect(6 * (DEBOUNCE_MS - 300)).toBeGreaterThan(MAX_WAIT_MS);
    expect(core.pushes).toHaveLength(1);
    core.pushes[0]?.land();
    await elapse();
    expect(storedText(core)[0]).toMatch(/^Go\. w0 w1 w2/);
  });

  it('sends a change made while a push is in flight after it', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['One.'], 4)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'One.', ' Two.');
    await elapse(DEBOUNCE_MS);
    await typeAfter(editor, 'Two.', ' Three.');
    await elapse(DEBOUNCE_MS * 3);
    expect(core.pushes).toHaveLength(1);

    core.pushes[0]?.land();
    await elapse();
    expect(core.pushes).toHaveLength(2);
    expect(saveStatus()).toBe('saving');
    core.pushes[1]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(core.stored(SCENE).revision).toBe(6);
    expect(storedText(core)).toEqual(['One. Two. Three.']);
  });

  it('says it is offline when a push fails for now, and retries until it lands', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Rain.'], 2)]);
    open(core);
    await elapse();

    await typeAfter(editorIn(), 'Rain.', ' Wind.');
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.fail(offline());
    await elapse();
    expect(saveStatus()).toBe('offline');
    expect(screen.getByTestId('save-status').textContent).toBe('Offline — will retry');
    expect(await journalText(core)).toEqual(['Rain. Wind.']);

    await elapse(FIRST_RETRY_MS - 1);
    expect(core.pushes).toHaveLength(1);
    await elapse(1);
    expect(core.pushes).toHaveLength(2);
    expect(core.pushes[1]?.input.update).toBe(core.pushes[0]?.input.update);
    // Still offline while the retry is on its way, rather than flickering to "Saving…".
    expect(saveStatus()).toBe('offline');

    core.pushes[1]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(storedText(core)).toEqual(['Rain. Wind.']);
    expect(await journalEntry()).toBeNull();
  });

  it('says offline, not "Saving…", while a push waits for the connection to come back', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Night.'], 1)]);
    open(core);
    await elapse();

    await typeAfter(editorIn(), 'Night.', ' Stars.');
    act(() => core.api.setStatus('closed'));
    expect(saveStatus()).toBe('offline');
    await elapse(DEBOUNCE_MS);
    expect(saveStatus()).toBe('offline');

    act(() => core.api.setStatus('open'));
    expect(saveStatus()).toBe('saving');
    core.pushes[0]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
  });

  it('a push whose answer was lost is sent again, and the text is stored once (Yjs updates are idempotent)', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Stored.'], 8)]);
    open(core);
    await elapse();

    await typeAfter(editorIn(), 'Stored.', ' Sent.');
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.land({ answerLost: true });
    await elapse();
    expect(saveStatus()).toBe('offline');
    expect(core.stored(SCENE).revision).toBe(9);

    await elapse(FIRST_RETRY_MS);
    expect(core.pushes[1]?.input.update).toBe(core.pushes[0]?.input.update);
    core.pushes[1]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    // The second copy changed nothing: no new revision, no repeated words.
    expect(core.stored(SCENE).revision).toBe(9);
    expect(storedText(core)).toEqual(['Stored. Sent.']);
    expect(editorText()).toEqual(['Stored. Sent.']);
    expect(await journalEntry()).toBeNull();
  });

  it('text typed while a push was on its way is merged back in by itself if it never reached the disk', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Start.'], 1)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'Start.', ' A.');
    await elapse(DEBOUNCE_MS);
    await elapse(50);
    await typeAfter(editorIn(), 'A.', ' B.');
    await elapse(50);
    core.pushes[0]?.land();
    await elapse();
    // The window goes away before " B." is stored (here its last push fails; a crash sends none).
    view.unmount();
    await elapse();
    core.pushes[1]?.fail(offline());
    await elapse();
    expect(storedText(core)).toEqual(['Start. A.']);
    expect(await journalText(core)).toEqual(['Start. A. B.']);

    open(core);
    await elapse();
    expect(screen.queryByTestId('recovery-notice')).toBeNull();
    expect(editorText()).toEqual(['Start. A. B.']);
    expect(saveStatus()).toBe('dirty');
    // Merged back as the writer's own typing: undo takes it out, redo brings it back.
    act(() => void editorIn().commands.undo());
    expect(editorText()).toEqual(['Start. A.']);
    act(() => void editorIn().commands.redo());
    expect(editorText()).toEqual(['Start. A. B.']);
    await elapse(DEBOUNCE_MS);
    core.pushes[2]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Start. A. B.']);
    expect(await journalEntry()).toBeNull();
  });

  it('merges journal changes the core already stored without sending anything, and drops the copy', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Start.'], 1)]);
    const view = open(core);
    await elapse();
    await typeAfter(editorIn(), 'Start.', ' Kept.');
    await elapse(DEBOUNCE_MS);
    // Stored, but the window is gone before the answer clears the journal.
    core.pushes[0]?.land({ answerLost: true });
    view.unmount();
    await elapse();
    core.pushes[1]?.land({ answerLost: true });
    await elapse();
    expect(await journalEntry()).not.toBeNull();

    open(core);
    await elapse(DEBOUNCE_MS * 2);
    expect(editorText()).toEqual(['Start. Kept.']);
    expect(core.pushes).toHaveLength(2);
    expect(saveStatus()).toBe('saved');
    expect(await journalEntry()).toBeNull();
  });

  it('saves at once when the text loses the focus', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Quiet.'], 1)]);
    open(core);
    await elapse();
    const editor = editorIn();
    act(() => editor.view.dom.focus());

    await typeAfter(editor, 'Quiet.', ' Loud.');
    act(() => editor.view.dom.blur());
    await elapse();
    expect(core.pushes).toHaveLength(1);
    core.pushes[0]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Quiet. Loud.']);
  });

  it('sends the open scene’s changes before showing another one', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['First scene.'], 7), sceneFixture(OTHER, ['Second scene.'], 2)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'First scene.', ' Last words.');
    view.show(OTHER);
    await elapse();
    expect(core.pushes.map((push) => push.input.id)).toEqual([SCENE]);
    expect(editorText()).toEqual(['Second scene.']);

    core.pushes[0]?.land();
    await elapse(DEBOUNCE_MS * 2);
    expect(storedText(core)).toEqual(['First scene. Last words.']);
    expect(await journalEntry(SCENE)).toBeNull();
    // The newly shown scene has nothing to send.
    expect(core.pushes).toHaveLength(1);
  });

  it('reopening a scene whose last push is still on its way waits for it, then shows the stored text', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['First scene.'], 7), sceneFixture(OTHER, ['Second scene.'], 2)]);
    const view = open(core);
    await elapse();
    const loads = () => core.api.inputsOf('scene.doc.open').filter((input) => input.id === SCENE).length;

    await typeAfter(editorIn(), 'First scene.', ' Last words.');
    view.show(OTHER);
    await elapse();
    view.show(SCENE);
    await elapse();
    expect(loads()).toBe(1);
    expect(screen.getByTestId('scene-editor-loading')).toBeTruthy();

    core.pushes[0]?.land();
    await elapse();
    expect(loads()).toBe(2);
    expect(editorText()).toEqual(['First scene. Last words.']);
    expect(saveStatus()).toBe('saved');
    expect(core.pushes).toHaveLength(1);
  });

  it('keeps unsent changes in the crash journal until the core has stored the newest of them', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Begin.'], 1)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'Begin.', ' A');
    expect(await journalEntry()).toMatchObject({ sceneId: SCENE, baseRevision: 1 });
    expect(await journalText(core)).toEqual(['Begin. A']);

    await elapse(DEBOUNCE_MS);
    expect(core.pushes).toHaveLength(1);
    expect(await journalText(core)).toEqual(['Begin. A']);

    // A newer change while the first push is in flight: that push landing must not drop it.
    await typeAfter(editor, ' A', ' B');
    core.pushes[0]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Begin. A']);
    expect(await journalText(core)).toEqual(['Begin. A B']);

    await elapse(DEBOUNCE_MS);
    core.pushes[1]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Begin. A B']);
    expect(await journalEntry()).toBeNull();
  });

  it('never loses text the core refuses: it stays in the editor and the journal, and a reopen sends it again', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Draft.'], 5)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'Draft.', ' Precious line.');
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.fail(new ApiError(ErrorCode.STORAGE_FAILED, 'The disk is full.', false));
    await elapse();
    expect(saveStatus()).toBe('error');
    expect(screen.getByTestId('save-status').parentElement?.getAttribute('title')).toBe('The disk is full.');
    expect(editorText()).toEqual(['Draft. Precious line.']);
    expect(await journalText(core)).toEqual(['Draft. Precious line.']);

    // The window closes: its last attempt fails too.
    view.unmount();
    await elapse();
    expect(core.pushes).toHaveLength(2);
    core.pushes[1]?.fail(new ApiError(ErrorCode.STORAGE_FAILED, 'The disk is full.', false));
    await elapse();
    expect(await journalText(core)).toEqual(['Draft. Precious line.']);

    // Opened again (the disk has room now): the text is back and sent.
    open(core);
    await elapse();
    expect(editorText()).toEqual(['Draft. Precious line.']);
    await elapse(DEBOUNCE_MS);
    core.pushes[2]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(storedText(core)).toEqual(['Draft. Precious line.']);
    expect(await journalEntry()).toBeNull();
  });

  it('offers back a whole-text copy left by an earlier version of the editor, and sends it when recovered', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Saved.'], 3)]);
    createCrashJournal(window.localStorage).write({
      sceneId: SCENE,
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Saved. Never stored.' }] }] },
      baseRevision: 3,
      writtenAt: Date.now(),
    });
    open(core);
    await elapse();
    expect(screen.getByTestId('recovery-notice').textContent).toContain('Unsaved text found.');
    expect(editorText()).toEqual(['Saved.']);

    fireEvent.click(screen.getByTestId('recovery-restore'));
    await elapse();
    expect(editorText()).toEqual(['Saved. Never stored.']);
    expect(core.api.inputsOf('snapshot.create')).toHaveLength(1);
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.land();
    await elapse();
    expect(storedText(core)).toEqual(['Saved. Never stored.']);
    expect(await journalEntry()).toBeNull();
  });

  it('shows SCENE_TOO_LARGE from the core and keeps the text; undoing the change sends the smaller text', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Small.'], 1)]);
    open(core);
    await elapse();
    const editor = editorIn();
    act(() => editor.view.dom.focus());
    await typeAfter(editor, 'Small.', ' Huge paste.');
    await elapse(DEBOUNCE_MS);
    core.pushes[0]?.fail(new ApiError(ErrorCode.SCENE_TOO_LARGE, 'This scene is too large to save.', false));
    await elapse();
    expect(screen.getByTestId('scene-too-large').textContent).toContain('This scene is too large to save.');
    expect(editorText()).toEqual(['Small. Huge paste.']);

    fireEvent.click(screen.getByTestId('scene-too-large-undo'));
    await elapse();
    expect(editorText()).toEqual(['Small.']);
    await elapse(DEBOUNCE_MS);
    core.pushes.at(-1)?.land();
    await elapse();
    expect(screen.queryByTestId('scene-too-large')).toBeNull();
    expect(storedText(core)).toEqual(['Small.']);
    expect(saveStatus()).toBe('saved');
  });
});
