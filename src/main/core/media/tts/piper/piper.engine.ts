import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import type { TtsEngine, TtsVoice } from '../tts-engine';
import { durationOf, type PcmAudio } from '../wav';
import type { EspeakPhonemizer } from './espeak-phonemizer';
import { phonemesToIds, speakerIdFor, splitVoiceId } from './piper-voice-config';
import type { PiperRunResult, PiperWorkerClient } from './piper-worker-client';
import type { InstalledPiperVoice, PiperVoiceStore } from './piper-voice-store';

/**
 * Route: onnxruntime-node in a worker thread + the espeak-ng binary for phonemes. Piper's
 * catalogue voices (`.onnx` + `.onnx.json`) load as they are — sherpa-onnx needs re-packaged
 * models, and piper-tts-web targets browsers (wasm, fetch shims) — and espeak-ng is already the
 * fallback engine, so it is there whenever Piper is. espeak-ng's IPA output is what Piper's own
 * phonemizer (piper-phonemize, built on libespeak-ng) produces, read through the CLI.
 */
export interface PiperEngineDeps {
  store: PiperVoiceStore;
  phonemizer: EspeakPhonemizer;
  /** The worker that runs the models; null when this build has none (Piper then is unavailable). */
  worker: PiperWorkerClient | null;
}

/** Piper's pause between sentences within one request. */
const SENTENCE_SILENCE_SEC = 0.2;

const cancelled = () => new AppError(ErrorCode.CANCELLED, 'Speech synthesis was stopped.');

/** The voice's name in the picker: "Lessac (English (United States), medium)". */
export function piperVoiceName(key: string, details: { dataset?: string | undefined; languageName?: string | null | undefined; quality?: string | undefined }): string {
  const dataset = details.dataset ?? key.split('-')[1] ?? key;
  const label = dataset.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  const extra = [details.languageName, details.quality?.replace('_', ' ')].filter(Boolean).join(', ');
  return extra ? `${label} (${extra})` : label;
}

/** "English (United States)" from a Piper config's or catalogue entry's language. */
export function piperLanguageName(language: { name_english?: string | undefined; country_english?: string | undefined } | undefined): string | null {
  if (!language?.name_english) return null;
  return language.country_english ? `${language.name_english} (${language.country_english})` : language.name_english;
}

/** A BCP 47 tag from Piper's `en_US`. */
export const bcp47 = (code: string | undefined) => code?.replace('_', '-');

function failureError(key: string, result: Exclude<PiperRunResult, { ok: true }>): AppError {
  switch (result.failure) {
    case 'TTS_CANCELLED':
      return cancelled();
    case 'TTS_MODEL_BROKEN':
      return new AppError(ErrorCode.PROVIDER_FAILED, `The Piper voice “${key}” could not be loaded: its model file is damaged. Remove it and download it again.`);
    case 'TTS_INFERENCE_FAILED':
      return new AppError(ErrorCode.PROVIDER_FAILED, `The Piper voice “${key}” could not speak this text (${result.detail}).`);
    case 'TTS_WORKER_FAILED':
      return new AppError(ErrorCode.PROVIDER_FAILED, `Piper stopped while speaking (${result.detail}); it restarts on the next try.`, { retryable: true });
  }
}

/** Local neural voices: Piper VITS models run by onnxruntime-node. Piper has no pitch control: `pitch` is ignored. */
export function createPiperEngine(deps: PiperEngineDeps): TtsEngine {
  const toVoice = (voice: InstalledPiperVoice): TtsVoice => {
    const language = bcp47(voice.config.language?.code);
    const name = piperVoiceName(voice.key, { dataset: voice.config.dataset, languageName: piperLanguageName(voice.config.language), quality: voice.config.audio.quality });
    return { engine: 'piper', id: voice.key, name, ...(language && { language }) };
  };

  return {
    id: 'piper',
    label: 'Piper',

    async available() {
      return deps.worker !== null && (await deps.store.installed()).length > 0;
    },

    async voices() {
      return (await deps.store.installed()).map(toVoice);
    },

    async synthesize(request) {
      if (request.signal?.aborted) throw cancelled();
      const { key, speaker } = splitVoiceId(request.voice);
      const voice = await deps.store.find(key);
      if (!deps.worker) throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Piper voices cannot run in this build.');
      const { config } = voice;
      const speakerId = speakerIdFor(config, speaker);
      if (config.num_speakers > 1 && speakerId === null) throw new AppError(ErrorCode.INVALID_INPUT, `The Piper voice “${key}” has no speaker “${speaker ?? ''}”.`);
      const sentences = await deps.phonemizer.phonemize(request.text, config.espeak.voice, request.signal);
      const ids = sentences.map((phonemes) => phonemesToIds(phonemes, config).ids);
      const sampleRate = config.audio.sample_rate;
      const result = await deps.worker.run(
        {
          modelPath: voice.modelPath,
          sentences: ids,
          scales: [config.inference.noise_scale, config.inference.length_scale / request.speed, config.inference.noise_w],
          speakerId,
          silenceSamples: Math.round(SENTENCE_SILENCE_SEC * sampleRate),
        },
        request.signal,
      );
      if (!result.ok) throw failureError(key, result);
      const audio: PcmAudio = {
        format: { sampleRate, channels: 1, bitsPerSample: 16 },
        data: Buffer.from(result.pcm.buffer, result.pcm.byteOffset, result.pcm.byteLength),
      };
      return { audio, durationSec: durationOf(audio) };
    },
  };
}
