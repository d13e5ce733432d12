import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '../../../testing/fake-llm-server';
import { installTestVoice, TEST_VOICE } from '../../../testing/piper-test-voice';
import { startModuleWorker } from '../../platform/module-worker';
import { composeTts } from './compose-tts';
import { defaultPiperWorkerUrl } from './piper/piper-worker-client';
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

describe('composeTts with Piper', () => {
  it('puts the first installed Piper voice first in the fallback order and makes it the default voice', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nova-tts-piper-'));
    const stack = composeTts({ dataDir: dir, getOpenAIKey: () => Promise.resolve(null), startPiperWorker: () => startModuleWorker(defaultPiperWorkerUrl()) });
    try {
      expect(await stack.defaultVoice()).toEqual({ engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 });
      expect(stack.profilesFor(OPENAI)).toEqual([OPENAI, { engine: 'espeak-ng', voice: 'en-us', speed: 1.2, pitch: 0 }]);

      installTestVoice(path.join(dir, 'voices', 'piper'));
      const piper: VoiceProfile = { engine: 'piper', voice: TEST_VOICE.key, speed: 1, pitch: 0 };
      expect(await stack.defaultVoice()).toEqual(piper);
      expect(stack.profilesFor(OPENAI)).toEqual([OPENAI, { ...piper, speed: 1.2 }, { engine: 'espeak-ng', voice: 'en-us', speed: 1.2, pitch: 0 }]);
      expect(stack.profilesFor(piper)).toEqual([piper, { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 }]);

      // No key: OpenAI falls back to Piper, which speaks (the test voice's 16 kHz), with a notice.
      const narration = await stack.narrator.narrate({ text: 'Hi.', profiles: stack.profilesFor(OPENAI) });
      expect(narration.profile).toEqual({ ...piper, speed: 1.2 });
      expect(narration.notices).toEqual(['OpenAI speech failed (OpenAI speech needs an OpenAI key: add one in AI settings → Keys); used Piper instead.']);
      expect(await stack.tts.availableEngines()).toEqual(['piper', 'espeak-ng']);
    } finally {
      stack.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
