import { z } from 'zod';

/**
 * A Piper voice's `<voice>.onnx.json`: the parts synthesis needs. Piper's training writes more
 * (dataset, piper_version, …); those are kept but not read.
 */
export const piperVoiceConfigSchema = z.looseObject({
  audio: z.looseObject({ sample_rate: z.number().int().min(4000).max(96_000), quality: z.string().optional() }),
  espeak: z.looseObject({ voice: z.string().min(1).max(50) }),
  language: z.looseObject({ code: z.string().optional(), name_english: z.string().optional(), country_english: z.string().optional() }).optional(),
  dataset: z.string().optional(),
  inference: z
    .looseObject({ noise_scale: z.number().default(0.667), length_scale: z.number().positive().default(1), noise_w: z.number().default(0.8) })
    .default({ noise_scale: 0.667, length_scale: 1, noise_w: 0.8 }),
  phoneme_type: z.string().default('espeak'),
  /** Phoneme → phonemes substitutions applied before the ids (rare; most voices have none). */
  phoneme_map: z.record(z.string(), z.array(z.string())).default({}),
  phoneme_id_map: z.record(z.string(), z.array(z.number().int().nonnegative())),
  num_speakers: z.number().int().positive().default(1),
  speaker_id_map: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
export type PiperVoiceConfig = z.infer<typeof piperVoiceConfigSchema>;

/** Piper's special symbols: padding between ids, beginning and end of a sentence. */
export const PAD = '_';
export const BOS = '^';
export const EOS = '$';

/** The ids of one sentence and the phonemes the voice has no id for (left out, as Piper does). */
export interface SentenceIds {
  ids: number[];
  missing: string[];
}

/**
 * Piper's phonemes → ids (piper-phonemize `phonemes_to_ids`): BOS, then every phoneme's ids each
 * followed by the pad id, then EOS — `^ _ p1 _ p2 _ … $`. A phoneme is one Unicode code point
 * (espeak-ng's IPA is already composed that way); one the voice has no id for is skipped.
 */
export function phonemesToIds(phonemes: readonly string[], config: Pick<PiperVoiceConfig, 'phoneme_id_map' | 'phoneme_map'>): SentenceIds {
  const map = config.phoneme_id_map;
  const pad = map[PAD] ?? [];
  const ids: number[] = [...(map[BOS] ?? []), ...pad];
  const missing: string[] = [];
  for (const original of phonemes) {
    for (const phoneme of config.phoneme_map[original] ?? [original]) {
      const phonemeIds = map[phoneme];
      if (!phonemeIds) {
        missing.push(phoneme);
        continue;
      }
      ids.push(...phonemeIds, ...pad);
    }
  }
  ids.push(...(map[EOS] ?? []));
  return { ids, missing };
}

/**
 * Which speaker of a multi-speaker voice a voice id names: `<key>#<speaker>` with the speaker's
 * name (from `speaker_id_map`) or number. Single-speaker voices take no `sid` (null).
 */
export function speakerIdFor(config: Pick<PiperVoiceConfig, 'num_speakers' | 'speaker_id_map'>, speaker: string | null): number | null {
  if (config.num_speakers <= 1) return null;
  if (speaker === null || speaker === '') return 0;
  const named = config.speaker_id_map[speaker];
  if (named !== undefined) return named;
  const index = Number(speaker);
  return Number.isInteger(index) && index >= 0 && index < config.num_speakers ? index : null;
}

/** Splits `en_US-libritts-high#p123` into the catalogue key and the speaker. */
export function splitVoiceId(voice: string): { key: string; speaker: string | null } {
  const hash = voice.indexOf('#');
  return hash < 0 ? { key: voice, speaker: null } : { key: voice.slice(0, hash), speaker: voice.slice(hash + 1) };
}
