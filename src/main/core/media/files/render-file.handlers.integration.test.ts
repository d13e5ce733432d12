import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { createFfmpegLocator, defaultFfmpegLocatorDeps } from '../ffmpeg/ffmpeg-locator';
import { createFfmpegService } from '../ffmpeg/ffmpeg.service';
import { createRenderFileHandlers, RENDER_WAVEFORM_POINTS, type RenderFilesOnDisk } from './render-file.handlers';

// The two handlers over a lookup double standing in for the renders part, on a real 2 s clip.
const locator = createFfmpegLocator(defaultFfmpegLocatorDeps());
let dir = '';
let render: RenderFilesOnDisk;
const ctx = { transport: 'direct' as const };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-render-files-'));
  const video = path.join(dir, 'video.mp4');
  await createFfmpegService({ locator }).runner.ffmpeg({
    stage: 'making a clip',
    args: ['-nostdin', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=64x64:r=10:d=2', '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', video],
  });
  const srt = path.join(dir, 'captions.srt');
  await writeFile(srt, '1\n00:00:00,000 --> 00:00:01,000\nHello\n');
  render = { video, files: [video, srt], title: 'Night: the harbour', projectTitle: 'Sea/Book' };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('render file handlers', () => {
  const handlers = (videosDir: string) =>
    createRenderFileHandlers({ ffmpeg: locator, ids: { newId: () => `t${Math.random().toString(36).slice(2)}` }, videosDir, findRender: (id) => (id === 'r1' ? render : null) });

  it('give the finished render’s waveform', async () => {
    const waveform = await handlers(dir)['media.renders.waveform']({ id: 'r1' }, ctx);
    expect(waveform.durationSec).toBeGreaterThan(1.9);
    expect(waveform.peaks.length).toBeLessThanOrEqual(RENDER_WAVEFORM_POINTS);
    // ffmpeg's sine source has an amplitude of 1/8.
    expect(Math.max(...waveform.peaks)).toBeGreaterThan(0.1);
    expect(Math.max(...waveform.peaks)).toBeLessThan(0.2);
  });

  it('export to <videos>/Nova Studio/<project> by default, or to the folder given', async () => {
    const videosDir = path.join(dir, 'Videos');
    const result = await handlers(videosDir)['media.renders.export']({ id: 'r1' }, ctx);
    expect(result).toEqual({ folder: path.join(videosDir, 'Nova Studio', 'Sea-Book'), files: ['Night- the harbour.mp4', 'Night- the harbour.srt'] });
    const chosen = path.join(dir, 'chosen');
    expect((await handlers(videosDir)['media.renders.export']({ id: 'r1', folder: chosen }, ctx)).folder).toBe(chosen);
    expect((await readdir(chosen)).sort()).toEqual(['Night- the harbour.mp4', 'Night- the harbour.srt']);
  });

  it('answer NOT_FOUND with a sentence for a render without files', async () => {
    const calls: (() => Promise<unknown>)[] = [
      async () => handlers(dir)['media.renders.waveform']({ id: 'nope' }, ctx),
      async () => handlers(dir)['media.renders.export']({ id: 'nope' }, ctx),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
      expect((error as AppError).message).toMatch(/no video yet/);
    }
  });
});
