import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegService } from './ffmpeg.service';
import { createFilterGraph, filter, renderFilter } from './filter-graph';
import { kenBurnsFilters, kenBurnsMotion, type MotionFrame } from './ken-burns';
import type { FfmpegProgress } from './progress-parser';
import { INTERMEDIATE_VIDEO, RENDER_PROFILES, scaledProfile } from './render-profiles';

// Real ffmpeg: stills made by lavfi, rendered at 320×180 with 2× oversampling to stay quick.
const service = createFfmpegService();
const small = scaledProfile(RENDER_PROFILES['youtube-720p'], 320, 180);
let dir = '';
const still = (name: string) => path.join(dir, name);

async function makeStill(file: string, source: string, options: Record<string, string | number>) {
  await service.runner.ffmpeg({
    stage: 'making a still',
    args: buildFfmpegArgs({ inputs: [{ kind: 'lavfi', graph: renderFilter(filter(source, options)), durationS: 1 }], output: { path: file, maps: ['0:v'], frames: 1 } }),
  });
}

/** Each decoded frame's MD5 (`-f framemd5`): equal frames, equal hashes, whatever the container wrote. */
async function frameHashes(file: string): Promise<string[]> {
  const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: file }], progress: false, output: { path: '-', maps: ['0:v'], format: 'framemd5' } });
  const { stdout } = await service.runner.ffmpeg({ stage: 'hashing frames', args });
  return stdout
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => line.split(',').at(-1)?.trim() ?? '');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-segments-'));
  await makeStill(still('a.png'), 'testsrc2', { size: '640x480' });
  await makeStill(still('b.png'), 'mandelbrot', { size: '480x640' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('segment renderer on real ffmpeg', () => {
  it('renders a still with motion to a lossless segment of the given duration, size and rate', async () => {
    const output = path.join(dir, 'a.mkv');
    const events: FfmpegProgress[] = [];
    await service.renderStillSegment({ image: still('a.png'), output, profile: small, durationS: 1.5, seed: 'scene-1', oversample: 2, onProgress: (p) => events.push(p) });
    expect(events.at(-1)?.fraction).toBe(1);
    const info = await service.probe(output);
    const video = info.streams[0];
    expect(info.streams).toHaveLength(1);
    expect(video).toMatchObject({ type: 'video', codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(info.durationS).toBeCloseTo(1.5, 1);
    const frames = await frameHashes(output);
    expect(frames).toHaveLength(45);
    // It moves: the ends differ, and through the middle (where the eased path is fastest) no frame repeats.
    expect(frames[0]).not.toBe(frames[44]);
    expect(new Set(frames.slice(8, 37)).size).toBe(29);
  });

  it('gives the same frames for the same seed and different motion for another seed', async () => {
    const render = async (name: string, seed: string) => {
      const output = path.join(dir, name);
      await service.renderStillSegment({ image: still('a.png'), output, profile: small, durationS: 1, seed, oversample: 2 });
      return (await frameHashes(output)).join();
    };
    const first = await render('s1.mkv', 'scene-7');
    expect(await render('s2.mkv', 'scene-7')).toBe(first);
    expect(await render('s3.mkv', 'scene-8')).not.toBe(first);
  });

  it('draws part of a motion (from, of) with exactly the frames the whole motion has there', async () => {
    const draw = async (name: string, frame: MotionFrame) => {
      const output = path.join(dir, name);
      const graph = createFilterGraph();
      const [out] = graph.chain(['0:v'], kenBurnsFilters(kenBurnsMotion('part'), frame), [graph.label('v')]);
      const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: still('a.png') }], filterGraph: graph, output: { path: output, maps: [out as string], video: { ...INTERMEDIATE_VIDEO, fps: 30 }, frames: frame.frames } });
      await service.runner.ffmpeg({ stage: 'drawing a motion', args });
      return frameHashes(output);
    };
    const size = { width: 160, height: 90, fps: 30, oversample: 2 };
    const whole = await draw('whole.mkv', { ...size, frames: 45 });
    const middle = await draw('middle.mkv', { ...size, frames: 15, from: 15, of: 45 });
    const end = await draw('end.mkv', { ...size, frames: 10, from: 35, of: 45 });
    expect(middle).toEqual(whole.slice(15, 30));
    expect(end).toEqual(whole.slice(35));
    // Not trivially equal: the motion moves through the middle.
    expect(new Set(middle).size).toBe(15);
  });
});
