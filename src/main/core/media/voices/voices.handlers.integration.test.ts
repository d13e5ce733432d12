import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VoiceInstall } from '../../../../shared/models/media';
import { startFakePiperCatalogue, type FakePiperCatalogue } from '../../../testing/fake-piper-catalogue';
import { buildPiperTestVoices, TEST_VOICE } from '../../../testing/piper-test-voice';
import { createTestCore, type TestCore } from '../../../testing/test-core';
import { MEDIA_URL_PREFIX } from '../files';
import { parseWav } from '../tts/wav';

let server: FakePiperCatalogue;
let t: TestCore;

/** The preview WAV a signed URL names (the media files port puts the file's path in it). */
async function previewFile(url: string): Promise<string> {
  const dir = path.join(t.dataDir, 'media', 'previews');
  const name = (await readdir(dir)).find((f) => f.endsWith('.wav') && decodeURIComponent(url).includes(f));
  if (!name) throw new Error(`no preview file for ${url}`);
  return path.join(dir, name);
}
const installs: VoiceInstall[] = [];

beforeAll(async () => {
  server = await startFakePiperCatalogue(buildPiperTestVoices(), [TEST_VOICE.key, TEST_VOICE.multiKey]);
  t = createTestCore({ config: { media: { voiceCatalogueUrl: server.baseUrl } } });
  t.core.events.subscribe((name, payload) => {
    if (name === 'media.voice.changed') installs.push(payload as VoiceInstall);
  });
});
afterAll(async () => {
  t.dispose();
  await server.close();
});

describe('media.voices.* through the core', () => {
  it('lists espeak-ng’s voices and the catalogue’s Piper voices to download, no OpenAI voices without a key', async () => {
    const { voices, catalogue } = await t.call('media.voices.list', {});
    expect(catalogue).toEqual({ source: 'network' });
    expect(voices.filter((v) => v.engine === 'piper')).toEqual([
      { engine: 'piper', id: TEST_VOICE.multiKey, name: 'Multi (English (United States), x low)', language: 'en-US', quality: 'x_low', installed: false, sizeBytes: expect.any(Number) as number },
      { engine: 'piper', id: TEST_VOICE.key, name: 'Test (English (United States), x low)', language: 'en-US', quality: 'x_low', installed: false, sizeBytes: expect.any(Number) as number },
    ]);
    expect(voices.find((v) => v.engine === 'espeak-ng' && v.id === 'en-us')).toMatchObject({ installed: true });
    expect(voices.some((v) => v.engine === 'openai')).toBe(false);
  });

  it('installs a Piper voice with media.voice.changed events, then lists it first as installed', async () => {
    const started = await t.call('media.voices.install', { voiceId: TEST_VOICE.key });
    expect(started).toMatchObject({ voiceId: TEST_VOICE.key, status: 'downloading', error: null });
    await vi.waitFor(() => expect(installs.at(-1)?.status).toBe('installed'));
    expect(installs[0]).toEqual(started);
    expect(installs.at(-1)).toMatchObject({ receivedBytes: started.totalBytes });
    const { voices } = await t.call('media.voices.list', {});
    expect(voices[0]).toEqual({ engine: 'piper', id: TEST_VOICE.key, name: 'Test (English (United States), x low)', language: 'en-US', quality: 'x_low', installed: true });
    expect(voices.filter((v) => v.id === TEST_VOICE.key)).toHaveLength(1);
    expect(await t.call('media.voices.install', { voiceId: TEST_VOICE.key })).toMatchObject({ status: 'installed' });
  });

  it('previews a Piper voice: a WAV under media/previews/ spoken by the model, returned through the media files port', async () => {
    const preview = await t.call('media.voices.preview', { voice: { engine: 'piper', voice: TEST_VOICE.key, speed: 1, pitch: 0 }, text: 'Hi.' });
    expect(preview.notice).toBeNull();
    expect(preview.file.url.startsWith(MEDIA_URL_PREFIX)).toBe(true);
    expect(preview.file.mimeType).toBe('audio/wav');
    const file = await previewFile(preview.file.url);
    expect(preview.file.bytes).toBe((await stat(file)).size);
    const audio = parseWav(await readFile(file));
    expect(audio.format.sampleRate).toBe(TEST_VOICE.sampleRate);
    // "Hi." → 13 ids × 256 samples.
    expect(audio.data.length / 2).toBe(13 * TEST_VOICE.hop);
    expect(preview.durationSec).toBeCloseTo((13 * TEST_VOICE.hop) / TEST_VOICE.sampleRate, 6);
  });

  it('previews a voice that is not installed with the next engine, and says so', async () => {
    const preview = await t.call('media.voices.preview', { voice: { engine: 'piper', voice: TEST_VOICE.multiKey, speed: 1, pitch: 0 } });
    expect(preview.notice).toBe(`Piper failed (The Piper voice “${TEST_VOICE.multiKey}” is not installed: download it in the voice picker); used espeak-ng instead.`);
    expect(parseWav(await readFile(await previewFile(preview.file.url))).format.sampleRate).toBe(22050);
    expect(preview.durationSec).toBeGreaterThan(1);
  });

  it('refuses to install a voice the catalogue does not have', async () => {
    const result = await t.raw('media.voices.install', { voiceId: 'xx_XX-nobody-low' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no Piper voice “xx_XX-nobody-low” in the catalogue.' } });
  });
});
