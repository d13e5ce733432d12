import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { TtsCache } from './tts-cache';
import type { TtsEngine, TtsEngineId, TtsVoice, VoiceProfile } from './tts-engine';
import { durationOf, type PcmAudio } from './wav';

export interface TtsServiceDeps {
  engines: readonly TtsEngine[];
  cache: TtsCache;
  /** Told when a cache write fails; synthesis goes on (the audio is in hand). */
  onCacheError?(error: unknown): void;
}

/** One synthesised piece of text and the profile that spoke it. */
export interface SpokenText {
  audio: PcmAudio;
  durationSec: number;
  profile: VoiceProfile;
  /** Sentences a person should see: which engine failed and which one spoke instead. */
  notices: string[];
}

export interface SynthesizeInput {
  text: string;
  /** The profile to use first, then the fallbacks in order (e.g. OpenAI, then espeak-ng). */
  profiles: readonly VoiceProfile[];
  signal?: AbortSignal;
}

const isCancel = (error: unknown) => error instanceof AppError && error.code === ErrorCode.CANCELLED;

const reasonOf = (error: unknown) => (error instanceof AppError ? error.message : 'an unexpected error').replace(/\.$/, '');

/** The notice shown when `failed`'s engine could not speak and `next`'s did instead. */
export function fallbackNotice(failedLabel: string, error: unknown, nextLabel: string): string {
  return `${failedLabel} failed (${reasonOf(error)}); used ${nextLabel} instead.`;
}

/**
 * Speaks text through the TTS engines: the cache first, then the profile's engine, and on a
 * failure the next profile in the caller's fallback order, with a notice saying so. A cancel
 * stops at once and is never "fallen back" from.
 */
export function createTtsService(deps: TtsServiceDeps) {
  const byId = new Map<TtsEngineId, TtsEngine>(deps.engines.map((engine) => [engine.id, engine]));

  const engineOf = (profile: VoiceProfile): TtsEngine => {
    const engine = byId.get(profile.engine);
    if (!engine) throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, `The speech engine ${profile.engine} is not installed in this build.`);
    return engine;
  };

  /** One text with one profile: cached audio, or the engine's (then cached). */
  const speakWith = async (profile: VoiceProfile, text: string, signal?: AbortSignal): Promise<PcmAudio> => {
    if (signal?.aborted) throw new AppError(ErrorCode.CANCELLED, 'Speech synthesis was stopped.');
    const cached = await deps.cache.get(profile, text);
    if (cached) return cached;
    const engine = engineOf(profile);
    const { audio } = await engine.synthesize({ text, voice: profile.voice, speed: profile.speed, pitch: profile.pitch, ...(signal && { signal }) });
    await deps.cache.put(profile, text, audio).catch((error: unknown) => deps.onCacheError?.(error));
    return audio;
  };

  /**
   * Runs `work` with each profile in turn until one succeeds, collecting a notice per failure.
   * Throws the last failure, with every reason in its message, when none succeeds.
   */
  const withFallback = async <T>(profiles: readonly VoiceProfile[], work: (profile: VoiceProfile) => Promise<T>): Promise<{ value: T; profile: VoiceProfile; notices: string[] }> => {
    if (profiles.length === 0) throw new AppError(ErrorCode.INVALID_INPUT, 'No voice was chosen for the narration.');
    const failures: Array<{ profile: VoiceProfile; error: unknown }> = [];
    for (const profile of profiles) {
      try {
        const value = await work(profile);
        const label = labelOf(profile);
        const notices = failures.map((f) => fallbackNotice(labelOf(f.profile), f.error, label));
        return { value, profile, notices };
      } catch (error) {
        if (isCancel(error)) throw error;
        failures.push({ profile, error });
      }
    }
    const reasons = failures.map((f) => `${labelOf(f.profile)}: ${reasonOf(f.error)}`).join('; ');
    const last = failures[failures.length - 1]?.error;
    throw new AppError(ErrorCode.PROVIDER_FAILED, `No speech engine could speak this text (${reasons}).`, { retryable: true, cause: last });
  };

  const labelOf = (profile: VoiceProfile) => byId.get(profile.engine)?.label ?? profile.engine;

  return {
    /** Speaks one piece of text (a sentence, a voice preview). */
    async synthesize(input: SynthesizeInput): Promise<SpokenText> {
      const { value, profile, notices } = await withFallback(input.profiles, (p) => speakWith(p, input.text, input.signal));
      return { audio: value, durationSec: durationOf(value), profile, notices };
    },

    /** Runs `work` over the fallback order; the narrator uses it to keep one voice per narration. */
    withFallback,

    /** One profile, no fallback: the narrator's per-sentence step. */
    speakWith,

    /** Engines that can run now, in the given order. */
    async availableEngines(): Promise<TtsEngineId[]> {
      const checks = await Promise.all(deps.engines.map(async (engine) => ((await engine.available()) ? engine.id : null)));
      return checks.filter((id): id is TtsEngineId => id !== null);
    },

    /** The voices of every available engine (an engine that fails to list is left out). */
    async voices(signal?: AbortSignal): Promise<TtsVoice[]> {
      const lists = await Promise.all(
        deps.engines.map(async (engine) => ((await engine.available()) ? engine.voices(signal).catch((): TtsVoice[] => []) : [])),
      );
      return lists.flat();
    },
  };
}

export type TtsService = ReturnType<typeof createTtsService>;
