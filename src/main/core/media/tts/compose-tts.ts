import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { MEDIA_FOLDERS } from '../media-files.port';
import { createEspeakEngine } from './espeak.engine';
import { createNarrator } from './narrator';
import { createOpenAISpeechEngine } from './openai-speech.engine';
import { createEspeakPhonemizer } from './piper/espeak-phonemizer';
import { createPiperEngine } from './piper/piper.engine';
import { createPiperVoiceStore } from './piper/piper-voice-store';
import { createPiperWorkerClient } from './piper/piper-worker-client';
import { createTtsCache, TTS_CACHE_FOLDER } from './tts-cache';
import type { TtsEngineId, VoiceProfile } from './tts-engine';
import { createTtsService } from './tts.service';

export interface TtsConfig {
  /** The data folder; the cache goes in `media-cache/tts/` inside it, Piper voices in `voices/piper/`. */
  dataDir: string;
  /** The stored OpenAI key (the keys service's `getKey('openai')`). */
  getOpenAIKey(): Promise<string | null>;
  /** Only tests point OpenAI elsewhere (the fake provider's `openaiBaseUrl`). */
  openaiBaseUrl?: string;
  espeakBinary?: string;
  /** Starts the Piper worker (`startModuleWorker(defaultPiperWorkerUrl())`); null or absent: no Piper. */
  startPiperWorker?: (() => Worker) | null;
  logger?: Logger;
  /**
   * Engines to fall back to, in order, after the chosen profile's own. Default: Piper (its first
   * installed voice), then espeak-ng — a cloud engine is never used unless the writer chose it,
   * as it costs money and sends text out.
   */
  fallbackOrder?: readonly TtsEngineId[];
  onCacheError?(error: unknown): void;
}

/** The voice each engine falls back to when it stands in for another engine's profile (Piper: its first installed voice). */
export const FALLBACK_VOICES: Readonly<Record<Exclude<TtsEngineId, 'piper'>, VoiceProfile>> = {
  'espeak-ng': { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
  openai: { engine: 'openai', voice: 'alloy', speed: 1, pitch: 0 },
};

/**
 * Builds the TTS engines, the cache, the service and the narrator from the app's settings, and
 * the fallback chain for a chosen profile (its speed carried over, so a fallback keeps the pace).
 */
export function composeTts(config: TtsConfig) {
  const piperStore = createPiperVoiceStore(path.join(config.dataDir, MEDIA_FOLDERS.piperVoices));
  const startPiper = config.startPiperWorker ?? null;
  const piperWorker = startPiper === null ? null : createPiperWorkerClient(startPiper, config.logger);
  const engines = [
    createPiperEngine({ store: piperStore, phonemizer: createEspeakPhonemizer(config.espeakBinary), worker: piperWorker }),
    createOpenAISpeechEngine({ getKey: config.getOpenAIKey, ...(config.openaiBaseUrl !== undefined && { baseUrl: config.openaiBaseUrl }) }),
    createEspeakEngine(config.espeakBinary === undefined ? {} : { binary: config.espeakBinary }),
  ];
  const cache = createTtsCache({ dir: path.join(config.dataDir, TTS_CACHE_FOLDER) });
  const tts = createTtsService({ engines, cache, ...(config.onCacheError && { onCacheError: config.onCacheError }) });
  const order = config.fallbackOrder ?? ['piper', 'espeak-ng'];
  // The installed voices are read once now; the store refreshes them on every listing and install.
  void piperStore.installed();

  const fallbackFor = (id: TtsEngineId): VoiceProfile | null => {
    if (id !== 'piper') return FALLBACK_VOICES[id];
    const first = piperWorker === null ? undefined : piperStore.lastKnown()[0];
    return first ? { engine: 'piper', voice: first.key, speed: 1, pitch: 0 } : null;
  };

  return {
    tts,
    narrator: createNarrator({ tts }),
    cache,
    piperStore,
    /** `primary` then one profile per fallback engine other than its own (Piper only with a voice installed). */
    profilesFor(primary: VoiceProfile): VoiceProfile[] {
      const fallbacks = order
        .filter((id) => id !== primary.engine)
        .map(fallbackFor)
        .filter((p): p is VoiceProfile => p !== null)
        .map((p) => ({ ...p, speed: primary.speed }));
      return [primary, ...fallbacks];
    },
    /** The voice a new video starts with: the first installed Piper voice, else espeak-ng's en-us. */
    async defaultVoice(): Promise<VoiceProfile> {
      const first = piperWorker === null ? undefined : (await piperStore.installed())[0];
      return first ? { engine: 'piper', voice: first.key, speed: 1, pitch: 0 } : FALLBACK_VOICES['espeak-ng'];
    },
    /** The same, from the installed Piper voices as last read: for a video created now, without waiting. */
    defaultVoiceNow(): VoiceProfile {
      return fallbackFor('piper') ?? FALLBACK_VOICES['espeak-ng'];
    },
    /** Stops the Piper worker (the core is closing). */
    close() {
      piperWorker?.close();
    },
  };
}

export type TtsStack = ReturnType<typeof composeTts>;
