import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegService } from './ffmpeg.service';
import { filter, renderFilter } from './filter-graph';
import { thumbnailFontPx, wrapTitle } from './thumbnail';

// Real ffmpeg: a 2 s 640×360 clip, thumbnails at 320×180 and 180×320.
const service = createFfmpegService();
let dir = '';
let clip = '';

async function frameHash(file: string): Promise<string> {
  const { stdout } = await service.runner.ffmpeg({
    stage: 'hashing',
    args: buildFfmpegArgs({ inputs: [{ kind: 'file', path: file }], progress: false, output: { path: '-', maps: ['0:v'], format: 'framemd5' } }),
  });
  return stdout.trim().split('\n').at(-1)?.split(',').at(-1)?.trim() ?? '';
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-thumb-'));
  clip = path.join(dir, 'clip.mkv');
  await service.runner.ffmpeg({
    stage: 'making a clip',
    args: buildFfmpegArgs({
      inputs: [{ kind: 'lavfi', graph: renderFilter(filter('testsrc2', { size: '640x360', rate: 30 })), durationS: 2 }],
      output: { path: clip, maps: ['0:v'], video: { codec: 'libx264', preset: 'ultrafast', qp: 0 } },
    }),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('thumbnails', () => {
  it('wraps a title into at most three lines, with an ellipsis for the rest', () => {
    expect(wrapTitle('  The lighthouse keeper\'s last winter ', 20)).toEqual(["The lighthouse", "keeper's last winter"]);
    const long = wrapTitle('one two three four five six seven eight nine ten', 9);
    expect(long).toHaveLength(3);
    expect(long[2]?.endsWith('…')).toBe(true);
    expect(wrapTitle('Incomprehensibilities', 10)).toEqual(['Incompreh…']);
    expect(wrapTitle('   ', 10)).toEqual([]);
    expect(thumbnailFontPx({ width: 1080, height: 1920 })).toBeGreaterThan(thumbnailFontPx({ width: 1920, height: 1080 }));
  });

  it('renders a PNG at the profile\'s size with the title drawn (even one with : \' % and ,) and a JPEG, cropped for 9:16', async () => {
    const titled = path.join(dir, 'titled.png');
    const bare = path.join(dir, 'bare.png');
    await service.renderThumbnail({ source: clip, atS: 1, title: "Chapter 1: the keeper's 100% true story, told", profile: { width: 320, height: 180 }, output: titled });
    await service.renderThumbnail({ source: clip, atS: 1, profile: { width: 320, height: 180 }, output: bare });
    expect((await service.probe(titled)).streams[0]).toMatchObject({ codec: 'png', width: 320, height: 180 });
    expect(await frameHash(titled)).not.toBe(await frameHash(bare));

    const vertical = path.join(dir, 'vertical.jpg');
    await service.renderThumbnail({ source: clip, atS: 0.5, title: 'A short title', profile: { width: 180, height: 320 }, output: vertical });
    expect((await service.probe(vertical)).streams[0]).toMatchObject({ codec: 'mjpeg', width: 180, height: 320 });
  });
});
