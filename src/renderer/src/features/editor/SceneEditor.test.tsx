// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { DocNode } from '../../../../shared/models/document';
import { ApiError } from '../../lib/api';
import { editorIn, typeAfter } from '../../testing/editor-dom';
import { renderWithServices } from '../../testing/render-with-services';
import { createSceneCore, paragraphsOf, PROJECT_ID, sceneFixture, type SceneCore } from '../../testing/scene-core';
import { createCrashJournal } from './crash-journal';
import { useEditorSession } from './editor-session.store';
import { SceneEditor } from './SceneEditor';

/**
 * Autosave as the writer meets it: the real editor (TipTap under happy-dom), its workspace,
 * the autosave hook and the crash journal, against a fake core that holds every save until the
 * test answers it. The clock is fake, so the debounce and the retries run on the test's word.
 */

const SCENE = '00000000-0000-4000-8000-0000000000b1';
const OTHER = '00000000-0000-4000-8000-0000000000b2';
/** The autosave's quiet time after the last keystroke (autosave.ts). */
const DEBOUNCE_MS = 700;
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
const savesSent = (core: SceneCore) => core.saves.map((save) => ({ text: paragraphsOf(save.input.content), baseRevision: save.input.baseRevision }));
/** The crash journal of this window (the app's is over localStorage). */
const journalEntry = async (sceneId = SCENE) => await createCrashJournal(window.localStorage).read(sceneId);
/** The text the crash journal holds for a scene, if any. */
const journalText = async (sceneId = SCENE) => {
  const entry = await journalEntry(sceneId);
  return entry && paragraphsOf(entry.content);
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
  // A save a test left unanswered would make the next test's editor wait for it (a reopen waits for the last save).
  useEditorSession.setState({ pendingSaves: new Map() });
});

describe('scene autosave in the editor', () => {
  it('saves once the writer pauses, on top of the revision the scene was loaded at', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['It was late.'], 4)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'late.', ' The');
    await elapse(DEBOUNCE_MS - 200);
    await typeAfter(editor, 'The', ' lamp');
    await elapse(DEBOUNCE_MS - 1);
    expect(core.saves).toHaveLength(0);
    expect(saveStatus()).toBe('dirty');

    await elapse(1);
    expect(savesSent(core)).toEqual([{ text: ['It was late. The lamp'], baseRevision: 4 }]);
    expect(saveStatus()).toBe('saving');

    core.saves[0]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(core.stored(SCENE)).toMatchObject({ revision: 5, content: { content: [{ content: [{ text: 'It was late. The lamp' }] }] } });
  });

  it('sends a change made while a save is in flight after it, on the revision that save returned', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['One.'], 4)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'One.', ' Two.');
    await elapse(DEBOUNCE_MS);
    await typeAfter(editor, 'Two.', ' Three.');
    await elapse(DEBOUNCE_MS * 3);
    expect(savesSent(core)).toEqual([{ text: ['One. Two.'], baseRevision: 4 }]);

    core.saves[0]?.land();
    await elapse();
    expect(savesSent(core)).toEqual([
      { text: ['One. Two.'], baseRevision: 4 },
      { text: ['One. Two. Three.'], baseRevision: 5 },
    ]);
    expect(saveStatus()).toBe('saving');

    core.saves[1]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(core.stored(SCENE)).toMatchObject({ revision: 6 });
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['One. Two. Three.']);
  });

  it('says it is offline when a save fails for now, and retries the same text until it lands', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Rain.'], 2)]);
    open(core);
    await elapse();

    await typeAfter(editorIn(), 'Rain.', ' Wind.');
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.fail(offline());
    await elapse();
    expect(saveStatus()).toBe('offline');
    expect(screen.getByTestId('save-status').textContent).toBe('Offline — will retry');
    expect(await journalText()).toEqual(['Rain. Wind.']);

    await elapse(FIRST_RETRY_MS - 1);
    expect(core.saves).toHaveLength(1);
    await elapse(1);
    expect(savesSent(core)).toEqual([
      { text: ['Rain. Wind.'], baseRevision: 2 },
      { text: ['Rain. Wind.'], baseRevision: 2 },
    ]);
    // Still offline while the retry is on its way, rather than flickering to "Saving…".
    expect(saveStatus()).toBe('offline');

    core.saves[1]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Rain. Wind.']);
    expect(await journalText()).toBeNull();
  });

  it('on CONFLICT asks the writer, saves nothing over the other text, and keeps theirs only when told', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Mine.'], 3)]);
    open(core);
    await elapse();
    core.saveElsewhere(SCENE, ['Theirs.']);

    await typeAfter(editorIn(), 'Mine.', ' More.');
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.land();
    await elapse();
    expect(screen.getByTestId('save-conflict').textContent).toContain('This scene was changed in another window.');
    expect(saveStatus()).toBe('conflict');

    // Typing on does not save over the other window's text, however long the writer waits.
    await typeAfter(editorIn(), 'More.', ' Still.');
    await elapse(60_000);
    expect(core.saves).toHaveLength(1);
    expect(core.stored(SCENE)).toMatchObject({ revision: 4 });
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Theirs.']);
    expect(editorText()).toEqual(['Mine. More. Still.']);
    expect(await journalText()).toEqual(['Mine. More. Still.']);

    fireEvent.click(screen.getByTestId('conflict-keep-mine'));
    await elapse();
    expect(savesSent(core)[1]).toEqual({ text: ['Mine. More. Still.'], baseRevision: 4 });
    core.saves[1]?.land();
    await elapse();
    expect(screen.queryByTestId('save-conflict')).toBeNull();
    expect(saveStatus()).toBe('saved');
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Mine. More. Still.']);
  });

  it('says offline, not "Saving…", while a save waits for the connection to come back', async () => {
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
    core.saves[0]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
  });

  it('a save whose answer was lost is recognised when its retry meets CONFLICT, and is not shown as a conflict', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Stored.'], 8)]);
    open(core);
    await elapse();

    await typeAfter(editorIn(), 'Stored.', ' Sent.');
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.land({ answerLost: true });
    await elapse();
    expect(saveStatus()).toBe('offline');
    expect(core.stored(SCENE)).toMatchObject({ revision: 9 });

    await elapse(FIRST_RETRY_MS);
    expect(savesSent(core)[1]).toEqual({ text: ['Stored. Sent.'], baseRevision: 8 });
    core.saves[1]?.land();
    await elapse();
    // Whatever it sends from here on is answered; none of it may ask the writer about a conflict.
    for (let answered = 2; answered < core.saves.length; answered += 1) {
      core.saves[answered]?.land();
      await elapse();
    }
    expect(screen.queryByTestId('save-conflict')).toBeNull();
    expect(saveStatus()).toBe('saved');
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Stored. Sent.']);
    expect(await journalText()).toBeNull();

    const sent = core.saves.length;
    await typeAfter(editorIn(), 'Sent.', ' Next.');
    await elapse(DEBOUNCE_MS);
    expect(savesSent(core).slice(sent)).toEqual([{ text: ['Stored. Sent. Next.'], baseRevision: core.stored(SCENE).revision }]);
  });

  it('on CONFLICT, "Load the saved version" shows the other text and saves nothing', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Mine.'], 3)]);
    open(core);
    await elapse();
    core.saveElsewhere(SCENE, ['Theirs.']);
    await typeAfter(editorIn(), 'Mine.', ' More.');
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.land();
    await elapse();

    fireEvent.click(screen.getByTestId('conflict-load-saved'));
    await elapse(DEBOUNCE_MS * 2);
    expect(editorText()).toEqual(['Theirs.']);
    expect(screen.queryByTestId('save-conflict')).toBeNull();
    expect(saveStatus()).toBe('saved');
    expect(core.saves).toHaveLength(1);
    expect(await journalText()).toBeNull();
  });

  it('text left in a conflict is offered back when the scene is opened again', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Shared.'], 3), sceneFixture(OTHER, ['Second scene.'], 2)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'Shared.', ' Mine.');
    await elapse(100);
    core.saveElsewhere(SCENE, ['Shared. Theirs.']);
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.land();
    await elapse();
    expect(screen.getByTestId('save-conflict')).toBeTruthy();

    // The writer goes to another scene without choosing, and comes back.
    view.show(OTHER);
    await elapse();
    view.show(SCENE);
    await elapse();
    expect(editorText()).toEqual(['Shared. Theirs.']);
    expect(screen.getByTestId('recovery-notice').textContent).toContain('Unsaved text found.');
    fireEvent.click(screen.getByTestId('recovery-restore'));
    await elapse();
    expect(editorText()).toEqual(['Shared. Mine.']);
    expect(core.saves).toHaveLength(1);
  });

  it('text typed while a save was on its way is offered back if it never reached the disk', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Start.'], 1)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'Start.', ' A.');
    await elapse(DEBOUNCE_MS);
    await elapse(50);
    await typeAfter(editorIn(), 'A.', ' B.');
    await elapse(50);
    core.saves[0]?.land();
    await elapse();
    // The window goes away before " B." is stored (here its last save fails; a crash sends none).
    view.unmount();
    await elapse();
    core.saves[1]?.fail(offline());
    await elapse();
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Start. A.']);

    open(core);
    await elapse();
    expect(screen.getByTestId('recovery-notice').textContent).toContain('Unsaved text found.');
    fireEvent.click(screen.getByTestId('recovery-restore'));
    await elapse();
    expect(editorText()).toEqual(['Start. A. B.']);
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
    expect(savesSent(core)).toEqual([{ text: ['Quiet. Loud.'], baseRevision: 1 }]);
  });

  it('saves the open scene before showing another one', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['First scene.'], 7), sceneFixture(OTHER, ['Second scene.'], 2)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'First scene.', ' Last words.');
    view.show(OTHER);
    await elapse();
    expect(savesSent(core)).toEqual([{ text: ['First scene. Last words.'], baseRevision: 7 }]);
    expect(editorText()).toEqual(['Second scene.']);

    core.saves[0]?.land();
    await elapse(DEBOUNCE_MS * 2);
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['First scene. Last words.']);
    expect(await journalText(SCENE)).toBeNull();
    // The newly shown scene has nothing to save.
    expect(core.saves).toHaveLength(1);
  });

  it('reopening a scene whose last save is still on its way waits for it, then shows the saved text', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['First scene.'], 7), sceneFixture(OTHER, ['Second scene.'], 2)]);
    const view = open(core);
    await elapse();
    const loads = () => core.api.inputsOf('scene.get').filter((input) => input.id === SCENE).length;

    await typeAfter(editorIn(), 'First scene.', ' Last words.');
    view.show(OTHER);
    await elapse();
    view.show(SCENE);
    await elapse();
    expect(loads()).toBe(1);
    expect(screen.getByTestId('scene-editor-loading')).toBeTruthy();

    core.saves[0]?.land();
    await elapse();
    expect(loads()).toBe(2);
    expect(editorText()).toEqual(['First scene. Last words.']);
    expect(screen.queryByTestId('recovery-notice')).toBeNull();
    expect(saveStatus()).toBe('saved');
  });

  it('keeps unsaved text in the crash journal until the core has stored the newest of it', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Begin.'], 1)]);
    open(core);
    await elapse();
    const editor = editorIn();

    await typeAfter(editor, 'Begin.', ' A');
    expect(await journalEntry()).toMatchObject({ sceneId: SCENE, baseRevision: 1 });
    expect(await journalText()).toEqual(['Begin. A']);

    await elapse(DEBOUNCE_MS);
    expect(core.saves).toHaveLength(1);
    expect(await journalText()).toEqual(['Begin. A']);

    // A newer change while the first save is in flight: that save landing must not drop it.
    await typeAfter(editor, ' A', ' B');
    core.saves[0]?.land();
    await elapse();
    expect(await journalText()).toEqual(['Begin. A B']);

    await elapse(DEBOUNCE_MS);
    expect(savesSent(core)[1]).toEqual({ text: ['Begin. A B'], baseRevision: 2 });
    expect(await journalText()).toEqual(['Begin. A B']);
    core.saves[1]?.land();
    await elapse();
    expect(await journalText()).toBeNull();
  });

  it('never loses text the core refuses: it stays in the editor and the journal, and a reopen offers it back', async () => {
    const core = createSceneCore([sceneFixture(SCENE, ['Draft.'], 5)]);
    const view = open(core);
    await elapse();

    await typeAfter(editorIn(), 'Draft.', ' Precious line.');
    await elapse(DEBOUNCE_MS);
    core.saves[0]?.fail(new ApiError(ErrorCode.STORAGE_FAILED, 'The disk is full.', false));
    await elapse();
    expect(saveStatus()).toBe('error');
    expect(screen.getByTestId('save-status').parentElement?.getAttribute('title')).toBe('The disk is full.');
    expect(editorText()).toEqual(['Draft. Precious line.']);
    expect(await journalText()).toEqual(['Draft. Precious line.']);

    // The window closes: its last save attempt fails too.
    view.unmount();
    await elapse();
    expect(core.saves).toHaveLength(2);
    core.saves[1]?.fail(new ApiError(ErrorCode.STORAGE_FAILED, 'The disk is full.', false));
    await elapse();
    expect(await journalText()).toEqual(['Draft. Precious line.']);

    // Opened again (the disk has room now): the text is offered back, then saved.
    open(core);
    await elapse();
    expect(screen.getByTestId('recovery-notice').textContent).toContain('Unsaved text found.');
    expect(editorText()).toEqual(['Draft.']);
    fireEvent.click(screen.getByTestId('recovery-restore'));
    await elapse();
    expect(editorText()).toEqual(['Draft. Precious line.']);
    await elapse(DEBOUNCE_MS);
    expect(savesSent(core)[2]).toEqual({ text: ['Draft. Precious line.'], baseRevision: 5 });
    core.saves[2]?.land();
    await elapse();
    expect(saveStatus()).toBe('saved');
    expect(paragraphsOf(core.stored(SCENE).content)).toEqual(['Draft. Precious line.']);
    expect(await journalText()).toBeNull();
  });
});
