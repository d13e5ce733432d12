import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { Video } from '../../../../shared/models/media';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { DRAFT_RUN, SCENE_A, testVideo, VIDEO_ID } from '../../testing/video-fixture';
import { patchScene } from './script-edits';
import { createVideoEditorStore } from './video-editor.store';

type Update = MethodInput<'media.videos.update'>;

/** A fake core holding one video: updates on a stale revision are conflicts, like the real one. */
function fakeCore(initial: Video) {
  let stored = initial;
  const api = createFakeApi();
  api.answer('media.videos.get', () => stored);
  api.answer('media.videos.update', (input: Update) => {
    if (input.baseRevision !== stored.revision) throw new ApiError(ErrorCode.CONFLICT, 'This video changed elsewhere.', false);
    const { id: _id, baseRevision: _base, ...changes } = input;
    stored = { ...stored, ...changes, revision: stored.revision + 1 } as Video;
    return stored;
  });
  return { api, stored: () => stored, changeElsewhere: (patch: Partial<Video>) => (stored = { ...stored, ...patch, revision: stored.revision + 1 }) };
}

describe('the video editor store', () => {
  it('saves only what changed, on the revision it has, and follows the new revision', async () => {
    const core = fakeCore(testVideo());
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    const script = patchScene(store.getState().local!.script, SCENE_A, { narration: 'The lamp burned.' });
    store.getState().edit({ script });
    expect(store.getState().save).toBe('dirty');
    expect(store.getState().hasUnsaved()).toBe(true);
    await store.getState().flush();
    expect(store.getState().hasUnsaved()).toBe(false);
    store.getState().edit({ captions: 'soft' });
    await store.getState().flush();

    const updates = core.api.inputsOf('media.videos.update');
    expect(updates.map((u) => [u.baseRevision, Object.keys(u).sort()])).toEqual([
      [3, ['baseRevision', 'id', 'script']],
      [4, ['baseRevision', 'captions', 'id']],
    ]);
    expect(store.getState().server?.revision).toBe(5);
    expect(store.getState().save).toBe('saved');
    expect(core.stored().script.scenes[0]?.narration).toBe('The lamp burned.');
  });

  it('saves on top of a change made elsewhere to another field, keeping both', async () => {
    const core = fakeCore(testVideo());
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    core.changeElsewhere({ draft: { runId: DRAFT_RUN, status: 'ready', script: { scenes: [] }, error: null }, format: 'shorts-1080x1920' });
    store.getState().edit({ title: 'The Keeper' });
    await store.getState().flush();

    expect(store.getState().conflict).toBeNull();
    expect(store.getState().save).toBe('saved');
    expect(core.stored()).toMatchObject({ title: 'The Keeper', format: 'shorts-1080x1920', revision: 5 });
    expect(store.getState().local?.format).toBe('shorts-1080x1920');
    expect(store.getState().server?.draft?.status).toBe('ready');
  });

  it('on a conflict over the same field shows the newest version, keeps the writer’s text, and re-applies it', async () => {
    const core = fakeCore(testVideo());
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    const theirs = patchScene(core.stored().script, SCENE_A, { narration: 'Changed in another window.' });
    core.changeElsewhere({ script: theirs });
    const mine = patchScene(store.getState().local!.script, SCENE_A, { narration: 'My careful sentence.' });
    store.getState().edit({ script: mine });
    await store.getState().flush();

    expect(store.getState().save).toBe('conflict');
    expect(store.getState().hasUnsaved()).toBe(true);
    expect(store.getState().conflict?.mine.script).toEqual(mine);
    expect(store.getState().local?.script).toEqual(theirs);
    expect(store.getState().server?.revision).toBe(4);

    await store.getState().reapply();
    expect(store.getState().conflict).toBeNull();
    expect(store.getState().save).toBe('saved');
    expect(core.stored().script).toEqual(mine);
    expect(core.api.inputsOf('media.videos.update').at(-1)?.baseRevision).toBe(4);
  });

  it('can keep the newest version instead, dropping the kept changes', async () => {
    const core = fakeCore(testVideo());
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    core.changeElsewhere({ title: 'Theirs' });
    store.getState().edit({ title: 'Mine' });
    await store.getState().flush();
    expect(store.getState().conflict).not.toBeNull();
    await store.getState().dropMine();
    expect(store.getState().conflict).toBeNull();
    expect(store.getState().local?.title).toBe('Theirs');
    expect(core.stored().title).toBe('Theirs');
  });

  it('folds a newer stored version into untouched fields on refresh, keeping what the writer typed', async () => {
    const core = fakeCore(testVideo());
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    store.getState().edit({ title: 'Typing…' });
    core.changeElsewhere({ captions: 'none', draft: { runId: DRAFT_RUN, status: 'running', script: null, error: null } });
    await store.getState().refresh();
    expect(store.getState().local).toMatchObject({ title: 'Typing…', captions: 'none' });
    expect(store.getState().server?.draft?.status).toBe('running');
    await store.getState().flush();
    expect(core.stored()).toMatchObject({ title: 'Typing…', captions: 'none' });
  });

  it('uses the crew’s draft after saving what waits, and answers the script it replaced', async () => {
    const draftScript = { scenes: [{ id: SCENE_A, narration: 'Draft text.', caption: '', visual: '', image: null, durationHintSec: null }] };
    const core = fakeCore(testVideo({ draft: { runId: DRAFT_RUN, status: 'ready', script: draftScript, error: null } }));
    core.api.answer('media.script.useDraft', (input) => {
      if (input.baseRevision !== core.stored().revision) throw new ApiError(ErrorCode.CONFLICT, 'Stale.', false);
      return core.changeElsewhere({ script: draftScript, draft: null });
    });
    const store = createVideoEditorStore(core.api);
    await store.getState().open(VIDEO_ID);
    store.getState().edit({ title: 'Renamed first' });
    const before = store.getState().local!.script;
    const previous = await store.getState().useDraft();
    expect(previous).toEqual(before);
    expect(core.api.inputsOf('media.script.useDraft')).toEqual([{ id: VIDEO_ID, baseRevision: 4 }]);
    expect(store.getState().local).toMatchObject({ title: 'Renamed first', script: draftScript });
    expect(store.getState().server?.draft).toBeNull();
  });

  it('tells a deleted video apart from one that could not be read', async () => {
    const api = createFakeApi();
    api.answer('media.videos.get', () => {
      throw new ApiError(ErrorCode.NOT_FOUND, 'No such video.', false);
    });
    const store = createVideoEditorStore(api);
    await store.getState().open(VIDEO_ID);
    expect(store.getState().status).toBe('missing');
  });
});
