import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameMd5s } from '../../../testing/render-doubles';
import { createFfmpegService, RENDER_PROFILES } from '../ffmpeg';
import { muxFinal } from './render-assembly';

const ffmpeg = createFfmpegService();
const profile = { ...RENDER_PROFILES['youtube-720p'], width: 320, height: 180 };

/** A piece as the render makes them: `frames` frames of H.264 at 30 fps in MP4, from a keyframe. */
function piece(file: string, frames: number, hue: number): string {
  const source = `testsrc2=size=320x180:rate=30,hue=h=${hue}`;
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', file]);
  return file;
}

function soundtrack(file: string, seconds: number): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', '-ar', '48000', '-ac', '2', file]);
  return file;
}

function join(dir: string, pieces: Array<{ path: string; frames: number }>) {
  const output = path.join(dir, 'video.mp4');
  const durationSec = pieces.reduce((sum, p) => sum + p.frames, 0) / 30;
  const run = muxFinal(ffmpeg.runner, { pieces, audio: soundtrack(path.join(dir, 'audio.m4a'), durationSec), durationSec, profile, softCues: [], output, signal: new AbortController().signal, onProgress: () => undefined });
  return { output, run };
}

describe('the final join', () => {
  it('copies every piece’s frames, in order, without re-encoding them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-assembly-'));
    const pieces = [12, 7, 20].map((frames, i) => ({ path: piece(path.join(dir, `p${i}.mp4`), frames, i * 60), frames }));
    const { output, run } = join(dir, pieces);
    await run;
    // Stream copy: the joined video decodes to the pieces' frames, every one, in order.
    const frames = (file: string) => frameMd5s(['-i', file, '-map', '0:v']);
    expect(frames(output)).toEqual(pieces.flatMap((p) => frames(p.path)));
    const info = await ffmpeg.probe(output);
    expect(info.streams.find((s) => s.type === 'video')).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
  });

  it('fails on a broken piece with ffmpeg’s reason, its log free of the refused decoders', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-assembly-'));
    const broken = path.join(dir, 'broken.mp4');
    writeFileSync(broken, 'not a video');
    const pieces = [
      { path: piece(path.join(dir, 'a.mp4'), 10, 0), frames: 10 },
      { path: piece(path.join(dir, 'b.mp4'), 10, 90), frames: 10 },
      { path: broken, frames: 10 },
    ];
    const { run } = join(dir, pieces);
    const error = await run.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Writing the final video failed/);
    // Not a shorter video: the join fails, naming the piece.
    expect(error?.message).toContain(`Impossible to open '${broken}'`);
    expect(error?.message).not.toMatch(/whitelist|Last message repeated/);
  });
});
