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
  /** The loudness range loudnorm may keep, LU. */
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

interface LoudnormStats {
  readonly input_i: string;
  readonly input_tp: string;
  readonly input_lra: string;
  readonly input_thresh: string;
  readonly target_offset: string;
}

/** Reads the JSON block `loudnorm=print_format=json` logs at the end of a pass. */
export function parseLoudnormJson(lines: readonly string[]): LoudnormStats | null {
  const open = lines.findLastIndex((l) => l.trim() === '{');
  const close = lines.findLastIndex((l) => l.trim() === '}');
  if (open < 0 || close < open) return null;
  try {
    const data = JSON.parse(lines.slice(open, close + 1).join('\n')) as Record<string, unknown>;
    const keys = ['input_i', 'input_tp', 'input_lra', 'input_thresh', 'target_offset'] as const;
    if (!keys.every((k) => typeof data[k] === 'string')) return null;
    return data as unknown as LoudnormStats;
  } catch {
    return null;
  }
}

function unreadable(stage: string, tail: readonly string[]): AppError {
  return new AppError(ErrorCode.FFMPEG_FAILED, `${stage} failed: ffmpeg did not print the loudness figures.\nLast lines of ffmpeg's log:\n${tail.slice(-15).map((l) => `  ${l}`).join('\n')}`);
}

/** Measures a file's integrated loudness, true peak and loudness range with ebur128. */
export async function measureLoudness(runner: FfmpegRunner, file: string, signal?: AbortSignal): Promise<LoudnessMeasurement> {
  const stage = `measuring the loudness of ${path.basename(file)}`;
  const args = buildFfmpegArgs({
    inputs: [{ kind: 'file', path: file }],
    audioFilter: renderFilter(filter('ebur128', { peak: 'true', framelog: 'verbose' })),
    output: { path: '-', maps: ['0:a:0'], video: null, format: 'null' },
  });
  const { stderrTail } = await runner.ffmpeg({ stage, args, keepStderrLines: SUMMARY_LINES, ...(signal ? { signal } : {}) });
  const measured = parseEbur128Summary(stderrTail);
  if (measured === null) throw unreadable(stage, stderrTail);
  return measured;
}

/** Options of {@link normaliseLoudness}. */
export interface NormaliseOptions {
  readonly target: LoudnessTarget;
  /** Encoding of the output; 48 kHz 16-bit PCM (a WAV) when absent. */
  readonly audio?: AudioEncoding;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

const loudnormOptions = (t: LoudnessTarget) => ({ I: t.integratedLufs, TP: t.truePeakDbtp, LRA: t.lraLu });

/**
 * Two-pass loudnorm: pass one measures, pass two applies one linear gain computed from the
 * measurement (loudnorm falls back to its dynamic mode only when a linear gain would break the
 * true-peak ceiling). One pass alone guesses from a 3 s window and drifts on short clips.
 */
export async function normaliseLoudness(runner: FfmpegRunner, input: string, output: string, options: NormaliseOptions): Promise<void> {
  const name = path.basename(input);
  const signal = options.signal ? { signal: options.signal } : {};
  const measureStage = `measuring ${name} for loudness normalisation`;
  const first = await runner.ffmpeg({
    stage: measureStage,
    args: buildFfmpegArgs({
      inputs: [{ kind: 'file', path: input }],
      audioFilter: renderFilter(filter('loudnorm', { ...loudnormOptions(options.target), print_format: 'json' })),
      output: { path: '-', maps: ['0:a:0'], video: null, format: 'null' },
    }),
    keepStderrLines: SUMMARY_LINES,
    ...signal,
  });
  options.onProgress?.(0.5);
  const stats = parseLoudnormJson(first.stderrTail);
  if (stats === null) throw unreadable(measureStage, first.stderrTail);
  const second = filter('loudnorm', {
    ...loudnormOptions(options.target),
    measured_I: stats.input_i,
    measured_TP: stats.input_tp,
    measured_LRA: stats.input_lra,
    measured_thresh: stats.input_thresh,
    offset: stats.target_offset,
    linear: 'true',
    print_format: 'summary',
  });
  await runner.ffmpeg({
    stage: `normalising the loudness of ${name}`,
    args: buildFfmpegArgs({
      inputs: [{ kind: 'file', path: input }],
      audioFilter: renderFilter(second),
      // loudnorm works at 192 kHz internally; without -ar the file would keep that rate.
      output: { path: output, maps: ['0:a:0'], video: null, audio: options.audio ?? { codec: 'pcm_s16le', sampleRate: 48_000 } },
    }),
    outputPath: output,
    ...signal,
  });
  options.onProgress?.(1);
}
