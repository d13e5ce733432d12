import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import { installTestVoice, TEST_VOICE } from '../../../../testing/piper-test-voice';
import { startModuleWorker } from '../../../platform/module-worker';
import type { TtsEngine } from '../tts-engine';
import { createEspeakPhonemizer } from './espeak-phonemizer';
import { createPiperEngine } from './piper.engine';
import { phonemesToIds, piperVoiceConfigSchema } from './piper-voice-config';
import { createPiperVoiceStore } from './piper-voice-store';
import { createPiperWorkerClient, defaultPiperWorkerUrl, type PiperWorkerClient } from './piper-worker-client';

let voicesDir: string;
let worker: PiperWorkerClient;
let engine: TtsEngine;

beforeAll(async () => {
  voicesDir = await mkdtemp(path.join(os.tmpdir(), 'nova-piper-engine-'));
  installTestVoice(voicesDir, TEST_VOICE.key);
  installTestVoice(voicesDir, TEST_VOICE.multiKey);
  worker = createPiperWorkerClient(() => startModuleWorker(defaultPiperWorkerUrl()));
  engine = createPiperEngine({ store: createPiperVoiceStore(voicesDir), phonemizer: createEspeakPhonemizer(), worker });
});
afterAll(async () => {
  worker.close();
  await rm(voicesDir, { recursive: true, force: true });
});

/** "Hi." → espeak-ng `hˈaɪ` + the period: `^ _ h _ ˈ _ a _ ɪ _ . _ $`, 13 ids. */
const HI_PHONEMES = ['h', 'ˈ', 'a', 'ɪ', '.'];
const HI_IDS = 1 + 1 + HI_PHONEMES.length * 2 + 1;

async function idsOf(phonemes: string[]): Promise<number[]> {
  const config = piperVoiceConfigSchema.parse(JSON.parse(await readFile(path.join(voicesDir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx.json`), 'utf8')));
  const id = (p: string) => config.phoneme_id_map[p]?.[0] ?? -1;
  return [id('^'), id('_'), ...phonemes.flatMap((p) => [id(p), id('_')]), id('$')];
}

function samples(data: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 2) out.push(data.readInt16LE(i));
  return out;
}

/** The test voice's tone frequency, from its upward zero crossings. */
function frequencyOf(data: Buffer, sampleRate: number): number {
  const s = samples(data);
  let crossings = 0;
  for (let i = 1; i < s.length; i += 1) if ((s[i - 1] ?? 0) < 0 && (s[i] ?? 0) >= 0) crossings += 1;
  return (crossings * sampleRate) / s.length;
}

describe('the Piper engine over onnxruntime-node', () => {
  it('phonemizes with espeak-ng, maps the phonemes to the voice’s ids and runs the model in the worker', async () => {
    const { audio, durationSec } = await engine.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 });
    expect(audio.format).toEqual({ sampleRate: TEST_VOICE.sampleRate, channels: 1, bitsPerSample: 16 });
    expect(audio.data.length / 2).toBe(HI_IDS * TEST_VOICE.hop);
    expect(durationSec).toBeCloseTo((HI_IDS * TEST_VOICE.hop) / TEST_VOICE.sampleRate, 6);
    const ids = await idsOf(HI_PHONEMES);
    const mean = ids.reduce((a, b) => a + b, 0) / ids.length;
    expect(frequencyOf(audio.data, TEST_VOICE.sampleRate)).toBeCloseTo(TEST_VOICE.baseHz + TEST_VOICE.hzPerId * mean, -1);
    // Amplitude 0.25 + noise_scale / 4 (the config's 0.667), scaled to 16 bits without normalising.
    const peak = Math.max(...samples(audio.data).map(Math.abs));
    expect(peak / 32767).toBeCloseTo(0.25 + 0.667 / 4, 2);
  });

  it('has an id for every phoneme espeak-ng gives for English prose (the test voice’s map is realistic)', async () => {
    const config = piperVoiceConfigSchema.parse(JSON.parse(await readFile(path.join(voicesDir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx.json`), 'utf8')));
    const text = 'The quick brown fox jumps over the lazy dog; “thorough” rhythms, measure, judge, sing — and choir? Yes! Dr. Smith paid $3.50 at 9:30.';
    const sentences = await createEspeakPhonemizer().phonemize(text, 'en-us');
    expect(sentences.length).toBeGreaterThan(2);
    expect(sentences.flatMap((phonemes) => phonemesToIds(phonemes, config).missing)).toEqual([]);
  });

  it('divides the length scale by the speed, and ignores pitch (Piper has none)', async () => {
    const fast = await engine.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 2, pitch: 0 });
    expect(fast.audio.data.length / 2).toBe(Math.floor(HI_IDS * TEST_VOICE.hop * 0.5));
    const high = await engine.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 2, pitch: 1 });
    expect(high.audio.data.equals(fast.audio.data)).toBe(true);
  });

  it('speaks each sentence with its own BOS/EOS and 0.2 s of silence between them', async () => {
    const { audio } = await engine.synthesize({ text: 'Hi. Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 });
    expect(audio.data.length / 2).toBe(2 * HI_IDS * TEST_VOICE.hop + 0.2 * TEST_VOICE.sampleRate);
  });

  it('passes the speaker of a multi-speaker voice as sid (by name or number; speaker 0 by default)', async () => {
    const freq = async (voice: string) => frequencyOf((await engine.synthesize({ text: 'Hi.', voice, speed: 1, pitch: 0 })).audio.data, TEST_VOICE.sampleRate);
    const first = await freq(TEST_VOICE.multiKey);
    expect(await freq(`${TEST_VOICE.multiKey}#speaker_2`)).toBeCloseTo(first + 2 * TEST_VOICE.hzPerSpeaker, -1);
    expect(await freq(`${TEST_VOICE.multiKey}#1`)).toBeCloseTo(first + TEST_VOICE.hzPerSpeaker, -1);
    await expect(engine.synthesize({ text: 'Hi.', voice: `${TEST_VOICE.multiKey}#nobody`, speed: 1, pitch: 0 })).rejects.toMatchObject({ code: ErrorCode.INVALID_INPUT });
  });

  it('lists installed voices with a readable name and their language, and is available only with one installed', async () => {
    expect(await engine.voices()).toEqual([
      { engine: 'piper', id: TEST_VOICE.multiKey, name: 'Multi (English (United States), x low)', language: 'en-US' },
      { engine: 'piper', id: TEST_VOICE.key, name: 'Test (English (United States), x low)', language: 'en-US' },
    ]);
    expect(await engine.available()).toBe(true);
    const empty = await mkdtemp(path.join(os.tmpdir(), 'nova-piper-none-'));
    const none = createPiperEngine({ store: createPiperVoiceStore(empty), phonemizer: createEspeakPhonemizer(), worker });
    expect(await none.available()).toBe(false);
    await rm(empty, { recursive: true });
  });

  it('says which voice is not installed', async () => {
    const error = await engine.synthesize({ text: 'Hi.', voice: 'de_DE-thorsten-medium', speed: 1, pitch: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'The Piper voice “de_DE-thorsten-medium” is not installed: download it in the voice picker.' });
  });

  it('says a voice’s model file is damaged, and a damaged settings file too', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nova-piper-broken-'));
    const folder = installTestVoice(dir, TEST_VOICE.key);
    await writeFile(path.join(folder, `${TEST_VOICE.key}.onnx`), 'not a model');
    const broken = createPiperEngine({ store: createPiperVoiceStore(dir), phonemizer: createEspeakPhonemizer(), worker });
    await expect(broken.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 })).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_FAILED,
      message: `The Piper voice “${TEST_VOICE.key}” could not be loaded: its model file is damaged. Remove it and download it again.`,
    });
    await writeFile(path.join(folder, `${TEST_VOICE.key}.onnx.json`), '{"audio": ');
    await expect(broken.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 })).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_FAILED,
      message: `The Piper voice “${TEST_VOICE.key}” is damaged (its configuration file could not be read): remove it and download it again.`,
    });
    expect(await broken.voices()).toEqual([]);
    await rm(dir, { recursive: true });
  });

  it('says espeak-ng is missing when it cannot phonemize', async () => {
    const noEspeak = createPiperEngine({ store: createPiperVoiceStore(voicesDir), phonemizer: createEspeakPhonemizer('/nonexistent/espeak-ng'), worker });
    await expect(noEspeak.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 })).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_UNREACHABLE,
      message: 'Piper needs espeak-ng to read text, and it could not be started (/nonexistent/espeak-ng). Install the espeak-ng package.',
    });
  });

  it('stops on an abort, before or during synthesis, and keeps working after', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0, signal: controller.signal })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    const during = new AbortController();
    const running = worker.run({ modelPath: path.join(voicesDir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx`), sentences: [await idsOf(HI_PHONEMES)], scales: [0.667, 1, 0.8], speakerId: null, silenceSamples: 0 }, during.signal);
    during.abort();
    expect(await running).toEqual({ ok: false, failure: 'TTS_CANCELLED', detail: '' });
    const after = await engine.synthesize({ text: 'Hi.', voice: TEST_VOICE.key, speed: 1, pitch: 0 });
    expect(after.audio.data.length / 2).toBe(HI_IDS * TEST_VOICE.hop);
  });
});

describe('the Piper worker client', () => {
  it('fails what a dead worker held with a clear reason, and starts a new worker on the next request', async () => {
    let starts = 0;
    const client = createPiperWorkerClient(() => {
      starts += 1;
      return starts === 1 ? new Worker('setTimeout(() => process.exit(3), 10)', { eval: true }) : startModuleWorker(defaultPiperWorkerUrl());
    });
    const request = { modelPath: path.join(voicesDir, TEST_VOICE.key, `${TEST_VOICE.key}.onnx`), sentences: [await idsOf(HI_PHONEMES)], scales: [0.667, 1, 0.8] as [number, number, number], speakerId: null, silenceSamples: 0 };
    expect(await client.run(request)).toEqual({ ok: false, failure: 'TTS_WORKER_FAILED', detail: 'the Piper worker exited with code 3' });
    const second = await client.run(request);
    expect(second.ok && second.pcm.length).toBe(HI_IDS * TEST_VOICE.hop);
    client.close();
    expect(await client.run(request)).toMatchObject({ ok: false, failure: 'TTS_CANCELLED' });
  });
});
