import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { Timers } from '../../platform/clock';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegLocator, defaultFfmpegLocatorDeps } from './ffmpeg-locator';
import { createFfmpegRunner } from './ffmpeg-runner';
import { createFfmpegService } from './ffmpeg.service';
import { createFilterGraph, filter, renderFilter } from './filter-graph';
import type { FfmpegProgress } from './progress-parser';
import { RENDER_PROFILES, scaledProfile } from './render-profiles';

// Real ffmpeg 5.1 on tiny generated inputs (320×180, 1–4 s), so the whole file runs in seconds.
const locator = createFfmpegLocator(defaultFfmpegLocatorDeps());
const service = createFfmpegService({ locator });
const small = scaledProfile(RENDER_PROFILES['youtube-720p'], 320, 180);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-ffmpeg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavfi = (name: string, options: Record<string, string | number>, durationS: number) => ({ kind: 'lavfi' as const, graph: renderFilter(filter(name, options)), durationS });

function testClipArgs(output: string, durationS: number) {
  return buildFfmpegArgs({
    inputs: [lavfi('testsrc2', { size: '320x180', rate: 30 }, durationS), lavfi('sine', { frequency: 440, sample_rate: 48000 }, durationS)],
    output: { path: output, maps: ['0:v', '1:a'], video: { ...small.video, fps: small.fps }, audio: small.audio, durationS, faststart: true },
  });
}

/** Resolves with the error a promise rejects with (fails the test if it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ffmpeg runner on real ffmpeg', () => {
  it('reports progress that rises to 1.0, and ffprobe reads back duration, size, rate and streams', async () => {
    const output = path.join(dir, 'clip.mp4');
    const events: FfmpegProgress[] = [];
    await service.runner.ffmpeg({ stage: 'rendering the test clip', args: testClipArgs(output, 2), durationS: 2, outputPath: output, onProgress: (p) => events.push(p) });
    expect(events.length).toBeGreaterThan(0);
    const fractions = events.map((e) => e.fraction ?? -1);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(events.at(-1)?.done).toBe(true);

    const info = await service.probe(output);
    expect(info.durationS).toBeCloseTo(2, 1);
    expect(info.formatName).toContain('mp4');
    const video = info.streams.find((s) => s.type === 'video');
    const audio = info.streams.find((s) => s.type === 'audio');
    expect(video).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
  });

  it('runs ffmpeg with the variables a request adds to the environment', async () => {
    // FFREPORT makes ffmpeg write its whole log to the named file: it exists only if the variable arrived.
    const report = path.join(dir, 'report.log');
    await service.runner.ffmpeg({ stage: 'rendering the test clip', args: testClipArgs(path.join(dir, 'env.mp4'), 0.5), env: { FFREPORT: `file=${report}:level=32` } });
    expect(existsSync(report)).toBe(true);
    await rm(report);
    await service.runner.ffmpeg({ stage: 'rendering the test clip', args: testClipArgs(path.join(dir, 'env.mp4'), 0.5) });
    expect(existsSync(report)).toBe(false);
  });

  it('stops on cancel and removes the partial output', async () => {
    const output = path.join(dir, 'cancelled.mp4');
    const controller = new AbortController();
    let existedWhenCancelled = false;
    const run = service.runner.ffmpeg({
      stage: 'rendering the long clip',
      args: testClipArgs(output, 600),
      durationS: 600,
      outputPath: output,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.outTimeS > 0 && !controller.signal.aborted) {
          existedWhenCancelled = existsSync(output);
          controller.abort();
        }
      },
    });
    const error = await failureOf(run);
    expect(error.code).toBe(ErrorCode.CANCELLED);
    expect(error.message).toBe('Rendering the long clip was cancelled.');
    expect(existedWhenCancelled).toBe(true);
    expect(existsSync(output)).toBe(false);
  });

  it('fails on a bad input with the stage and the last lines of ffmpeg’s log, and no stack trace', async () => {
    const bad = path.join(dir, 'not-a-picture.png');
    await writeFile(bad, 'this is text, not an image');
    const output = path.join(dir, 'never.mp4');
    const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: bad }], output: { path: output, maps: ['0:v'], video: small.video } });
    const error = await failureOf(service.runner.ffmpeg({ stage: 'rendering scene 3', args, outputPath: output }));
    expect(error.code).toBe(ErrorCode.FFMPEG_FAILED);
    expect(error.message).toMatch(/^Rendering scene 3 failed: ffmpeg exited with code 1\.\nLast lines of ffmpeg's log:\n/);
    expect(error.message).toContain('not-a-picture.png');
    expect(error.message).not.toMatch(/\n\s+at /);
    const logLines = error.message.split('\n').slice(2);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.length).toBeLessThanOrEqual(15);
    expect(existsSync(output)).toBe(false);
  });

  it('stops a hung ffmpeg when its idle guard fires, with a TIMEOUT naming the stage', async () => {
    const pending: (() => void)[] = [];
    const timers: Timers = {
      schedule(fn) {
        pending.push(fn);
        return () => pending.splice(pending.indexOf(fn) >>> 0, 1);
      },
    };
    const runner = createFfmpegRunner({ locator, timers });
    // Reads raw audio from a stdin the runner keeps open and never writes: ffmpeg waits forever.
    const args = ['-hide_banner', '-f', 's16le', '-ar', '48000', '-ac', '1', '-i', 'pipe:0', '-f', 'null', '-'];
    const run = runner.ffmpeg({ stage: 'reading the narration', args, idleTimeoutMs: 5000 });
    await expect.poll(() => pending.length).toBe(1);
    pending[0]?.();
    const error = await failureOf(run);
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    expect(error.message).toMatch(/^Reading the narration failed: ffmpeg made no progress for 5 s and was stopped\./);
    expect(error.retryable).toBe(true);
  });

  it('says FFMPEG_MISSING with what it tried when no ffmpeg runs', async () => {
    const none = createFfmpegLocator({ env: { FFMPEG_BIN: path.join(dir, 'no-ffmpeg') }, staticFfmpegPath: path.join(dir, 'absent'), fileExists: existsSync, canRun: async () => false });
    const error = await failureOf(createFfmpegRunner({ locator: none }).ffmpeg({ stage: 'rendering', args: ['-version'] }));
    expect(error.code).toBe(ErrorCode.FFMPEG_MISSING);
    expect(error.message).toContain(`Tried: ${path.join(dir, 'no-ffmpeg')}, ffmpeg.`);
  });

  it('passes a path with colon, quote, comma and spaces and drawtext text through the graph unchanged', async () => {
    const nasty = path.join(dir, "it's: a, [test] b.png");
    await service.runner.ffmpeg({
      stage: 'making a still',
      args: buildFfmpegArgs({ inputs: [lavfi('color', { color: 'navy', size: '64x36' }, 1)], output: { path: nasty, maps: ['0:v'], frames: 1 } }),
    });
    const g = createFilterGraph();
    const [v] = g.chain(
      [],
      [
        filter('movie', { filename: nasty }),
        filter('scale', [320, 180]),
        filter('drawtext', { text: "It's 100% done: yes, [ok]; \\o/", expansion: 'none', fontsize: 20, fontcolor: 'white', x: 10, y: 10 }),
      ],
      [g.label('v')],
    );
    const output = path.join(dir, 'titled.png');
    await service.runner.ffmpeg({ stage: 'drawing a title', args: buildFfmpegArgs({ inputs: [], filterGraph: g, output: { path: output, maps: [v as string], frames: 1 } }) });
    const info = await service.probe(output);
    expect(info.streams[0]).toMatchObject({ type: 'video', width: 320, height: 180 });
  });
});
