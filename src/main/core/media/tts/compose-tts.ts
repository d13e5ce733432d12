import path from 'node:path';
import { createEspeakEngine } from './espeak.engine';
import { createNarrator } from './narrator';
import { createOpenAISpeechEngine } from './openai-speech.engine';
import { createTtsCache, TTS_CACHE_FOLDER } from './tts-cache';
import type { TtsEngineId, VoiceProfile } from './tts-engine';
import { createTtsService } from './tts.service';

export interface TtsConfig {
  /** The data folder; the cache goes in `media-cache/tts/` inside it. */
  dataDir: string;
  /** The stored OpenAI key (the keys service's `getKey('openai')`). */
  getOpenAIKey(): Promise<string | null>;
  /** Only tests point OpenAI elsewhere (the fake provider's `openaiBaseUrl`). */
  openaiBaseUrl?: string;
  espeakBinary?: string;
  /**
   * Engines to fall back to, in order, after the chosen profile's own. Default: espeak-ng only —
   * a cloud engine is never used unless the writer chose it, as it costs money and sends text out.
   */
  fallbackOrder?: readonly TtsEngineId[];
  onCacheError?(error: unknown): void;
}

/** The voice each engine falls back to when it stands in for another engine's profile. */
export const FALLBACK_VOICES: Readonly<Record<TtsEngineId, VoiceProfile>> = {
  'espeak-ng': { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
  openai: { engine: 'openai', voice: 'alloy', speed: 1, pitch: 0 },
};

/**
 * Builds the TTS engines, the cache, the service and the narrator from the app's settings, and
 * the fallback chain for a chosen profile (its speed carried over, so a fallback keeps the pace).
 */
export function composeTts(config: TtsConfig) {
  const engines = [
    createOpenAISpeechEngine({ getKey: config.getOpenAIKey, ...(config.openaiBaseUrl !== undefined && { baseUrl: config.openaiBaseUrl }) }),
    createEspeakEngine(config.espeakBinary === undefined ? {} : { binary: config.espeakBinary }),
  ];
  const cache = createTtsCache({ dir: path.join(config.dataDir, TTS_CACHE_FOLDER) });
  const tts = createTtsService({ engines, cache, ...(config.onCacheError && { onCacheError: config.onCacheError }) });
  const order = config.fallbackOrder ?? ['espeak-ng'];
  return {
    tts,
    narrator: createNarrator({ tts }),
    cache,
    /** `primary` then one profile per fallback engine other than its own. */
    profilesFor(primary: VoiceProfile): VoiceProfile[] {
      const fallbacks = order.filter((id) => id !== primary.engine).map((id) => ({ ...FALLBACK_VOICES[id], speed: primary.speed }));
      return [primary, ...fallbacks];
    },
  };
}

export type TtsStack = ReturnType<typeof composeTts>;
