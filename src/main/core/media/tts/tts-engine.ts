import type { TtsEngineId } from '../../../../shared/models/media';
import type { PcmAudio } from './wav';

/**
 * The engine ids and the voice profile are shared with the contract and the video view
 * (`shared/models/media.ts`); they are re-exported here so the TTS part keeps one import.
 */
export { TTS_ENGINE_IDS, ttsEngineIdSchema, voiceProfileSchema } from '../../../../shared/models/media';
export type { TtsEngineId, VoiceProfile } from '../../../../shared/models/media';

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
