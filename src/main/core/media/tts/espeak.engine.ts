import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { runEspeak } from './espeak-process';
import type { TtsEngine, TtsVoice } from './tts-engine';
import { durationOf, parseWav } from './wav';

export interface EspeakEngineOptions {
  /** The espeak-ng binary (default `espeak-ng` on the PATH). */
  binary?: string;
}

/** espeak-ng's normal rate in words per minute, and its accepted range. */
const BASE_WPM = 175;
const MIN_WPM = 80;
const MAX_WPM = 450;

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** Maps a profile's speed multiplier and pitch (−1…1) to espeak-ng's `-s` and `-p` (0…99, 50 normal). */
export function espeakArgs(voice: string, speed: number, pitch: number): string[] {
  const wpm = Math.round(clamp(BASE_WPM * speed, MIN_WPM, MAX_WPM));
  const pitchValue = Math.round(clamp(50 + pitch * 49, 0, 99));
  // -b 1: the text on stdin is UTF-8; stdin rather than an argument so text starting with "-"
  // is never read as an option and long chapters do not hit argument limits.
  return ['--stdout', '-b', '1', '-v', voice, '-s', String(wpm), '-p', String(pitchValue)];
}

function run(binary: string, args: string[], input: string | undefined, signal?: AbortSignal) {
  return runEspeak(binary, args, input ?? '', { ...(signal && { signal }), notStarted: `espeak-ng could not be started (${binary}). Install the espeak-ng package.` });
}

/** Parses `espeak-ng --voices` (a fixed-width table); MBROLA voices are left out as they need extra data files. */
export function parseEspeakVoices(table: string): TtsVoice[] {
  const voices: TtsVoice[] = [];
  for (const line of table.split('\n').slice(1)) {
    const match = /^\s*\d+\s+(\S+)\s+(?:--|\d+)\/([MF-])\s+(\S+)\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, language = '', gender, name = '', file = ''] = match;
    if (file.startsWith('mb/')) continue;
    voices.push({
      engine: 'espeak-ng',
      id: language,
      name: name.replace(/_/g, ' '),
      language,
      ...(gender === 'M' && { gender: 'male' as const }),
      ...(gender === 'F' && { gender: 'female' as const }),
    });
  }
  return voices;
}

/**
 * espeak-ng as a system binary: robotic but always there offline, so it is the last engine in
 * every fallback order. Its output is 22.05 kHz mono 16-bit PCM.
 */
export function createEspeakEngine(options: EspeakEngineOptions = {}): TtsEngine {
  const binary = options.binary ?? 'espeak-ng';
  return {
    id: 'espeak-ng',
    label: 'espeak-ng',

    async available() {
      try {
        return (await run(binary, ['--version'], undefined)).code === 0;
      } catch {
        return false;
      }
    },

    async voices(signal) {
      const result = await run(binary, ['--voices'], undefined, signal);
      if (result.code !== 0) throw new AppError(ErrorCode.PROVIDER_FAILED, `espeak-ng could not list its voices: ${result.stderr.trim() || `exit code ${result.code}`}`);
      return parseEspeakVoices(result.stdout.toString('utf8'));
    },

    async synthesize(request) {
      const result = await run(binary, espeakArgs(request.voice, request.speed, request.pitch), request.text, request.signal);
      // espeak-ng exits 0 even for an unknown voice, printing to stderr and no audio.
      if (result.code !== 0 || result.stdout.length === 0) {
        throw new AppError(ErrorCode.PROVIDER_FAILED, `espeak-ng could not speak with voice “${request.voice}”: ${result.stderr.trim() || `exit code ${result.code}`}`);
      }
      const audio = parseWav(result.stdout);
      return { audio, durationSec: durationOf(audio) };
    },
  };
}
