import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { buildFfmpegArgs, type AudioEncoding } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { filter, renderFilter } from './filter-graph';

/** EBU R128 measurements of a programme. */
export interface LoudnessMeasurement {
  /** Integrated loudness, LUFS. */
  readonly integratedLufs: number;
  /** Maximum true peak, dBTP (−Infinity for silence). */
  readonly truePeakDbtp: number;
  /** Loudness range, LU. */
  readonly lraLu: number;
}

/** Where a normalisation aims. */
export interface LoudnessTarget {
  readonly integratedLufs: number;
  readonly truePeakDbtp: number;
  /** The loudness range the programme should stay within, LU (a guide: the gain is linear, so the range is the source's). */
  readonly lraLu: number;
}

/** The final mix: what YouTube and most platforms play back at (−14 LUFS, −1 dBTP). */
export const FINAL_MIX_TARGET: LoudnessTarget = { integratedLufs: -14, truePeakDbtp: -1, lraLu: 11 };

// The summary is ~13 lines after whatever else ffmpeg logs at the end; 40 keeps it whole.
const SUMMARY_LINES = 40;

const numberAfter = (text: string, label: RegExp): number => {
  const match = label.exec(text);
  if (match?.[1] === undefined) return NaN;
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
};

/** Reads the `Summary:` block the ebur128 filter logs when it closes. */
export function parseEbur128Summary(lines: readonly string[]): LoudnessMeasurement | null {
  const start = lines.findLastIndex((l) => l.includes('Summary:'));
  if (start < 0) return null;
  const text = lines.slice(start).join('\n');
  const integratedLufs = numberAfter(text, /\bI:\s+(-?[\d.]+|-inf)\s+LUFS/);
  const lraLu = numberAfter(text, /\bLRA:\s+(-?[\d.]+)\s+LU\b/);
  const truePeakDbtp = numberAfter(text, /\bPeak:\s+(-?[\d.]+|-inf)\s+dBFS/);
  if ([integratedLufs, lraLu].some(Number.isNaN) || Number.isNaN(truePeakDbtp)) return null;
  return { integratedLufs, truePeakDbtp, lraLu };
}

function unreadable(stage: string, tail: readonly string[]): AppError {
  return new AppError(ErrorCode.FFMPEG_FAILED, `${stage} failed: ffmpeg did not print the loudness figures.\nLast lines of ffmpeg's log:\n${tail.slice(-15).map((l) => `  ${l}`).join('\n')}`);
}

/**
 * The measuring filter: it passes the audio on unchanged and logs its summary when it closes, so
 * it can also sit at the end of the graph that makes the audio (see mixFinalAudio).
 */
export const LOUDNESS_METER = filter('ebur128', { peak: 'true', framelog: 'verbose' });

/** The lines of ffmpeg's log to keep for {@link loudnessOfLog}. */
export const LOUDNESS_LOG_LINES = SUMMARY_LINES;

/** The measurement an ffmpeg run with {@link LOUDNESS_METER} logged; an error naming the stage when its log has none. */
export function loudnessOfLog(stage: string, stderrTail: readonly string[]): LoudnessMeasurement {
  const measured = parseEbur128Summary(stderrTail);
  if (measured === null) throw unreadable(stage, stderrTail);
  return measured;
}

/** Measures a file's integrated loudness, true peak and loudness range with ebur128. */
export async function measureLoudness(runner: FfmpegRunner, file: string, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  const stage = `measuring the loudness of ${path.basename(file)}`;
  const args = buildFfmpegArgs({
    inputs: [{ kind: 'file', path: file }],
    audioFilter: renderFilter(LOUDNESS_METER),
    output: { path: '-', maps: ['0:a:0'], video: null, format: 'null' },
  });
  const { stderrTail } = await runner.ffmpeg({ stage, args, keepStderrLines: SUMMARY_LINES, ...(signal ? { signal } : {}) });
  return loudnessOfLog(stage, stderrTail);
}

/** Options of {@link normaliseLoudness}. */
export interface NormaliseOptions {
  readonly target: LoudnessTarget;
  /** Encoding of the output; 48 kHz 16-bit PCM (a WAV) when absent. */
  readonly audio?: AudioEncoding;
  /** The input's loudness when already measured (while it was made): the measuring pass is skipped. */
  readonly measured?: LoudnessMeasurement;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Sample peaks are limited this far under the true-peak ceiling: true peaks between samples and
 * the AAC encode's overshoot land above the sample peak (measured here: ~0.4 dB after AAC).
 */
export const TRUE_PEAK_MARGIN_DB = 1;
/** Quieter than this is silence (EBU R128's absolute gate is −70 LUFS): left as it is. */
const SILENCE_LUFS = -69;

/**
 * The gain that brings a measured programme to the target's integrated loudness, and whether a
 * limiter must then hold its peaks under the target's ceiling (less the margin).
 */
export function loudnessGain(measured: LoudnessMeasurement, target: LoudnessTarget): { gainDb: number; limitDbfs: number | null } {
  if (!Number.isFinite(measured.integratedLufs) || measured.integratedLufs < SILENCE_LUFS) return { gainDb: 0, limitDbfs: null };
  const gainDb = target.integratedLufs - measured.integratedLufs;
  const ceiling = target.truePeakDbtp - TRUE_PEAK_MARGIN_DB;
  return { gainDb, limitDbfs: measured.truePeakDbtp + gainDb > ceiling ? ceiling : null };
}

/**
 * Two passes: ebur128 measures, then one linear gain to the target's integrated loudness, with a
 * transparent peak limiter (no auto level) when the gain would push peaks over the ceiling. Not
 * loudnorm: its linear mode needs 3 s of input (a 2 s clip came out at −50 LUFS) and it falls back
 * to its dynamic mode, which pumps, whenever the ceiling is in the way; it also runs at 192 kHz,
 * which made a 30-minute mix slow.
 */
export async function normaliseLoudness(runner: FfmpegRunner, input: string, output: string, options: NormaliseOptions): Promise<void> {
  const signal = options.signal ? { signal: options.signal } : {};
  const measured = options.measured ?? (await measureLoudness(runner, input, options.signal));
  options.onProgress?.(0.5);
  const { gainDb, limitDbfs } = loudnessGain(measured, options.target);
  const chain = [renderFilter(filter('volume', { volume: `${gainDb.toFixed(2)}dB` }))];
  if (limitDbfs !== null) {
    // level=disabled: alimiter would otherwise raise the whole output to its limit.
    chain.push(renderFilter(filter('alimiter', { limit: (10 ** (limitDbfs / 20)).toFixed(4), attack: 5, release: 50, level: 'disabled' })));
  }
  await runner.ffmpeg({
    stage: `normalising the loudness of ${path.basename(input)}`,
    args: buildFfmpegArgs({
      inputs: [{ kind: 'file', path: input }],
      audioFilter: chain.join(','),
      output: { path: output, maps: ['0:a:0'], video: null, audio: options.audio ?? { codec: 'pcm_s16le', sampleRate: 48_000 } },
    }),
    outputPath: output,
    ...signal,
  });
  options.onProgress?.(1);
}
