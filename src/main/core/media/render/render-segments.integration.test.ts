import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameMd5s, makeTestImage } from '../../../testing/render-doubles';
import { createFfmpegService, kenBurnsMotion, kenBurnsZoom, MOTION_MALLOC_ENV, renderFilter, scaledProfile, RENDER_PROFILES, type FfmpegRunner } from '../ffmpeg';
import { createSegmentCache } from './render-cache';
import { OVERSAMPLE, type PiecePlan, type SceneSpan } from './render-pieces';
import { drawPiece, renderPieces } from './render-segments';
import { createStillStore, stillKey, stillsOfPiece } from './render-stills';
import type { SpecScene } from './render-spec';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { runner } = createFfmpegService();
const profile = scaledProfile(RENDER_PROFILES['youtube-1080p'], 320, 180);
const fontFile = path.resolve('resources/fonts/LiberationSerif-Bold.ttf');

const scene = (number: number, image: string): SpecScene => ({
  id: `scene-${number}`,
  number,
  narration: '',
  caption: '',
  durationHintSec: null,
  visual: { kind: 'image', path: image, hash: `hash-${number}` },
});

/** A piece of `frames` frames over `spans`, encoded lossless so the file's frames are the drawn ones. */
const losslessPlan = (spans: SceneSpan[], frames: number, fadeFrames: number): PiecePlan => ({
  spans,
  frames,
  fadeFrames,
  startFrame: 0,
  cues: [],
  fontFile,
  fontName: 'Liberation Serif',
  fontsDir: path.dirname(fontFile),
  profile,
  video: { codec: 'libx264', preset: 'ultrafast', qp: 0, pixelFormat: 'yuv420p' },
});

describe('a piece with a crossfade', () => {
  it('keeps the scene frames before the fade exactly as drawn and fades only its last frames into the next scene', async () => {
    const own: SceneSpan = { scene: scene(1, makeTestImage(path.join(dir, 'a.png'), 'testsrc2', '500x400')), from: 10, frames: 30, of: 40 };
    const next: SceneSpan = { scene: scene(2, makeTestImage(path.join(dir, 'b.png'), 'smptebars', '700x500')), from: 0, frames: 10, of: 36 };
    const plan = losslessPlan([own, next], 30, 10);
    const requests = stillsOfPiece(plan, OVERSAMPLE);
    const store = createStillStore({ dir: path.join(dir, 'stills'), runner, uses: new Map(requests.map((r) => [stillKey(r), 1])) });
    const stills = await store.acquire(requests, new AbortController().signal);
    const output = path.join(dir, 'piece.mp4');
    await drawPiece(runner, plan, output, { signal: new AbortController().signal, stills, onFrames: () => undefined });

    const motionOf = (span: SceneSpan) =>
      kenBurnsZoom(kenBurnsMotion(span.scene.id), { width: 320, height: 180, fps: 30, frames: span.frames, oversample: OVERSAMPLE, from: span.from, of: span.of })
        .map(renderFilter)
        .join(',');
    const stillOf = (span: SceneSpan) => stills.get(span.scene.visual.kind === 'image' ? span.scene.visual.hash : '') ?? '';
    const drawn = frameMd5s(['-i', output]);
    expect(drawn).toHaveLength(30);
    // The 20 frames before the fade: the scene's motion itself, bit for bit (no trip through another pixel format).
    const alone = frameMd5s(['-i', stillOf(own), '-vf', motionOf(own), '-frames:v', '30']);
    expect(drawn.slice(0, 20)).toEqual(alone.slice(0, 20));
    // The last 10: the two motions' frames crossfaded, the next scene's weight i/10 on frame i of
    // the fade, as a blend computed in floating point draws them (blend counts N from 1; the piece blends in yuv420p
    // with an 8-bit alpha: 50-53 dB measured). A frame blended with the wrong frame of the next
    // scene measured ~29 dB.
    const blended = `[1:v]${motionOf(own)},trim=start_frame=20,setpts=PTS-STARTPTS[a];[2:v]${motionOf(next)}[b];[a][b]blend=all_expr='A+(B-A)*(N-1)/10'[ref];[0:v]trim=start_frame=20,setpts=PTS-STARTPTS[out]`;
    const stats = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', output, '-i', stillOf(own), '-i', stillOf(next), '-filter_complex', `${blended};[out][ref]psnr=stats_file=-`, '-f', 'null', '-'], { encoding: 'utf8' });
    const psnr = stats.trim().split('\n').map((line) => Number(/psnr_avg:(\S+)/.exec(line)?.[1]?.replace('inf', 'Infinity')));
    expect(psnr).toHaveLength(10);
    for (const value of psnr) expect(value).toBeGreaterThan(45);
    expect(drawn[20]).toBe(alone[20]);
    expect(new Set(drawn.slice(20)).size).toBe(10);
    await store.clear();
  }, 30_000);
});

describe('a scene cut in pieces near the end', () => {
  it('draws, cut by cut, the frames the whole piece draws, the crossfade in the last cut', async () => {
    const own: SceneSpan = { scene: scene(3, makeTestImage(path.join(dir, 'c.png'), 'testsrc2', '600x400')), from: 0, frames: 40, of: 40 };
    const next: SceneSpan = { scene: scene(4, makeTestImage(path.join(dir, 'd.png'), 'smptebars', '500x500')), from: 0, frames: 10, of: 30 };
    const whole = losslessPlan([own, next], 40, 10);
    const cuts = [losslessPlan([{ ...own, frames: 25 }], 25, 0), losslessPlan([{ ...own, from: 25, frames: 15 }, next], 15, 10)];
    const requests = stillsOfPiece(whole, OVERSAMPLE);
    const store = createStillStore({ dir: path.join(dir, 'cut-stills'), runner, uses: new Map(requests.map((r) => [stillKey(r), 1])) });
    const stills = await store.acquire(requests, new AbortController().signal);
    const draw = async (plan: PiecePlan, name: string) => {
      const output = path.join(dir, name);
      await drawPiece(runner, plan, output, { signal: new AbortController().signal, stills, onFrames: () => undefined });
      return frameMd5s(['-i', output]);
    };
    const wholeFrames = await draw(whole, 'whole.mp4');
    const cutFrames = [...(await draw(cuts[0] as PiecePlan, 'cut-1.mp4')), ...(await draw(cuts[1] as PiecePlan, 'cut-2.mp4'))];
    expect(wholeFrames).toHaveLength(40);
    expect(cutFrames).toEqual(wholeFrames);
    // The frames move (a still would pass with any cut).
    expect(new Set(wholeFrames).size).toBeGreaterThan(30);
    await store.clear();
  }, 30_000);
});

describe('a title card', () => {
  it('is its one frame drawn once and repeated for the whole piece, at the piece’s length', async () => {
    const card: SpecScene = { id: 'card', number: 1, narration: '', caption: '', durationHintSec: null, visual: { kind: 'title-card', text: 'The End', background: '#203040' } };
    const plan = losslessPlan([{ scene: card, from: 0, frames: 12, of: 12 }], 12, 0);
    const output = path.join(dir, 'card.mp4');
    await drawPiece(runner, plan, output, { signal: new AbortController().signal, stills: new Map(), onFrames: () => undefined });
    const drawn = frameMd5s(['-i', output]);
    expect(drawn).toHaveLength(12);
    expect(new Set(drawn).size).toBe(1);
    // The text is on it: the frame is not the bare background.
    const background = frameMd5s(['-f', 'lavfi', '-i', `color=c=0x203040:s=${profile.width}x${profile.height}:r=30:d=${1 / 30}`, '-pix_fmt', 'yuv420p']);
    expect(drawn[0]).not.toBe(background[0]);
    const pts = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', output], { encoding: 'utf8' }).split('\n').filter((line) => /^\d/.test(line)).map((line) => Number.parseFloat(line));
    expect(pts.map((t) => Math.round(t * 30))).toEqual(Array.from({ length: 12 }, (_, i) => i));
  }, 30_000);
});

describe('drawing a render’s pieces', () => {
  const cardPlans = (lengths: number[]) =>
    lengths.map((frames, i) => {
      const card: SpecScene = { id: `late-${i}`, number: i + 1, narration: '', caption: '', durationHintSec: null, visual: { kind: 'title-card', text: `Late ${i}`, background: '#302010' } };
      return { ...losslessPlan([{ scene: card, from: 0, frames, of: frames }], frames, 0), startFrame: i * 100 };
    });
  /** Draws `plans` with two workers, the second waiting for `after`; how many ffmpeg ran at once at most. */
  async function mostAtOnce(plans: PiecePlan[], after: Promise<unknown>, name: string, holdUntilTwo: boolean): Promise<number> {
    let active = 0;
    let most = 0;
    const recording: FfmpegRunner = {
      ...runner,
      ffmpeg: async (request) => {
        active++;
        most = Math.max(most, active);
        // Held until a second piece draws beside it (or 3 s): two workers show as two at once.
        for (let waited = 0; holdUntilTwo && active < 2 && most < 2 && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
        try {
          return await runner.ffmpeg(request);
        } finally {
          active--;
        }
      },
    };
    const { drawn } = await renderPieces(plans, {
      runner: recording,
      cache: createSegmentCache(path.join(dir, `${name}-cache`)),
      stills: createStillStore({ dir: path.join(dir, `${name}-stills`), runner, uses: new Map() }),
      toDraw: new Set(plans),
      concurrency: 2,
      threads: 1,
      lastWorkerAfter: after,
      signal: new AbortController().signal,
      onFrames: () => undefined,
    });
    expect(drawn).toBe(plans.length);
    return most;
  }

  it('starts the last worker once the soundtrack has ended, and finishes without it when it never does', async () => {
    expect(await mostAtOnce(cardPlans([6, 6, 6]), new Promise(() => undefined), 'never', false)).toBe(1);
    expect(await mostAtOnce(cardPlans([6, 6, 6]), Promise.reject(new Error('the soundtrack failed')), 'failed', true)).toBe(2);
    expect(await mostAtOnce(cardPlans([6, 6, 6]), Promise.resolve(), 'ended', true)).toBe(2);
  }, 30_000);

  it('draws the longest first, gives the last to start the threads it is offered (x264’s and the graph’s), and runs each with the motion’s allocator settings', async () => {
    const card = (number: number): SpecScene => ({ id: `card-${number}`, number, narration: '', caption: '', durationHintSec: null, visual: { kind: 'title-card', text: `Card ${number}`, background: '#203040' } });
    const lengths = [6, 12, 9];
    const plans = lengths.map((frames, i) => ({ ...losslessPlan([{ scene: card(i + 1), from: 0, frames, of: frames }], frames, 0), startFrame: i * 100 }));
    const started: Array<{ frames: string; threads: string | undefined; filterThreads: string | undefined }> = [];
    const environments: unknown[] = [];
    const recording: FfmpegRunner = {
      ...runner,
      ffmpeg: (request) => {
        environments.push(request.env);
        const valueOf = (option: string) => {
          const at = request.args.lastIndexOf(option);
          return at < 0 ? undefined : request.args[at + 1];
        };
        started.push({ frames: valueOf('-frames:v') as string, threads: valueOf('-threads'), filterThreads: valueOf('-filter_complex_threads') });
        return runner.ffmpeg(request);
      },
    };
    const cache = createSegmentCache(path.join(dir, 'drawing-cache'));
    const stills = createStillStore({ dir: path.join(dir, 'drawing-stills'), runner, uses: new Map() });
    const offered: number[] = [];
    const { files, drawn } = await renderPieces(plans, {
      runner: recording,
      cache,
      stills,
      toDraw: new Set(plans),
      concurrency: 1,
      threads: 1,
      lastThreads: () => {
        offered.push(started.length);
        return 2;
      },
      signal: new AbortController().signal,
      onFrames: () => undefined,
    });
    expect(drawn).toBe(3);
    expect(started).toEqual([
      { frames: '12', threads: '1', filterThreads: '1' },
      { frames: '9', threads: '1', filterThreads: '1' },
      { frames: '6', threads: '2', filterThreads: '2' },
    ]);
    // Asked once, as the last piece started; the files stay in video order.
    expect(offered).toEqual([2]);
    expect(environments).toEqual([MOTION_MALLOC_ENV, MOTION_MALLOC_ENV, MOTION_MALLOC_ENV]);
    expect(files.map((file) => frameMd5s(['-i', file]).length)).toEqual(lengths);
  }, 30_000);
});
