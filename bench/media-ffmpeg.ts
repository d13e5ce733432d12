/**
 * `npx tsx bench/media-ffmpeg.ts`: what a Ken Burns segment costs at 1080p against a bare
 * encode of the same length measured in the same run, for each oversampling factor (smoother
 * motion costs more). Ratios, not seconds, are what carry from machine to machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFfmpegArgs, createFfmpegService, filter, RENDER_PROFILES, renderFilter } from '../src/main/core/media';

const SECONDS = Number(process.env.BENCH_MEDIA_SECONDS ?? 6);
const profile = RENDER_PROFILES['youtube-1080p'];
const service = createFfmpegService();
const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-media-'));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

try {
  const still = path.join(dir, 'still.png');
  const source = renderFilter(filter('testsrc2', { size: '2400x1600', rate: profile.fps }));
  await service.runner.ffmpeg({ stage: 'making a still', args: buildFfmpegArgs({ inputs: [{ kind: 'lavfi', graph: source, durationS: 1 }], output: { path: still, maps: ['0:v'], frames: 1 } }) });

  const frames = renderFilter(filter('testsrc2', { size: `${profile.width}x${profile.height}`, rate: profile.fps }));
  const bare = (video: typeof profile.video, file: string) =>
    timed(() =>
      service.runner.ffmpeg({
        stage: 'bare encode',
        args: buildFfmpegArgs({ inputs: [{ kind: 'lavfi', graph: frames, durationS: SECONDS }], output: { path: path.join(dir, file), maps: ['0:v'], video } }),
      }),
    );
  const bareFinal = await bare(profile.video, 'bare.mp4');
  const bareLossless = await bare({ codec: 'libx264', preset: 'ultrafast', qp: 0, pixelFormat: 'yuv420p' }, 'bare.mkv');
  console.log(`${SECONDS} s of 1080p: bare x264 veryfast encode ${bareFinal.toFixed(2)} s; bare lossless (qp 0 ultrafast) ${bareLossless.toFixed(2)} s`);
  for (const oversample of [1, 2, 4]) {
    const seconds = await timed(() =>
      service.renderStillSegment({ image: still, output: path.join(dir, `seg-${oversample}.mkv`), profile, durationS: SECONDS, seed: 'bench', oversample }),
    );
    console.log(`Ken Burns segment, oversample ${oversample}×: ${seconds.toFixed(2)} s = ${(seconds / bareFinal).toFixed(2)}× the bare final encode`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
