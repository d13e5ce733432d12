import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { createFfmpegLocator, defaultFfmpegLocatorDeps } from '../ffmpeg/ffmpeg-locator';
import { createFfmpegService } from '../ffmpeg/ffmpeg.service';
import { computeWaveform, waveformCacheFile } from './waveform';

// Real ffmpeg: 3 s of a loud tone with silence from 1 s to 2 s, in a video with a picture.
const locator = createFfmpegLocator(defaultFfmpegLocatorDeps());
const ffmpeg = createFfmpegService({ locator });
let dir = '';
let clip = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-waveform-'));
  clip = path.join(dir, 'clip.mp4');
  await ffmpeg.runner.ffmpeg({
    stage: 'making a clip',
    args: [
      '-nostdin', '-y',
      '-f', 'lavfi', '-i', 'color=c=black:s=64x64:r=10:d=3',
      '-f', 'lavfi', '-i', "aevalsrc='if(between(t,1,2),0,0.8*sin(2*PI*440*t))':s=44100:d=3",
      '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '128k', '-shortest', clip,
    ],
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('computeWaveform', () => {
  it('gives the duration and peaks: high under the tone, low in the silence', async () => {
    const waveform = await computeWaveform(locator, clip, { points: 300 });
    expect(waveform.durationSec).toBeGreaterThan(2.9);
    expect(waveform.durationSec).toBeLessThan(3.1);
    expect(waveform.peaks).toHaveLength(300);
    // Away from the edges (AAC and the resampler smear a few milliseconds).
    const at = (t: number) => waveform.peaks[Math.floor((t / waveform.durationSec) * 300)] ?? -1;
    for (const t of [0.2, 0.5, 0.9, 2.1, 2.5, 2.8]) expect(at(t), `at ${t} s`).toBeGreaterThan(0.6);
    for (const t of [1.1, 1.5, 1.9]) expect(at(t), `at ${t} s`).toBeLessThan(0.02);
    for (const peak of waveform.peaks) expect(peak).toBeLessThanOrEqual(1);
  });

  it('caches the result beside the file and reads it back for the same file and points', async () => {
    const first = await computeWaveform(locator, clip, { points: 50 });
    const cacheFile = waveformCacheFile(clip);
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { key: object; waveform: unknown };
    expect(cached.waveform).toEqual(first);
    // A marked cache entry with the same key is what comes back: ffmpeg did not run again.
    await writeFile(cacheFile, JSON.stringify({ key: cached.key, waveform: { durationSec: 42, peaks: [0.5] } }));
    expect(await computeWaveform(locator, clip, { points: 50 })).toEqual({ durationSec: 42, peaks: [0.5] });
    // Another number of points is another key.
    expect((await computeWaveform(locator, clip, { points: 40 })).peaks).toHaveLength(40);
  });

  it('caps the points at 4000 and gives fewer for a sound shorter than that many 10 ms blocks', async () => {
    const waveform = await computeWaveform(locator, clip, { points: 100_000 });
    expect(waveform.peaks.length).toBeLessThanOrEqual(4000);
    expect(waveform.peaks.length).toBeGreaterThanOrEqual(299);
  });

  it('fails with a code and a sentence for a missing file or one with no sound', async () => {
    const missing = await computeWaveform(locator, path.join(dir, 'nope.mp4'), { points: 10 }).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('NOT_FOUND');
    const text = path.join(dir, 'not-media.mp4');
    await writeFile(text, 'not a video');
    const broken = await computeWaveform(locator, text, { points: 10 }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(AppError);
    expect((broken as AppError).code).toBe('FFMPEG_FAILED');
    expect((broken as AppError).message).toMatch(/^Drawing the waveform failed: ffmpeg could not read the sound/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await computeWaveform(locator, clip, { points: 77, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CANCELLED');
  });
});
