import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filter, kenBurnsFilters, kenBurnsMotion, kenBurnsPrescale, renderFilter, type KenBurnsMotion } from '../ffmpeg';
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

/**
 * The same path drawn the way that steps: zoompan on the still at the output size, whose window
 * sits on whole input pixels rounded down to even ones (yuv420p). The check below must tell it apart.
 */
function steppingChain(motion: KenBurnsMotion): string {
  const ease = `(3*pow(min(on/${FRAMES - 1},1),2)-2*pow(min(on/${FRAMES - 1},1),3))`;
  const lerp = (a: number, b: number) => `(${a}+${b - a}*${ease})`;
  const zoompan = filter('zoompan', { z: lerp(motion.startZoom, motion.endZoom), x: `(iw-iw/zoom)*${lerp(motion.startX, motion.endX)}`, y: `(ih-ih/zoom)*${lerp(motion.startY, motion.endY)}`, d: FRAMES, s: `${WIDTH}x${HEIGHT}`, fps: 30 });
  return [...kenBurnsPrescale({ width: WIDTH, height: HEIGHT }), zoompan].map(renderFilter).join(',');
}

/** The spot's centre in each frame of the motion as renders draw it, or (`stepping`) as whole-pixel zoompan would. */
function spotPath(image: string, seed: string, stepping = false): Array<[number, number]> {
  const motion = kenBurnsMotion(seed);
  const chain = stepping ? steppingChain(motion) : kenBurnsFilters(motion, { width: WIDTH, height: HEIGHT, fps: 30, frames: FRAMES, oversample: OVERSAMPLE }).map(renderFilter).join(',');
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
  it('moves in steps well under an output pixel, where whole-pixel zoompan visibly steps', () => {
    const image = makeSpot();
    for (const seed of ['scene-a', 'scene-c']) {
      const drawn = jitter(spotPath(image, seed));
      const stepping = jitter(spotPath(image, seed, true));
      // Measured: zoompan at 1× jumps by ~2.7–3.0 px (at 1.5× ~1.8–2.0, at 2× ~1.4–1.5); the scale-and-crop motion by ~1.0–1.5.
      expect(stepping, seed).toBeGreaterThan(2.5);
      expect(drawn, seed).toBeLessThan(1.6);
    }
  }, 60_000);
});
