import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt, type Cue } from '../captions';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegService } from './ffmpeg.service';
import { filter, renderFilter } from './filter-graph';
import { INTERMEDIATE_VIDEO, RENDER_PROFILES, scaledProfile } from './render-profiles';

// Real ffmpeg on a 320×180, 2 s lossless clip (what the scene join leaves) and a 2 s tone.
const service = createFfmpegService();
const tiny = scaledProfile(RENDER_PROFILES['youtube-720p'], 320, 180);
const cues: Cue[] = [
  { startSec: 0.2, endSec: 1.0, lines: ['The first caption,', 'two lines.'] },
  { startSec: 1.1, endSec: 1.9, lines: ['And the second.'] },
];
let dir = '';
let video = '';
let audio = '';

async function run(args: string[]) {
  return service.runner.ffmpeg({ stage: 'test step', args });
}

/** The MD5 of the decoded frame at `atS`. */
async function frameHash(file: string, atS: number): Promise<string> {
  const { stdout } = await run(
    buildFfmpegArgs({ inputs: [{ kind: 'file', path: file, seekS: atS }], progress: false, output: { path: '-', maps: ['0:v'], frames: 1, format: 'framemd5' } }),
  );
  return stdout.trim().split('\n').at(-1)?.split(',').at(-1)?.trim() ?? '';
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-final-'));
  video = path.join(dir, 'joined.mkv');
  audio = path.join(dir, 'mix.wav');
  await run(
    buildFfmpegArgs({
      inputs: [{ kind: 'lavfi', graph: renderFilter(filter('testsrc2', { size: '320x180', rate: 30 })), durationS: 2 }],
      output: { path: video, maps: ['0:v'], video: INTERMEDIATE_VIDEO },
    }),
  );
  await run(
    buildFfmpegArgs({
      inputs: [{ kind: 'lavfi', graph: renderFilter(filter('sine', { frequency: 440, sample_rate: 48000 })), durationS: 2 }],
      output: { path: audio, maps: ['0:a'], audio: { codec: 'pcm_s16le' } },
    }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the final assembly on real ffmpeg', () => {
  it('encodes one MP4 at the profile (size, rate, length, H.264 + AAC) with a soft caption track and faststart', async () => {
    const output = path.join(dir, 'soft.mp4');
    await service.assembleFinal({ video, audio, durationS: 2, profile: tiny, output, captions: { cues, mode: 'soft', language: 'eng' } });
    const info = await service.probe(output);
    expect(info.durationS).toBeCloseTo(2, 1);
    expect(info.streams.find((s) => s.type === 'video')).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(info.streams.find((s) => s.type === 'audio')).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(info.streams.find((s) => s.type === 'subtitle')).toMatchObject({ codec: 'mov_text' });
    expect(info.streams).toHaveLength(3);

    const { stdout } = await run(buildFfmpegArgs({ inputs: [{ kind: 'file', path: output }], progress: false, output: { path: '-', maps: ['0:s'], format: 'srt' } }));
    const track = parseSrt(stdout);
    expect(track.map((c) => c.lines)).toEqual(cues.map((c) => c.lines));

    // faststart: the index (moov) comes before the media data (mdat).
    const bytes = await readFile(output);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    // The caption file written for ffmpeg is gone.
    expect((await readdir(dir)).filter((f) => f.includes('captions'))).toEqual([]);
  });

  it('burns captions into the frames: a frame under a cue differs from the same frame without captions', async () => {
    const burned = path.join(dir, 'burned.mp4');
    const bare = path.join(dir, 'bare.mp4');
    const bareAgain = path.join(dir, 'bare-again.mp4');
    await service.assembleFinal({ video, audio, durationS: 2, profile: tiny, output: burned, captions: { cues, mode: 'burn' } });
    await service.assembleFinal({ video, audio, durationS: 2, profile: tiny, output: bare });
    await service.assembleFinal({ video, audio, durationS: 2, profile: tiny, output: bareAgain });
    const burnedInfo = await service.probe(burned);
    expect(burnedInfo.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
    // The encode is deterministic, so the difference is the captions, not x264.
    expect(await frameHash(bareAgain, 0.5)).toBe(await frameHash(bare, 0.5));
    expect(await frameHash(burned, 0.5)).not.toBe(await frameHash(bare, 0.5));
  });
});
