import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../testing/fake-api';
import { RENDER_ID, TEST_VOICES, testRender, VIDEO_ID, VIDEO_PROJECT } from '../../testing/video-fixture';
import { createRendersStore, isNewerRender } from './renders.store';
import { createVoicesStore, defaultVoiceFor, voicesFor } from './voices.store';
import { createAssetsStore } from './assets.store';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const VOICE = 'en_US-lessac-medium';

describe('the voices store', () => {
  it('lists an engine’s installed voices first', () => {
    const voices = [...TEST_VOICES, { engine: 'piper' as const, id: 'en_GB-alan-low', name: 'Alan', installed: true }];
    expect(voicesFor(voices, 'piper').map((v) => v.id)).toEqual(['en_GB-alan-low', VOICE]);
  });

  it('picks the voice in the same language, else the engine’s usual English one, when the engine changes', () => {
    const espeak = (id: string, language: string) => ({ engine: 'espeak-ng' as const, id, name: id, language, installed: true });
    const voices = [espeak('af', 'af'), espeak('en-gb', 'en-GB'), espeak('en-us', 'en-US'), espeak('fr-fr', 'fr-FR')];
    expect(defaultVoiceFor(voices, 'espeak-ng')?.id).toBe('en-us');
    expect(defaultVoiceFor(voices, 'espeak-ng', 'en_GB')?.id).toBe('en-gb');
    expect(defaultVoiceFor(voices, 'espeak-ng', 'fr-FR')?.id).toBe('fr-fr');
    expect(defaultVoiceFor([espeak('af', 'af'), espeak('en-gb', 'en-GB')], 'espeak-ng')?.id).toBe('en-gb');
    expect(defaultVoiceFor(TEST_VOICES, 'piper')).toBeNull();
  });

  it('follows a download’s progress from media.voice.changed, ignores a late report, and reads the list again once installed', async () => {
    const api = createFakeApi({ 'media.voices.list': { voices: TEST_VOICES, catalogue: { source: 'network' } }, 'media.voices.install': { voiceId: VOICE, status: 'downloading', receivedBytes: 0, totalBytes: 100, error: null } });
    const store = createVoicesStore(api);
    await store.getState().load();
    await store.getState().install(VOICE);
    store.getState().voiceChanged({ voiceId: VOICE, status: 'downloading', receivedBytes: 60, totalBytes: 100, error: null });
    store.getState().voiceChanged({ voiceId: VOICE, status: 'downloading', receivedBytes: 40, totalBytes: 100, error: null });
    expect(store.getState().installs[VOICE]?.receivedBytes).toBe(60);

    api.answer('media.voices.list', { voices: TEST_VOICES.map((v) => (v.id === VOICE ? { ...v, installed: true } : v)), catalogue: { source: 'network' } });
    store.getState().voiceChanged({ voiceId: VOICE, status: 'installed', receivedBytes: 100, totalBytes: 100, error: null });
    store.getState().voiceChanged({ voiceId: VOICE, status: 'downloading', receivedBytes: 90, totalBytes: 100, error: null });
    await settle();
    expect(store.getState().installs[VOICE]?.status).toBe('installed');
    expect(store.getState().voices.find((v) => v.id === VOICE)?.installed).toBe(true);
    expect(api.inputsOf('media.voices.list')).toHaveLength(2);
  });

  it('keeps a refused download as a sentence and a preview’s URL and notice', async () => {
    const api = createFakeApi({ 'media.voices.list': { voices: TEST_VOICES, catalogue: { source: 'network' } } });
    api.answer('media.voices.install', () => {
      throw new Error('offline');
    });
    api.answer('media.voices.preview', { file: { name: 'p.wav', mimeType: 'audio/wav', bytes: 10, url: '/media-files/s/p.wav' }, durationSec: 2, notice: 'Piper is not installed: eSpeak NG spoke instead.' });
    const store = createVoicesStore(api);
    await store.getState().install(VOICE);
    expect(store.getState().installs[VOICE]).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('Your work is safe') } });
    await store.getState().speak({ engine: 'piper', voice: VOICE, speed: 1, pitch: 0 });
    expect(store.getState().preview).toEqual({ url: '/media-files/s/p.wav', durationSec: 2, notice: 'Piper is not installed: eSpeak NG spoke instead.' });
  });
});

describe('the renders store', () => {
  it('keeps each render’s newest state whatever order answers and events arrive in', async () => {
    const running = (progress: number) => testRender({ status: 'running', progress, stage: 'segments', files: null, finishedAt: null });
    expect(isNewerRender(running(0.5), running(0.4))).toBe(false);
    expect(isNewerRender(running(0.4), running(0.5))).toBe(true);
    expect(isNewerRender(testRender(), running(0.9))).toBe(false);
    expect(isNewerRender(testRender({ status: 'failed' }), running(0.1))).toBe(true);

    const api = createFakeApi({ 'media.renders.list': [running(0.2)] });
    const store = createRendersStore(api);
    const listed = store.getState().load(VIDEO_ID);
    store.getState().renderChanged(running(0.6));
    await listed;
    expect(store.getState().renders[0]?.progress).toBe(0.6);
    store.getState().renderChanged(testRender());
    store.getState().renderChanged(running(0.7));
    expect(store.getState().renders[0]?.status).toBe('done');
    store.getState().renderChanged(testRender({ id: '00000000-0000-4000-8000-00000000ffff', videoId: '00000000-0000-4000-8000-00000000fff0' }));
    expect(store.getState().renders).toHaveLength(1);
  });

  it('starts, reads a waveform once, exports and deletes', async () => {
    const api = createFakeApi({
      'media.renders.list': [],
      'media.renders.start': testRender({ status: 'queued', progress: 0, files: null }),
      'media.renders.waveform': { durationSec: 12.5, peaks: [0.1, 0.5] },
      'media.renders.export': { folder: '/home/w/Videos/Nova Studio', files: ['The Lighthouse.mp4'] },
      'media.renders.delete': { ok: true },
    });
    const store = createRendersStore(api);
    await store.getState().load(VIDEO_ID);
    await store.getState().start(VIDEO_ID);
    expect(store.getState().renders[0]?.status).toBe('queued');
    await store.getState().waveform(RENDER_ID);
    await store.getState().waveform(RENDER_ID);
    expect(api.inputsOf('media.renders.waveform')).toHaveLength(1);
    await store.getState().exportFiles(RENDER_ID);
    expect(store.getState().lastExport).toEqual({ renderId: RENDER_ID, folder: '/home/w/Videos/Nova Studio', files: ['The Lighthouse.mp4'] });
    await store.getState().remove(RENDER_ID);
    expect(store.getState().renders).toEqual([]);
    expect(store.getState().lastExport).toBeNull();
  });
});

describe('the assets store', () => {
  it('shows an import’s progress in its slot and adds the asset, or keeps why it failed', async () => {
    const api = createFakeApi({ 'media.assets.list': [], 'media.assets.beginUpload': { uploadId: '00000000-0000-4000-8000-00000000aa01' }, 'media.assets.uploadChunk': { receivedBytes: 4 } });
    let finish: (() => void) | undefined;
    api.answer('media.assets.finishUpload', () => new Promise((resolve) => (finish = () => resolve({ id: '00000000-0000-4000-8000-00000000aa02', projectId: VIDEO_PROJECT, kind: 'audio', fileName: 'm.wav', file: { name: 'm.wav', mimeType: 'audio/wav', bytes: 4, url: '/m' }, width: null, height: null, durationSec: 1, createdAt: 1 }))));
    const store = createAssetsStore(api);
    await store.getState().load(VIDEO_PROJECT);
    const done = store.getState().upload(VIDEO_PROJECT, 'music', new File([new Uint8Array(4)], 'm.wav', { type: 'audio/wav' }));
    await settle();
    expect(store.getState().uploads['music']).toMatchObject({ sentBytes: 4, totalBytes: 4, error: null });
    finish?.();
    expect((await done)?.fileName).toBe('m.wav');
    expect(store.getState().uploads['music']).toBeUndefined();
    expect(store.getState().assets.map((a) => a.fileName)).toEqual(['m.wav']);

    expect(await store.getState().upload(VIDEO_PROJECT, 'scene:x', new File([], 'empty.png'))).toBeNull();
    expect(store.getState().uploads['scene:x']?.error).toBe('“empty.png” is empty.');
  });
});
