import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestImage } from '../../../testing/render-doubles';
import type { Cue } from '../captions';
import { captionBand, captionStyleFor, createFfmpegService, renderCaptionImages, RENDER_PROFILES, scaledProfile, toAss, type RenderProfile } from '../ffmpeg';
import { OVERSAMPLE, type PiecePlan } from './render-pieces';
import { drawPiece } from './render-segments';
import { createStillStore, stillKey, stillsOfPiece } from './render-stills';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-captions-'));
afterAll(() => process.env.KEEP_TEST_DIR ? undefined : rmSync(dir, { recursive: true, force: true }));
const { runner } = createFfmpegService();
const fontFile = path.resolve('resources/fonts/LiberationSerif-Bold.ttf');
const fontsDir = path.dirname(fontFile);
const fontName = 'Liberation Serif';
const FRAMES = 30;
// At 30 fps: the first shown on frames 10–24, the second from frame 25 to the end.
const CUES: Cue[] = [
  { lines: ['The salt road ran', 'to the coast — Ágy jq'], startSec: 0.31, endSec: 0.81 },
  { lines: ['Nobody walked it twice.'], startSec: 0.81, endSec: 1 },
];

function planOf(profile: RenderProfile, cues: Cue[]): PiecePlan {
  const image = makeTestImage(path.join(dir, `still-${profile.width}.png`), 'testsrc2', '900x700');
  const scene = { id: 'scene-1', number: 1, narration: '', caption: '', durationHintSec: null, visual: { kind: 'image' as const, path: image, hash: `hash-${profile.width}` } };
  return {
    spans: [{ scene, from: 0, frames: FRAMES, of: FRAMES }],
    frames: FRAMES,
    fadeFrames: 0,
    startFrame: 0,
    cues,
    fontFile,
    fontName,
    fontsDir,
    profile,
    // Lossless, so the file's frames are the drawn ones.
    video: { codec: 'libx264', preset: 'ultrafast', qp: 0, pixelFormat: 'yuv420p' },
  };
}

async function draw(plan: PiecePlan, name: string): Promise<string> {
  const requests = stillsOfPiece(plan, OVERSAMPLE);
  const store = createStillStore({ dir: path.join(dir, `stills-${name}`), runner, uses: new Map(requests.map((r) => [stillKey(r), 1])) });
  const stills = await store.acquire(requests, new AbortController().signal);
  const captions = await renderCaptionImages(runner, { captions: plan.cues.map((c) => c.lines), profile: plan.profile, fontName, fontsDir, dir: path.join(dir, `captions-${name}`) });
  const output = path.join(dir, `${name}.mp4`);
  await drawPiece(runner, plan, output, { signal: new AbortController().signal, stills, captions, onFrames: () => undefined });
  await store.clear();
  return output;
}

/** Per-frame luma PSNR of `a` against `b` after `bChain` (Infinity where identical), within the rows `y`…`y + h`. */
function psnrPerFrame(a: string, b: string, bChain: string, rows: { y: number; h: number }): number[] {
  const crop = `crop=iw:${rows.h}:0:${rows.y}`;
  const out = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', a, '-i', b, '-filter_complex', `[0:v]${crop}[a];[1:v]${bChain},${crop}[b];[a][b]psnr=stats_file=-`, '-f', 'null', '-'], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => Number(/psnr_y:(\S+)/.exec(line)?.[1] === 'inf' ? Infinity : /psnr_y:(\S+)/.exec(line)?.[1]));
}

describe('burned captions drawn once and overlaid', () => {
  for (const [label, profile] of [
    ['16:9', scaledProfile(RENDER_PROFILES['youtube-1080p'], 960, 540)],
    ['9:16', scaledProfile(RENDER_PROFILES['shorts-1080x1920'], 540, 960)],
  ] as const) {
    it(`match libass drawing on the frames, only while each caption shows (${label})`, async () => {
      const captioned = await draw(planOf(profile, CUES), `captioned-${label.replace(':', 'x')}`);
      const bare = await draw(planOf(profile, []), `bare-${label.replace(':', 'x')}`);
      // The reference: libass itself on the piece's frames, with the profile's style.
      const ass = path.join(dir, `reference-${profile.width}.ass`);
      writeFileSync(ass, toAss(CUES, profile, captionStyleFor(profile, fontName)));
      const libass = `subtitles=filename=${ass}:fontsdir=${fontsDir}`;
      const whole = { y: 0, h: profile.height };
      const band = captionBand(profile, fontName, 2);

      const againstLibass = psnrPerFrame(captioned, bare, libass, whole);
      expect(againstLibass).toHaveLength(FRAMES);
      // Rounding apart, every frame is libass's own, the change from one caption to the next at
      // its frame too. Measured: 72–74 dB at the worst frame; the shadow at the opacity libass's
      // script asks for (not its square root) 46–49 dB; a caption a frame early 23–26 dB.
      for (const psnr of againstLibass) expect(psnr).toBeGreaterThan(60);
      const againstBare = psnrPerFrame(captioned, bare, 'null', whole);
      againstBare.slice(0, 10).forEach((psnr) => expect(psnr).toBe(Infinity));
      againstBare.slice(10).forEach((psnr) => expect(psnr).toBeLessThan(40));
      // Nothing of the captions falls outside the strip their images cover.
      const above = { y: 0, h: band.y };
      psnrPerFrame(captioned, bare, libass, above).forEach((psnr) => expect(psnr).toBe(Infinity));
      psnrPerFrame(bare, bare, libass, above).forEach((psnr) => expect(psnr).toBe(Infinity));
    }, 60_000);
  }
});
