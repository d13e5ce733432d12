import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kenBurnsFilters, kenBurnsMotion, renderFilter } from '../ffmpeg';
import { OVERSAMPLE } from './render-pieces';

// A scene's motion at 320×180, 200 frames (a ~7 s scene), over a soft round spot on black: the
// spot's brightness-weighted centre is a sub-pixel measure of where the picture is in each frame.
const WIDTH = 320;
const HEIGHT = 180;
const FRAMES = 200;
const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-motion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeSpot(): string {
  const file = path.join(dir, 'spot.png');
  const spot = "geq=lum='255*exp(-((X-640)*(X-640)+(Y-360)*(Y-360))/1152)'";
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=black:s=1280x720,format=gray', '-vf', spot, '-frames:v', '1', file]);
  return file;
}

/** The spot's centre in each frame of the motion drawn at `oversample`. */
function spotPath(image: string, seed: string, oversample: number): Array<[number, number]> {
  const chain = kenBurnsFilters(kenBurnsMotion(seed), { width: WIDTH, height: HEIGHT, fps: 30, frames: FRAMES, oversample }).map(renderFilter).join(',');
  const raw = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', image, '-vf', `${chain},format=gray`, '-frames:v', String(FRAMES), '-f', 'rawvideo', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const size = WIDTH * HEIGHT;
  expect(raw.length).toBe(size * FRAMES);
  return Array.from({ length: FRAMES }, (_, f) => {
    let sum = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < size; i++) {
      const v = raw[f * size + i] as number;
      if (v < 8) continue;
      sum += v;
      sx += v * (i % WIDTH);
      sy += v * Math.floor(i / WIDTH);
    }
    return [sx / sum, sy / sum];
  });
}

/**
 * The largest frame-to-frame change of the spot's velocity, in output pixels. The eased path
 * changes speed by thousandths of a pixel per frame; a picture that moves in whole steps (of the
 * input pixels zoompan crops on) shows as jumps of a large part of a step.
 */
function jitter(points: Array<[number, number]>): number {
  let worst = 0;
  for (let i = 2; i < points.length; i++) {
    for (const axis of [0, 1] as const) {
      const a = points[i - 2]?.[axis] ?? 0;
      const b = points[i - 1]?.[axis] ?? 0;
      const c = points[i]?.[axis] ?? 0;
      worst = Math.max(worst, Math.abs(c - 2 * b + a));
    }
  }
  return worst;
}

describe('Ken Burns motion as renders draw it', () => {
  it('moves in steps well under an output pixel, where drawing at 1× visibly steps', () => {
    const image = makeSpot();
    for (const seed of ['scene-a', 'scene-c']) {
      const drawn = jitter(spotPath(image, seed, OVERSAMPLE));
      const unsampled = jitter(spotPath(image, seed, 1));
      // Measured: 1× jumps by ~2.7–3.0 px, 1.5× by ~1.8–2.0, 2× by ~1.4–1.5 (a quarter-pixel of position error each way).
      expect(unsampled, seed).toBeGreaterThan(2.5);
      expect(drawn, seed).toBeLessThan(1.6);
    }
  }, 60_000);
});
