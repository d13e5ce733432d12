import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { FAKE_OPENAI_KEY, FAKE_SPEECH_SAMPLE_RATE, fakeSpeechFrames, startFakeLlmServer, type FakeLlmServer } from '../../../testing/fake-llm-server';
import { createEspeakEngine } from './espeak.engine';
import { createNarrator } from './narrator';
import { createOpenAISpeechEngine } from './openai-speech.engine';
import { createTtsCache } from './tts-cache';
import type { VoiceProfile } from './tts-engine';
import { createTtsService } from './tts.service';

let server: FakeLlmServer;
let dir: string;
beforeAll(async () => {
  server = await startFakeLlmServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-tts-openai-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.clearFailures();
  server.clearRequests();
});

const engine = (key: string | null = FAKE_OPENAI_KEY) => createOpenAISpeechEngine({ getKey: () => Promise.resolve(key), baseUrl: server.openaiBaseUrl });
const say = (text: string, options: { key?: string | null; speed?: number; signal?: AbortSignal } = {}) =>
  engine(options.key === undefined ? FAKE_OPENAI_KEY : options.key).synthesize({ text, voice: 'nova', speed: options.speed ?? 1, pitch: 0, ...(options.signal && { signal: options.signal }) });
const speechRequests = () => server.requests.filter((r) => r.path === '/v1/audio/speech');

describe('OpenAI speech engine (openai SDK against the fake server)', () => {
  it('sends model, voice, input, speed and wav, and decodes the streamed WAV it gets back', async () => {
    const result = await say('The lighthouse keeper waited.', { speed: 1.25 });
    expect(speechRequests()).toHaveLength(1);
    expect(speechRequests()[0]?.body).toEqual({ model: 'gpt-4o-mini-tts', voice: 'nova', input: 'The lighthouse keeper waited.', speed: 1.25, response_format: 'wav' });
    expect(speechRequests()[0]?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
    expect(result.audio.format).toEqual({ sampleRate: FAKE_SPEECH_SAMPLE_RATE, channels: 1, bitsPerSample: 16 });
    expect(result.audio.data.length / 2).toBe(fakeSpeechFrames('The lighthouse keeper waited.', 1.25));
    expect(result.durationSec).toBe(fakeSpeechFrames('The lighthouse keeper waited.', 1.25) / FAKE_SPEECH_SAMPLE_RATE);
  });

  it('is available only with a key, and says where to add one', async () => {
    expect(await engine().available()).toBe(true);
    expect(await engine(null).available()).toBe(false);
    await expect(say('Hi.', { key: null })).rejects.toMatchObject({ code: ErrorCode.PROVIDER_AUTH, message: expect.stringContaining('OpenAI key') });
    expect(speechRequests()).toHaveLength(0);
    await expect(say('Hi.', { key: 'sk-wrong' })).rejects.toMatchObject({ code: ErrorCode.PROVIDER_AUTH });
    expect((await engine().voices()).map((v) => v.id)).toContain('nova');
  });

  it('classifies the failures the fake injects', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 1 }, { path: '/v1/audio/speech' });
    await expect(say('Hi.')).rejects.toMatchObject({ code: ErrorCode.RATE_LIMITED });
    server.failNext({ status: 500 }, { path: '/v1/audio/speech' });
    await expect(say('Hi.')).rejects.toMatchObject({ code: ErrorCode.PROVIDER_FAILED });
    server.failNext({ dropMidStream: true }, { path: '/v1/audio/speech' });
    const dropped = await say('A sentence long enough to be cut in half.').catch((e: unknown) => e);
    expect(dropped).toMatchObject({ code: expect.stringMatching(/PROVIDER_FAILED|PROVIDER_UNREACHABLE/) });
    await server.waitFor(() => server.openRequests().length === 0);
  });

  it('cancels a hanging request and closes it', async () => {
    server.failNext({ hang: true }, { path: '/v1/audio/speech' });
    const controller = new AbortController();
    const pending = say('Hi.', { signal: controller.signal });
    await server.waitFor(() => speechRequests().some((r) => r.failure?.hang === true));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await server.waitFor(() => speechRequests()[0]?.outcome === 'client-closed');
  });

  it('narrates through OpenAI, and falls back to espeak-ng with a notice when it fails', async () => {
    const cache = createTtsCache({ dir: path.join(dir, 'media-cache', 'tts') });
    const tts = createTtsService({ engines: [engine(), createEspeakEngine()], cache });
    const narrator = createNarrator({ tts });
    const openai: VoiceProfile = { engine: 'openai', voice: 'alloy', speed: 1, pitch: 0 };
    const espeak: VoiceProfile = { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 };

    const narration = await narrator.narrate({ text: 'One. Two three.', profiles: [openai, espeak], sentencePauseMs: 100 });
    expect(narration.profile).toEqual(openai);
    expect(narration.sentences.map((s) => s.endFrame - s.startFrame)).toEqual([fakeSpeechFrames('One.'), fakeSpeechFrames('Two three.')]);
    expect(narration.durationSec).toBe((fakeSpeechFrames('One.') + 2400 + fakeSpeechFrames('Two three.')) / FAKE_SPEECH_SAMPLE_RATE);

    server.failNext({ status: 503 }, { path: '/v1/audio/speech', times: 5 });
    const fallback = await narrator.narrate({ text: 'A different text. Spoken anyway.', profiles: [openai, espeak] });
    expect(fallback.profile).toEqual(espeak);
    expect(fallback.notices).toHaveLength(1);
    expect(fallback.notices[0]).toMatch(/^OpenAI speech failed \(.+\); used espeak-ng instead\.$/);
    expect(fallback.format.sampleRate).toBe(22_050);
  });
});
