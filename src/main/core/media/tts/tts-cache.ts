import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VoiceProfile } from './tts-engine';
import { encodeWav, parseWav, type PcmAudio } from './wav';

/** The folder under the data folder where synthesised sentences are kept. */
export const TTS_CACHE_FOLDER = path.join('media-cache', 'tts');

/** Bump when an engine's output for the same settings changes (a new espeak-ng mapping). */
const KEY_VERSION = 1;

/** Synthesised audio by (engine, voice, speed, pitch, text); a miss is null. */
export interface TtsCache {
  get(profile: VoiceProfile, text: string): Promise<PcmAudio | null>;
  put(profile: VoiceProfile, text: string, audio: PcmAudio): Promise<void>;
  /** Hits and misses since creation (tests and the benchmark read them). */
  stats(): { hits: number; misses: number };
}

/** The cache key: a SHA-256 over the settings and the text, so the file name reveals neither. */
export function ttsCacheKey(profile: VoiceProfile, text: string): string {
  const identity = JSON.stringify([KEY_VERSION, profile.engine, profile.voice, profile.speed, profile.pitch]);
  return createHash('sha256').update(identity).update('\0').update(createHash('sha256').update(text).digest('hex')).digest('hex');
}

/**
 * A folder of WAV files named by {@link ttsCacheKey}, in two-character shards. Writes go to a
 * temp file then a rename, so a crash or a second writer never leaves half a file under a key;
 * an unreadable file counts as a miss and is replaced.
 */
export function createTtsCache(options: { dir: string }): TtsCache {
  let hits = 0;
  let misses = 0;
  const fileOf = (key: string) => path.join(options.dir, key.slice(0, 2), `${key}.wav`);

  return {
    async get(profile, text) {
      const file = fileOf(ttsCacheKey(profile, text));
      try {
        const audio = parseWav(await readFile(file));
        hits += 1;
        return audio;
      } catch {
        misses += 1;
        return null;
      }
    },

    async put(profile, text, audio) {
      const file = fileOf(ttsCacheKey(profile, text));
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await writeFile(temp, encodeWav(audio));
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    stats: () => ({ hits, misses }),
  };
}
