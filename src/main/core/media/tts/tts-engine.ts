import { z } from 'zod';
import type { PcmAudio } from './wav';

/**
 * The engines behind the TTS port. Piper (local ONNX voices) is the next one: it adds its id
 * here and a `TtsEngine` implementation; the cache, fallback and narrator need no change.
 */
export const TTS_ENGINE_IDS = ['espeak-ng', 'openai'] as const;
export const ttsEngineIdSchema = z.enum(TTS_ENGINE_IDS);
export type TtsEngineId = z.infer<typeof ttsEngineIdSchema>;

/**
 * A voice profile: which engine, which of its voices, and the delivery. `speed` is a
 * multiplier of the engine's normal rate; `pitch` runs from −1 (lowest) through 0 (the voice's
 * own) to 1 (highest) — engines without pitch control (OpenAI) ignore it.
 */
export const voiceProfileSchema = z.object({
  engine: ttsEngineIdSchema,
  voice: z.string().min(1).max(200),
  speed: z.number().min(0.25).max(4).default(1),
  pitch: z.number().min(-1).max(1).default(0),
});
export type VoiceProfile = z.infer<typeof voiceProfileSchema>;

/** One voice an engine offers. */
export interface TtsVoice {
  engine: TtsEngineId;
  /** The id passed back as `VoiceProfile.voice`. */
  id: string;
  /** A name a person reads in the voice picker. */
  name: string;
  /** BCP 47 language tag when the engine says it. */
  language?: string;
  gender?: 'female' | 'male';
}

export interface SynthesisRequest {
  text: string;
  voice: string;
  speed: number;
  pitch: number;
  signal?: AbortSignal;
}

/** What an engine returns: decoded 16-bit PCM (its duration follows from the sample count). */
export interface SynthesisResult {
  audio: PcmAudio;
  durationSec: number;
}

/**
 * The TTS port. An engine turns one piece of text into PCM; it throws an `AppError`
 * (CANCELLED when `signal` aborts, PROVIDER_* otherwise).
 */
export interface TtsEngine {
  readonly id: TtsEngineId;
  /** A person-readable name for notices ("espeak-ng", "OpenAI speech"). */
  readonly label: string;
  /** Whether the engine can run now (binary present, key stored). Never throws. */
  available(): Promise<boolean>;
  voices(signal?: AbortSignal): Promise<TtsVoice[]>;
  synthesize(request: SynthesisRequest): Promise<SynthesisResult>;
}
