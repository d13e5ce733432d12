// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ASSET_CHUNK_BYTES, type Render, type Video } from '../../../../shared/models/media';
import { ApiError } from '../../lib/api';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { DRAFT_RUN, SCENE_A, TEST_VOICES, testAsset, testRender, testVideo, VIDEO_ID, VIDEO_PROJECT } from '../../testing/video-fixture';
import { useNavigation } from '../project/navigation.store';
import { useRunView } from '../runs';
import { VideoView } from './VideoView';

const SAVE_WAIT = { timeout: 4_000 };

/** A fake core with one video; updates on a stale revision are conflicts. */
function videoApi(initial: Video = testVideo(), renders: Render[] = []): FakeApi & { stored(): Video; elsewhere(patch: Partial<Video>): Video } {
  let stored = initial;
  const api = createFakeApi({ 'media.videos.list': () => [stored], 'media.assets.list': [], 'media.voices.list': { voices: TEST_VOICES, catalogue: { source: 'network' } }, 'media.renders.list': renders });
  api.answer('media.videos.get', () => stored);
  api.answer('media.videos.update', (input: MethodInput<'media.videos.update'>) => {
    if (input.baseRevision !== stored.revision) throw new ApiError(ErrorCode.CONFLICT, 'Changed elsewhere.', false);
    const { id: _id, baseRevision: _base, ...changes } = input;
    stored = { ...stored, ...changes, revision: stored.revision + 1 } as Video;
    return stored;
  });
  return Object.assign(api, { stored: () => stored, elsewhere: (patch: Partial<Video>) => (stored = { ...stored, ...patch, revision: stored.revision + 1 }) });
}

function open(api: FakeApi) {
  useNavigation.setState({ projectId: VIDEO_PROJECT, mode: 'video', videoId: VIDEO_ID, sceneId: null });
  return renderWithServices(<VideoView projectId={VIDEO_PROJECT} />, api);
}

const narrations = () => screen.getAllByTestId('scene-narration') as HTMLTextAreaElement[];

beforeEach(() => useRunView.setState({ section: 'runs', runId: null }));
afterEach(cleanup);

describe('the video view', () => {
  it('shows the script as scene cards with words and length, and autosaves an edit on the video’s revision', async () => {
    const api = videoApi();
    open(api);
    await waitFor(() => expect(narrations()).toHaveLength(2));
    expect(screen.getByTestId('script-totals').textContent).toBe('2 scenes · 12 words · about 7 s');
    expect(screen.getAllByTestId('scene-figures')[1]?.textContent).toBe('4 words · about 4 s');

    fireEvent.change(narrations()[0]!, { target: { value: 'One two three four five.' } });
    await waitFor(() => expect(api.inputsOf('media.videos.update')).toHaveLength(1), SAVE_WAIT);
    expect(api.inputsOf('media.videos.update')[0]).toMatchObject({ id: VIDEO_ID, baseRevision: 3 });
    expect(api.stored().script.scenes[0]?.narration).toBe('One two three four five.');
    await waitFor(() => expect(screen.getByTestId('save-status').dataset['state']).toBe('saved'));
  });

  it('saves what waits when the window is hidden, without waiting for the pause', async () => {
    const api = videoApi();
    open(api);
    await waitFor(() => expect(narrations()).toHaveLength(2));
    fireEvent.change(screen.getByTestId('video-title'), { target: { value: 'The Keeper' } });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      await act(async () => {
        document.dispatchEvent(new Event('visibilitychange'));
        // Microtasks only, no timer turns: the debounce cannot have fired, the flush must have saved.
        for (let i = 0; i < 50 && api.stored().title !== 'The Keeper'; i += 1) await Promise.resolve();
      });
      expect(api.stored().title).toBe('The Keeper');
    } finally {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    }
  });

  it('reorders scenes with the buttons and with Alt+arrows, keeping each scene’s text', async () => {
    const api = videoApi();
    open(api);
    await waitFor(() => expect(narrations()).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('scene-down')[0]!);
    expect(narrations().map((n) => n.value)).toEqual(['He climbed the stairs.', 'The lamp was dark when the keeper woke.']);
    narrations()[1]!.focus();
    fireEvent.keyDown(narrations()[1]!, { key: 'ArrowUp', altKey: true });
    expect(narrations().map((n) => n.value)).toEqual(['The lamp was dark when the keeper woke.', 'He climbed the stairs.']);
    // The focus moves with the scene, so Alt+↑ pressed again keeps moving the same one.
    await waitFor(() => expect(document.activeElement).toBe(narrations()[0]));
    fireEvent.click(screen.getByTestId('script-add'));
    expect(narrations()).toHaveLength(3);
    fireEvent.click(screen.getAllByTestId('scene-delete')[0]!);
    expect(narrations().map((n) => n.value)).toEqual(['He climbed the stairs.', '']);
  });

  it('on a conflict shows the newest text, says so, and re-applies the writer’s text on Re-apply', async () => {
    const api = videoApi();
    open(api);
    await waitFor(() => expect(narrations()).toHaveLength(2));
    const theirs = testVideo().script.scenes.map((s) => (s.id === SCENE_A ? { ...s, narration: 'Their version.' } : s));
    api.elsewhere({ script: { scenes: theirs } });
    fireEvent.change(narrations()[0]!, { target: { value: 'My version, typed with care.' } });

    const banner = await screen.findByTestId('video-conflict', {}, SAVE_WAIT);
    expect(banner.textContent).toContain('changed elsewhere');
    expect(narrations()[0]?.value).toBe('Their version.');
    expect(api.stored().script.scenes[0]?.narration).toBe('Their version.');

    fireEvent.click(within(banner).getByTestId('conflict-reapply'));
    await waitFor(() => expect(api.stored().script.scenes[0]?.narration).toBe('My version, typed with care.'));
    expect(narrations()[0]?.value).toBe('My version, typed with care.');
    expect(screen.queryByTestId('video-conflict')).toBeNull();
  });

  it('shows the crew’s draft: running with a link to its run, ready with a summary and Use this script', async () => {
    const draftScript = { scenes: [{ id: SCENE_A, narration: 'Fog rolled in over the sea.', caption: '', visual: '', image: null, durationHintSec: null }] };
    const api = videoApi(testVideo({ draft: { runId: DRAFT_RUN, status: 'running', script: null, error: null } }));
    open(api);
    const running = await screen.findByTestId('draft-banner');
    expect(running.dataset['state']).toBe('running');
    fireEvent.click(within(running).getByTestId('draft-open-run'));
    expect(useRunView.getState()).toMatchObject({ section: 'runs', runId: DRAFT_RUN });

    api.elsewhere({ draft: { runId: DRAFT_RUN, status: 'ready', script: draftScript, error: null } });
    act(() => api.emit('media.changed', { projectId: VIDEO_PROJECT, videoId: VIDEO_ID }));
    await waitFor(() => expect(screen.getByTestId('draft-banner').dataset['state']).toBe('ready'));
    expect(screen.getByTestId('draft-summary').textContent).toContain('1 scene, 6 words');

    api.answer('media.script.useDraft', () => api.elsewhere({ script: draftScript, draft: null }));
    fireEvent.click(screen.getByTestId('draft-use'));
    await waitFor(() => expect(narrations().map((n) => n.value)).toEqual(['Fog rolled in over the sea.']));
    expect(api.inputsOf('media.script.useDraft')).toEqual([{ id: VIDEO_ID, baseRevision: 4 }]);
    expect(screen.queryByTestId('draft-banner')).toBeNull();
  });

  it('shows a failed draft’s sentence and starts the crew again on Try again', async () => {
    const api = videoApi(testVideo({ draft: { runId: DRAFT_RUN, status: 'failed', script: null, error: 'The model is not reachable.' } }));
    api.answer('media.script.generate', () => api.elsewhere({ draft: { runId: DRAFT_RUN, status: 'running', script: null, error: null } }));
    open(api);
    const banner = await screen.findByTestId('draft-banner');
    expect(banner.textContent).toContain('The model is not reachable.');
    fireEvent.click(within(banner).getByTestId('draft-retry'));
    await waitFor(() => expect(screen.getByTestId('draft-banner').dataset['state']).toBe('running'));
  });

  it('asks the crew for a script for a video from a chapter, not for a blank one', async () => {
    const api = videoApi(testVideo({ source: { kind: 'chapter', chapterId: SCENE_A } }));
    api.answer('media.script.generate', () => api.elsewhere({ draft: { runId: DRAFT_RUN, status: 'running', script: null, error: null } }));
    open(api);
    fireEvent.click(await screen.findByTestId('script-ask-crew'));
    await waitFor(() => expect(screen.getByTestId('draft-banner').dataset['state']).toBe('running'));
    expect(api.inputsOf('media.script.generate')).toEqual([{ id: VIDEO_ID }]);
    expect(screen.queryByTestId('script-ask-crew')).toBeNull();
    cleanup();
    open(videoApi());
    await waitFor(() => expect(narrations()).toHaveLength(2));
    expect(screen.queryByTestId('script-ask-crew')).toBeNull();
  });

  it('imports a scene’s image in chunks with a progress bar, then uses it', async () => {
    const api = videoApi();
    const image = testAsset();
    let finish: (() => void) | undefined;
    api.answer('media.assets.beginUpload', { uploadId: '00000000-0000-4000-8000-00000000aa01' });
    api.answer('media.assets.uploadChunk', (input) => ({ receivedBytes: input.offset + 1 }));
    api.answer('media.assets.finishUpload', () => new Promise((resolve) => (finish = () => resolve(image))));
    open(api);
    await waitFor(() => expect(narrations()).toHaveLength(2));
    const file = new File([new Uint8Array(ASSET_CHUNK_BYTES + 10)], 'tower.png', { type: 'image/png' });
    fireEvent.change(screen.getAllByTestId('scene-image-input')[0]!, { target: { files: [file] } });

    const progress = await screen.findByRole('progressbar', { name: 'Importing tower.png' });
    await waitFor(() => expect(progress.getAttribute('aria-valuenow')).toBe(String(ASSET_CHUNK_BYTES + 10)));
    expect(api.inputsOf('media.assets.uploadChunk').map((c) => c.offset)).toEqual([0, ASSET_CHUNK_BYTES]);
    await act(async () => finish?.());
    await waitFor(() => expect(api.stored().script.scenes[0]?.image).toEqual({ kind: 'asset', assetId: image.id }), SAVE_WAIT);
    expect((screen.getByAltText('Chosen image: tower.png') as HTMLImageElement).getAttribute('src')).toBe(image.file.url);
  });

  it('installs a Piper voice with its progress from media.voice.changed', async () => {
    const api = videoApi(testVideo({ voice: { engine: 'piper', voice: 'en_US-lessac-medium', speed: 1, pitch: 0 } }));
    api.answer('media.voices.install', { voiceId: 'en_US-lessac-medium', status: 'downloading', receivedBytes: 0, totalBytes: 1000, error: null });
    open(api);
    const install = await screen.findByTestId('voice-install');
    expect(screen.getByTestId('voice-catalogue-item').textContent).toContain('60 MB');
    expect((screen.getByTestId('voice-pitch') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('voice-pitch').getAttribute('aria-describedby')).toBe('voice-pitch-note');
    fireEvent.click(install);
    await waitFor(() => expect(api.inputsOf('media.voices.install')).toEqual([{ voiceId: 'en_US-lessac-medium' }]));
    act(() => api.emit('media.voice.changed', { voiceId: 'en_US-lessac-medium', status: 'downloading', receivedBytes: 420, totalBytes: 1000, error: null }));
    expect(screen.getByTestId('voice-install-progress').textContent).toBe('42%');
    expect(screen.getByRole('progressbar', { name: 'Downloading Lessac' }).getAttribute('aria-valuenow')).toBe('420');
  });

  it('says why the Piper voices to download are missing, and asks the network again on Try again', async () => {
    const api = videoApi(testVideo({ voice: { engine: 'piper', voice: 'en_US-lessac-medium', speed: 1, pitch: 0 } }));
    const offline = 'The Piper voice catalogue could not be downloaded (fetch failed), and it has never been downloaded: connect to the internet to see the voices you can add.';
    api.answer('media.voices.list', { voices: TEST_VOICES.filter((v) => v.engine !== 'piper'), catalogue: { source: 'none', problem: { code: ErrorCode.PROVIDER_UNREACHABLE, message: offline } } });
    open(api);
    const problem = await screen.findByTestId('voice-catalogue-problem');
    expect(problem.textContent).toContain(offline);
    api.answer('media.voices.list', { voices: TEST_VOICES, catalogue: { source: 'network' } });
    fireEvent.click(within(problem).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByTestId('voice-catalogue-problem')).toBeNull());
    expect(api.inputsOf('media.voices.list').at(-1)).toEqual({ refresh: true });
    expect(screen.getByTestId('voice-catalogue-item').textContent).toContain('Lessac');
  });
});

describe('the voice’s Preview', () => {
  it('speaks the script’s first sentence with the chosen voice and plays the file it answers, with its notice', async () => {
    const api = videoApi();
    api.answer('media.voices.preview', { file: { name: 'p.wav', mimeType: 'audio/wav', bytes: 10, url: '/media-files/sig/p.wav' }, durationSec: 1.2, notice: 'eSpeak NG spoke instead of Piper.' });
    open(api);
    fireEvent.click(await screen.findByTestId('voice-preview'));
    const audio = await screen.findByTestId('voice-preview-audio');
    expect(audio.getAttribute('src')).toBe('/media-files/sig/p.wav');
    expect(api.inputsOf('media.voices.preview')).toEqual([{ voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 }, text: 'The lamp was dark when the keeper woke.' }]);
    expect(screen.getByText('eSpeak NG spoke instead of Piper.')).toBeTruthy();
  });

  it('leaves Render off for an empty script and says what to do', async () => {
    open(videoApi(testVideo({ script: { scenes: [] } })));
    const start = (await screen.findByTestId('render-start')) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(screen.getByTestId('render-empty').textContent).toContain('add a scene');
  });
});

describe('rendering and the preview', () => {
  it('shows a render’s stage, percent and ETA, then plays the finished file with its captions, waveform and files', async () => {
    const running = testRender({ status: 'running', stage: 'segments', progress: 0.42, etaSec: 65, files: null, finishedAt: null, durationSec: null, loudness: null });
    const api = videoApi(testVideo({ captions: 'soft' }), []);
    api.answer('media.renders.start', running);
    api.answer('media.renders.waveform', { durationSec: 12.5, peaks: [0.2, 0.9, 0.4] });
    open(api);
    fireEvent.click(await screen.findByTestId('render-start'));

    await waitFor(() => expect(screen.getByTestId('render-stage').textContent).toBe('Rendering scenes'));
    expect(screen.getByTestId('render-percent').textContent).toBe(' — 42%');
    expect(screen.getByTestId('render-eta').textContent).toBe('about 1:05 left');
    expect(screen.getByRole('progressbar', { name: 'Render progress' }).getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByTestId('render-stage').getAttribute('aria-live')).toBe('polite');

    act(() => api.emit('render.changed', { ...running, stage: 'assembly', progress: 0.9, etaSec: 3 }));
    expect(screen.getByTestId('render-stage').textContent).toBe('Encoding the video');
    expect(screen.getByTestId('render-percent').textContent).toBe(' — 90%');

    const done = testRender();
    act(() => api.emit('render.changed', done));
    const video = (await screen.findByTestId('preview-video')) as HTMLVideoElement;
    expect(video.getAttribute('src')).toBe(done.files?.video.url);
    expect(video.getAttribute('poster')).toBe(done.files?.thumbnail?.url);
    const track = video.querySelector('track');
    expect(track?.getAttribute('kind')).toBe('captions');
    expect(track?.getAttribute('src')).toBe(done.files?.vtt?.url);
    expect(track?.hasAttribute('default')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('waveform').querySelectorAll('rect')).toHaveLength(3));

    const row = screen.getByTestId('render-row');
    expect(row.textContent).toContain('0:13');
    expect(row.textContent).toContain('−14.1 LUFS · −1.3 dBTP');
    expect(within(row).getByTestId('render-file-video').getAttribute('href')).toBe(done.files?.video.url);
    expect(within(row).getByTestId('render-file-video').hasAttribute('download')).toBe(true);
    expect(within(row).getByTestId('render-file-srt').getAttribute('href')).toBe(done.files?.srt?.url);
    expect(screen.queryByTestId('render-progress')).toBeNull();
  });

  it('saves what waits before rendering, cancels, and offers Retry with the failure’s sentence', async () => {
    const api = videoApi(testVideo(), [testRender({ status: 'running', stage: 'narration', progress: 0.1, etaSec: null, files: null })]);
    api.answer('media.renders.cancel', testRender({ status: 'cancelled', progress: 0.1, files: null }));
    open(api);
    fireEvent.click(await screen.findByTestId('render-cancel'));
    await screen.findByTestId('render-failed');
    act(() => api.emit('render.changed', testRender({ status: 'failed', progress: 0.3, files: null, error: { code: 'MEDIA_FAILED', message: 'FFmpeg stopped while joining the scenes: out of disk space.' } })));
    expect(screen.getByTestId('render-failed').textContent).toContain('out of disk space');

    await waitFor(() => expect(narrations()).toHaveLength(2));
    fireEvent.change(narrations()[0]!, { target: { value: 'Changed just before rendering.' } });
    api.answer('media.renders.start', testRender({ id: '00000000-0000-4000-8000-00000000e0c2', status: 'queued', progress: 0, files: null, createdAt: 10_000 }));
    fireEvent.click(screen.getByTestId('render-retry'));
    await waitFor(() => expect(api.inputsOf('media.renders.start')).toEqual([{ id: VIDEO_ID }]));
    const order = api.calls.map((c) => c.method).filter((m) => m === 'media.videos.update' || m === 'media.renders.start');
    expect(order).toEqual(['media.videos.update', 'media.renders.start']);
    expect(await screen.findByTestId('render-stage')).toBeTruthy();
  });
});
