import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { createEspeakEngine } from './espeak.engine';
import { createNarrator } from './narrator';
import { createTtsCache, type TtsCache } from './tts-cache';
import type { TtsEngine, VoiceProfile } from './tts-engine';
import { createTtsService } from './tts.service';

const ESPEAK: VoiceProfile = { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 };
const OPENAI: VoiceProfile = { engine: 'openai', voice: 'alloy', speed: 1, pitch: 0 };
const TEXT = 'Mr. Hale opened the door. The room was dark… Someone said "Hello!" and laughed.\n\nA new paragraph begins here.';

/** Real espeak-ng, counting the calls that reach it. */
function countingEspeak() {
  const real = createEspeakEngine();
  const calls: string[] = [];
  const engine: TtsEngine = { ...real, synthesize: (request) => (calls.push(request.text), real.synthesize(request)) };
  return { engine, calls };
}

/** An OpenAI stand-in that always fails as an unreachable network would. */
function failingOpenAI(): TtsEngine {
  return {
    id: 'openai',
    label: 'OpenAI speech',
    available: () => Promise.resolve(true),
    voices: () => Promise.resolve([]),
    synthesize: () => Promise.reject(new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'OpenAI could not be reached. Check the network.')),
  };
}

/** Reads the duration a WAV header declares: data bytes over bytes per second. */
function headerDuration(wav: Buffer): number {
  expect(wav.toString('ascii', 36, 40)).toBe('data');
  return wav.readUInt32LE(40) / wav.readUInt32LE(28);
}

let dir: string;
let cache: TtsCache;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-tts-'));
  cache = createTtsCache({ dir: path.join(dir, 'media-cache', 'tts') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('narrator with espeak-ng', () => {
  it('narrates sentence by sentence with exact, contiguous times that add up to the file', async () => {
    const { engine } = countingEspeak();
    const narrator = createNarrator({ tts: createTtsService({ engines: [engine], cache }) });
    const progress: number[] = [];
    const narration = await narrator.narrate({ text: TEXT, profiles: [ESPEAK], sentencePauseMs: 200, paragraphPauseMs: 500, onProgress: (done) => progress.push(done) });

    expect(narration.sentences.map((s) => s.text)).toEqual(['Mr. Hale opened the door.', 'The room was dark…', 'Someone said "Hello!" and laughed.', 'A new paragraph begins here.']);
    expect(progress).toEqual([1, 2, 3, 4]);
    const rate = narration.format.sampleRate;
    const [first, ...rest] = narration.sentences;
    expect(first?.startFrame).toBe(0);
    rest.forEach((sentence, i) => {
      const previous = narration.sentences[i];
      const gap = sentence.paragraph === previous?.paragraph ? 0.2 * rate : 0.5 * rate;
      expect(sentence.startFrame).toBe((previous?.endFrame ?? 0) + Math.round(gap));
      expect(sentence.endFrame).toBeGreaterThan(sentence.startFrame);
      expect(sentence.startSec).toBe(sentence.startFrame / rate);
    });
    const spoken = narration.sentences.reduce((sum, s) => sum + (s.endFrame - s.startFrame), 0);
    const pauses = 2 * Math.round(0.2 * rate) + Math.round(0.5 * rate);
    expect(narration.sentences.at(-1)?.endSec).toBe(narration.durationSec);
    expect(headerDuration(narration.wav)).toBe(narration.durationSec);
    expect((spoken + pauses) / rate).toBe(narration.durationSec);
    expect(narration.notices).toEqual([]);

    // ffprobe reads the same duration from the file.
    const file = path.join(dir, 'narration.wav');
    await writeFile(file, narration.wav);
    const probed = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    expect(Number(probed)).toBeCloseTo(narration.durationSec, 3);
  });

  it('serves a repeated narration from the cache without calling the engine', async () => {
    const { engine, calls } = countingEspeak();
    const narrator = createNarrator({ tts: createTtsService({ engines: [engine], cache }) });
    const first = await narrator.narrate({ text: TEXT, profiles: [ESPEAK] });
    expect(calls).toHaveLength(4);
    expect(cache.stats()).toEqual({ hits: 0, misses: 4 });

    const again = await narrator.narrate({ text: TEXT, profiles: [ESPEAK] });
    expect(calls).toHaveLength(4);
    expect(cache.stats()).toEqual({ hits: 4, misses: 4 });
    expect(again.wav.equals(first.wav)).toBe(true);

    // Other settings are other entries; a cache built on the same folder later sees the files.
    await narrator.narrate({ text: 'The room was dark…', profiles: [{ ...ESPEAK, speed: 1.5 }] });
    expect(calls).toHaveLength(5);
    const reopened = createTtsCache({ dir: path.join(dir, 'media-cache', 'tts') });
    expect(await reopened.get(ESPEAK, 'The room was dark…')).not.toBeNull();
    const files = (await readdir(path.join(dir, 'media-cache', 'tts'), { recursive: true })).filter((f) => f.endsWith('.wav'));
    expect(files).toHaveLength(5);
    expect(files.some((f) => f.includes('.tmp'))).toBe(false);
  });

  it('falls back to the next engine with a notice, keeping one voice for the whole narration', async () => {
    const { engine, calls } = countingEspeak();
    const tts = createTtsService({ engines: [failingOpenAI(), engine], cache });
    const narration = await createNarrator({ tts }).narrate({ text: TEXT, profiles: [OPENAI, ESPEAK] });
    expect(narration.profile).toEqual(ESPEAK);
    expect(narration.notices).toEqual(['OpenAI speech failed (OpenAI could not be reached. Check the network); used espeak-ng instead.']);
    expect(calls).toHaveLength(4);

    const single = await tts.synthesize({ text: 'One more.', profiles: [OPENAI, ESPEAK] });
    expect(single.profile.engine).toBe('espeak-ng');
    expect(single.notices).toHaveLength(1);
    expect(single.durationSec).toBeGreaterThan(0);
  });

  it('fails with every reason when no engine can speak, and with a sentence for no text', async () => {
    const tts = createTtsService({ engines: [failingOpenAI(), createEspeakEngine({ binary: '/nonexistent/espeak-ng' })], cache });
    const narrator = createNarrator({ tts });
    const error = await narrator.narrate({ text: TEXT, profiles: [OPENAI, ESPEAK] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.PROVIDER_FAILED, message: expect.stringMatching(/OpenAI speech: OpenAI could not be reached.*espeak-ng: espeak-ng could not be started/) });
    await expect(narrator.narrate({ text: ' … ', profiles: [ESPEAK] })).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT });
    await expect(tts.synthesize({ text: 'Hi.', profiles: [] })).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT });
  });

  it('stops on cancel part-way without falling back to the next profile', async () => {
    const { engine, calls } = countingEspeak();
    const tts = createTtsService({ engines: [engine], cache });
    const controller = new AbortController();
    const narrating = createNarrator({ tts }).narrate({
      text: TEXT,
      profiles: [ESPEAK, { ...ESPEAK, voice: 'en-gb' }],
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(narrating).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(calls).toEqual(['Mr. Hale opened the door.', 'The room was dark…']);
  });
});
