import { readdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '../../../testing/fake-llm-server';
import { composeTts } from './compose-tts';
import type { VoiceProfile } from './tts-engine';

let server: FakeLlmServer;
let dataDir: string;
beforeAll(async () => {
  server = await startFakeLlmServer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'nova-tts-compose-'));
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const OPENAI: VoiceProfile = { engine: 'openai', voice: 'shimmer', speed: 1.2, pitch: 0 };

describe('composeTts', () => {
  it('falls back to espeak-ng only by default, keeping the pace, and caches under the data folder', async () => {
    const stack = composeTts({ dataDir, getOpenAIKey: () => Promise.resolve(FAKE_OPENAI_KEY), openaiBaseUrl: server.openaiBaseUrl });
    expect(stack.profilesFor(OPENAI)).toEqual([OPENAI, { engine: 'espeak-ng', voice: 'en-us', speed: 1.2, pitch: 0 }]);
    const espeak: VoiceProfile = { engine: 'espeak-ng', voice: 'en-gb', speed: 1, pitch: 0.5 };
    expect(stack.profilesFor(espeak)).toEqual([espeak]);

    const narration = await stack.narrator.narrate({ text: 'Hello. Goodbye.', profiles: stack.profilesFor(OPENAI) });
    expect(narration.profile).toEqual(OPENAI);
    const cached = (await readdir(path.join(dataDir, 'media-cache', 'tts'), { recursive: true })).filter((f) => f.endsWith('.wav'));
    expect(cached).toHaveLength(2);
  });

  it('uses espeak-ng with a notice when no OpenAI key is stored, and lists only available voices', async () => {
    const stack = composeTts({ dataDir, getOpenAIKey: () => Promise.resolve(null), openaiBaseUrl: server.openaiBaseUrl });
    const narration = await stack.narrator.narrate({ text: 'No key here.', profiles: stack.profilesFor(OPENAI) });
    expect(narration.profile.engine).toBe('espeak-ng');
    expect(narration.notices).toEqual(['OpenAI speech failed (OpenAI speech needs an OpenAI key: add one in AI settings → Keys); used espeak-ng instead.']);
    expect(await stack.tts.availableEngines()).toEqual(['espeak-ng']);
    const voices = await stack.tts.voices();
    expect(voices.length).toBeGreaterThan(20);
    expect(voices.every((v) => v.engine === 'espeak-ng')).toBe(true);
  });
});
