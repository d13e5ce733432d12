import OpenAI from 'openai';
import { aiSettingsTab } from '../../../../shared/text/settings-names';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { classifyProviderError } from '../../llm';
import type { TtsEngine, TtsVoice } from './tts-engine';
import { durationOf, parseWav } from './wav';

export interface OpenAISpeechEngineOptions {
  /** The stored BYOK key (the keys service's `getKey('openai')`), or null when there is none. */
  getKey(): Promise<string | null>;
  /** An OpenAI-compatible API root including `/v1`; only tests point it at a stand-in. */
  baseUrl?: string;
  /** Default `gpt-4o-mini-tts`. */
  model?: string;
  /** Limit for one request (default 60 s). */
  requestTimeoutMs?: number;
}

/** OpenAI's documented built-in voices. */
const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse'] as const;

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * OpenAI's speech API (BYOK) through the `openai` SDK, asking for WAV (24 kHz mono 16-bit).
 * The SDK's retries are off: the narrator falls back to the next engine instead of waiting.
 */
export function createOpenAISpeechEngine(options: OpenAISpeechEngineOptions): TtsEngine {
  const model = options.model ?? 'gpt-4o-mini-tts';
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let client: { key: string; sdk: OpenAI } | undefined;

  const sdkFor = async (): Promise<OpenAI> => {
    const key = await options.getKey();
    if (!key) throw new AppError(ErrorCode.PROVIDER_AUTH, `OpenAI speech needs an OpenAI key: add one in ${aiSettingsTab('Keys')}.`);
    if (client?.key !== key) {
      client = {
        key,
        sdk: new OpenAI({ apiKey: key, baseURL: baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs ?? 60_000, organization: null, project: null }),
      };
    }
    return client.sdk;
  };

  return {
    id: 'openai',
    label: 'OpenAI speech',

    async available() {
      try {
        return Boolean(await options.getKey());
      } catch {
        return false;
      }
    },

    voices() {
      return Promise.resolve(VOICES.map((id): TtsVoice => ({ engine: 'openai', id, name: id[0]?.toUpperCase() + id.slice(1), language: 'en' })));
    },

    async synthesize(request) {
      const sdk = await sdkFor();
      try {
        const response = await sdk.audio.speech.create(
          { model, voice: request.voice, input: request.text, speed: request.speed, response_format: 'wav' },
          request.signal ? { signal: request.signal } : {},
        );
        const audio = parseWav(Buffer.from(await response.arrayBuffer()));
        return { audio, durationSec: durationOf(audio) };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw classifyProviderError(error, { provider: 'openai', model, ...(request.signal && { signal: request.signal }) });
      }
    },
  };
}
