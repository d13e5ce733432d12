/**
 * `npx tsx bench/media-tts.ts`: Piper synthesis through the whole path (espeak-ng phonemes →
 * ids → onnxruntime-node in the worker thread → 16-bit PCM) against espeak-ng speaking the same
 * sentences, as real-time factors (seconds of audio per second of work). The Piper voice is the
 * tests' tiny Piper-shaped model, so this measures the pipeline's own cost, not a VITS model's
 * compute: a real `medium` voice adds its inference on top (set PIPER_VOICE_DIR to a folder
 * holding `<key>/<key>.onnx(.json)` and PIPER_VOICE to its key to measure one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEspeakEngine, createEspeakPhonemizer, createPiperEngine, createPiperVoiceStore, createPiperWorkerClient, defaultPiperWorkerUrl } from '../src/main/core/media';
import type { TtsEngine } from '../src/main/core/media';
import { startModuleWorker } from '../src/main/core/platform/module-worker';
import { installTestVoice, TEST_VOICE } from '../src/main/testing/piper-test-voice';

const SENTENCES = Number(process.env.BENCH_TTS_SENTENCES ?? 40);
const TEXT = 'The lighthouse keeper climbed the stairs, counting each step, as the storm rolled in from the grey sea.';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-tts-'));
const voicesDir = process.env.PIPER_VOICE_DIR ?? path.join(dir, 'voices');
const voice = process.env.PIPER_VOICE ?? TEST_VOICE.key;
if (!process.env.PIPER_VOICE_DIR) installTestVoice(voicesDir);
const worker = createPiperWorkerClient(() => startModuleWorker(defaultPiperWorkerUrl()));
const piper = createPiperEngine({ store: createPiperVoiceStore(voicesDir), phonemizer: createEspeakPhonemizer(), worker });
const espeak = createEspeakEngine();

async function measure(engine: TtsEngine, voiceId: string): Promise<{ audioSec: number; wallSec: number }> {
  await engine.synthesize({ text: 'Warm up.', voice: voiceId, speed: 1, pitch: 0 });
  let audioSec = 0;
  const start = performance.now();
  for (let i = 0; i < SENTENCES; i += 1) audioSec += (await engine.synthesize({ text: `${TEXT} (${i})`, voice: voiceId, speed: 1, pitch: 0 })).durationSec;
  return { audioSec, wallSec: (performance.now() - start) / 1000 };
}

try {
  const p = await measure(piper, voice);
  const e = await measure(espeak, 'en-us');
  const rtf = (m: { audioSec: number; wallSec: number }) => (m.audioSec / m.wallSec).toFixed(1);
  console.log(`TTS, ${SENTENCES} sentences one by one (as the narrator speaks them):`);
  console.log(`  Piper (${voice}): ${p.wallSec.toFixed(2)} s for ${p.audioSec.toFixed(1)} s of audio → ${rtf(p)}× real time`);
  console.log(`  espeak-ng (en-us): ${e.wallSec.toFixed(2)} s for ${e.audioSec.toFixed(1)} s of audio → ${rtf(e)}× real time`);
  console.log(`  Piper per sentence ${((p.wallSec / SENTENCES) * 1000).toFixed(1)} ms, espeak-ng ${((e.wallSec / SENTENCES) * 1000).toFixed(1)} ms`);
} finally {
  worker.close();
  rmSync(dir, { recursive: true, force: true });
}
