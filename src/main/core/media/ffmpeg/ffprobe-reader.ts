import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { FfmpegRunner } from './ffmpeg-runner';

/** One stream of a media file, as the pipeline needs it. */
export interface MediaStream {
  readonly index: number;
  readonly type: 'video' | 'audio' | 'subtitle' | 'other';
  readonly codec: string;
  /** Video only. */
  readonly width?: number;
  readonly height?: number;
  /** Average frames per second (video only). */
  readonly fps?: number;
  /** Audio only. */
  readonly sampleRate?: number;
  readonly channels?: number;
  /** Seconds, when the container states it per stream. */
  readonly durationS?: number;
}

/** What ffprobe tells about a file. */
export interface MediaInfo {
  /** Seconds; 0 for a still image. */
  readonly durationS: number;
  readonly formatName: string;
  readonly streams: readonly MediaStream[];
}

const numberText = z.union([z.string(), z.number()]).optional();
const probeSchema = z.object({
  format: z.object({ duration: numberText, format_name: z.string().optional() }).optional(),
  streams: z
    .array(
      z.object({
        index: z.number(),
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        sample_rate: numberText,
        channels: z.number().optional(),
        duration: numberText,
      }),
    )
    .default([]),
});

/** `"30000/1001"` → 29.97…; `"0/0"` (no rate) → undefined. */
export function parseRate(rate: string | undefined): number | undefined {
  if (rate === undefined) return undefined;
  const [n, d] = rate.split('/').map(Number);
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  const value = d === undefined ? n : d > 0 ? n / d : NaN;
  return Number.isFinite(value) ? value : undefined;
}

const toNumber = (v: string | number | undefined) => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
};

type RawStream = z.infer<typeof probeSchema>['streams'][number];

function toStream(raw: RawStream): MediaStream {
  const kind = raw.codec_type;
  const type = kind === 'video' || kind === 'audio' || kind === 'subtitle' ? kind : 'other';
  const base = { index: raw.index, type, codec: raw.codec_name ?? 'unknown' } as const;
  const durationS = toNumber(raw.duration);
  const withDuration = durationS === undefined ? base : { ...base, durationS };
  if (type === 'video') {
    const fps = parseRate(raw.avg_frame_rate) ?? parseRate(raw.r_frame_rate);
    return { ...withDuration, width: raw.width ?? 0, height: raw.height ?? 0, ...(fps === undefined ? {} : { fps }) };
  }
  if (type === 'audio') return { ...withDuration, sampleRate: toNumber(raw.sample_rate) ?? 0, channels: raw.channels ?? 0 };
  return withDuration;
}

/** Parses `ffprobe -print_format json -show_format -show_streams` output. */
export function parseProbeJson(json: string): MediaInfo {
  const data = probeSchema.parse(JSON.parse(json));
  return {
    durationS: toNumber(data.format?.duration) ?? 0,
    formatName: data.format?.format_name ?? 'unknown',
    streams: data.streams.map(toStream),
  };
}

/** Reads a file's duration and streams with ffprobe. */
export async function probeMedia(runner: FfmpegRunner, file: string, signal?: AbortSignal): Promise<MediaInfo> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file.startsWith('-') ? `file:${file}` : file];
  const { stdout } = await runner.ffprobe({ stage: `reading ${file}`, args, ...(signal === undefined ? {} : { signal }) });
  try {
    return parseProbeJson(stdout);
  } catch (cause) {
    throw new AppError(ErrorCode.FFMPEG_FAILED, `Reading ${file} failed: ffprobe's answer could not be understood.`, { cause });
  }
}
