import { spawn } from 'node:child_process';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { waveformSchema, type Waveform } from '../../../../shared/models/media';
import type { FfmpegLocator } from '../ffmpeg';
import { createPeakAccumulator } from './peak-accumulator';

/** The most peaks a waveform has (the shared model's limit). */
export const MAX_WAVEFORM_POINTS = 4000;
/** Decoding rate: enough for peaks, small enough to read a long video fast. */
const SAMPLE_RATE = 8000;
/** 10 ms blocks; at most this many are kept (halving the resolution beyond). */
const BLOCK_SAMPLES = 80;
const MAX_BLOCKS = 65_536;
const CACHE_VERSION = 1;

export interface WaveformOptions {
  /** How many peaks (1…4000); fewer come back for a sound shorter than that many 10 ms blocks. */
  points: number;
  signal?: AbortSignal;
}

/** Where a file's waveform is cached: beside it. */
export const waveformCacheFile = (file: string) => `${file}.waveform.json`;

/**
 * The sound of `file` as peak levels 0…1 (full scale), evenly spaced over its duration. ffmpeg
 * decodes to 8 kHz mono PCM on a pipe, read as it comes, so memory stays bounded for any length.
 * Cached as JSON beside the file, keyed by the file's size, time and the number of points.
 */
export async function computeWaveform(ffmpeg: FfmpegLocator, file: string, options: WaveformOptions): Promise<Waveform> {
  const points = Math.max(1, Math.min(MAX_WAVEFORM_POINTS, Math.trunc(options.points)));
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AppError(ErrorCode.NOT_FOUND, 'The file to draw the waveform of was not found.');
  const key = { version: CACHE_VERSION, points, size: info.size, mtimeMs: info.mtimeMs };
  const cached = await readCache(file, key);
  if (cached) return cached;
  const { ffmpeg: binary } = await ffmpeg.locate();
  const waveform = await decodePeaks(binary, file, points, options.signal);
  await writeCache(file, key, waveform);
  return waveform;
}

type CacheKey = { version: number; points: number; size: number; mtimeMs: number };

async function readCache(file: string, key: CacheKey): Promise<Waveform | null> {
  try {
    const data = JSON.parse(await readFile(waveformCacheFile(file), 'utf8')) as { key?: CacheKey; waveform?: unknown };
    const same = data.key && (Object.keys(key) as (keyof CacheKey)[]).every((k) => data.key?.[k] === key[k]);
    if (!same) return null;
    const parsed = waveformSchema.safeParse(data.waveform);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written under a temporary name and renamed, so a reader never sees half a file; a failure only costs the cache. */
async function writeCache(file: string, key: CacheKey, waveform: Waveform): Promise<void> {
  const target = waveformCacheFile(file);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify({ key, waveform }));
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true });
  }
}

function decodePeaks(binary: string, file: string, points: number, signal?: AbortSignal): Promise<Waveform> {
  if (signal?.aborted) return Promise.reject(cancelled());
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const peaks = createPeakAccumulator({ blockSamples: BLOCK_SAMPLES, maxBlocks: MAX_BLOCKS });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => peaks.push(chunk));
  // Only the end of the log is kept (errors are at the end), so a chatty decoder costs nothing.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log = (log + chunk).slice(-4000)));
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise<Waveform>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(new AppError(ErrorCode.FFMPEG_MISSING, `Drawing the waveform failed: ${binary} could not be started (${error.code ?? error.message}).`)));
    child.once('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) return reject(cancelled());
      if (code !== 0) {
        const tail = log.trim().split('\n').slice(-5).join('\n');
        return reject(new AppError(ErrorCode.FFMPEG_FAILED, `Drawing the waveform failed: ffmpeg could not read the sound of the file (exit code ${code}).${tail ? `\n${tail}` : ''}`));
      }
      resolve({ durationSec: Math.round((peaks.samples / SAMPLE_RATE) * 1000) / 1000, peaks: peaks.peaks(points) });
    });
  });
}

const cancelled = () => new AppError(ErrorCode.CANCELLED, 'Drawing the waveform was cancelled.');
