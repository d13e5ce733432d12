import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestImage } from '../../../testing/render-doubles';
import { createFfmpegService, kenBurnsFilters, kenBurnsMotion, kenBurnsZoom, renderFilter, type FfmpegRunner } from '../ffmpeg';
import { createStillStore, stillKey, type StillRequest } from './render-stills';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-stills-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { runner } = createFfmpegService();

/** The runner, counting the ffmpeg runs. */
function counting(): { runner: FfmpegRunner; runs: () => number } {
  let runs = 0;
  return {
    runner: { ...runner, ffmpeg: (request) => ((runs += 1), runner.ffmpeg(request)) },
    runs: () => runs,
  };
}

const md5 = (input: string, chain: string) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', input, '-vf', chain, '-f', 'md5', '-'], { encoding: 'utf8' }).trim();
const still = (file: string, hash: string, scene = 1): StillRequest => ({ path: file, hash, width: 640, height: 360, scene });

describe('prescaled stills', () => {
  it('are made once per image and shared by the pieces that use it, and deleted after the last one', async () => {
    const image = makeTestImage(path.join(dir, 'a.png'), 'testsrc2', '500x400');
    const count = counting();
    const stillsDir = path.join(dir, 'shared');
    const a = still(image, 'hash-a');
    const store = createStillStore({ dir: stillsDir, runner: count.runner, uses: new Map([[stillKey(a), 2]]) });
    const signal = new AbortController().signal;
    // Two pieces at once (a scene's own piece and the previous one's crossfade): one prescale.
    const [first, second] = await Promise.all([store.acquire([a], signal), store.acquire([{ ...a, scene: 2 }], signal)]);
    expect(count.runs()).toBe(1);
    const file = first.get('hash-a') ?? '';
    expect(second.get('hash-a')).toBe(file);
    expect(existsSync(file)).toBe(true);
    await store.release([a]);
    expect(existsSync(file)).toBe(true);
    await store.release([a]);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(stillsDir)).toEqual([]);
  }, 30_000);

  it('are named by the image content and the size, not by the file or the scene', () => {
    const a = still('/x/a.png', 'hash-a');
    expect(stillKey({ ...a, path: '/y/renamed.png', scene: 7 })).toBe(stillKey(a));
    expect(stillKey({ ...a, hash: 'hash-b' })).not.toBe(stillKey(a));
    expect(stillKey({ ...a, width: 1280, height: 720 })).not.toBe(stillKey(a));
  });

  it('give the motion exactly the frame it got when the graph scaled the image itself, so the motion is frame-identical', async () => {
    const image = makeTestImage(path.join(dir, 'b.png'), 'smptebars', '700x500');
    const frame = { width: 320, height: 180, fps: 30, frames: 12, oversample: 2, from: 5, of: 40 };
    const request = { ...still(image, 'hash-b'), width: 640, height: 360 };
    const store = createStillStore({ dir: path.join(dir, 'same'), runner, uses: new Map([[stillKey(request), 1]]) });
    const files = await store.acquire([request], new AbortController().signal);
    const prescaled = files.get('hash-b') ?? '';
    const motion = kenBurnsMotion('scene-b');
    const inGraph = md5(image, kenBurnsFilters(motion, frame).map(renderFilter).join(','));
    const fromStill = md5(prescaled, kenBurnsZoom(motion, frame).map(renderFilter).join(','));
    expect(fromStill).toBe(inGraph);
    await store.clear();
    expect(existsSync(prescaled)).toBe(false);
  }, 30_000);

  it('a failed prescale names the scene and is tried again by the next piece', async () => {
    const broken = path.join(dir, 'broken.png');
    execFileSync('sh', ['-c', `printf 'not a picture' > '${broken}'`]);
    const count = counting();
    const request = still(broken, 'hash-broken', 4);
    const store = createStillStore({ dir: path.join(dir, 'broken'), runner: count.runner, uses: new Map([[stillKey(request), 2]]) });
    await expect(store.acquire([request], new AbortController().signal)).rejects.toMatchObject({ code: 'FFMPEG_FAILED', message: expect.stringMatching(/^Rendering scene 4 failed/) });
    await expect(store.acquire([request], new AbortController().signal)).rejects.toMatchObject({ code: 'FFMPEG_FAILED' });
    expect(count.runs()).toBe(2);
  }, 30_000);
});
