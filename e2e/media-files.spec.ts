import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../src/main/core';
import { createFfmpegService } from '../src/main/core/media';
import { silentLogger } from '../src/main/core/platform/logger';
import { startBrowserMode, type BrowserModeServer } from '../src/main/web/server';
import { E2E_TOKEN } from './e2e.constants';
import { expect, test } from './helpers';

/**
 * Chromium plays a render served by the browser mode: the `<video>` loads a signed
 * `/media-files/…` URL from the page's own origin (the page CSP's default-src 'self'), plays,
 * and seeks with byte ranges (206). The server runs in this process so the test can ask the
 * core for the file's URL; the page is the real built renderer.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dir = '';
let core: Core;
let web: BrowserModeServer;
let videoUrl = '';

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-media-'));
  const dataDir = path.join(dir, 'data');
  const folder = path.join(dataDir, 'media', 'renders', 'r1');
  mkdirSync(folder, { recursive: true });
  const video = path.join(folder, 'First light.mp4');
  // 8 s, 10 fps, a keyframe every second: small, and long enough to seek within.
  await createFfmpegService().runner.ffmpeg({
    stage: 'making a clip',
    args: ['-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=10:d=8', '-f', 'lavfi', '-i', 'sine=f=440:d=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '10', '-c:a', 'aac', '-movflags', '+faststart', '-shortest', video],
  });
  core = createCore({ dataDir, logger: silentLogger(), textWorker: null });
  web = await startBrowserMode({ core, staticDir: path.join(repoRoot, 'dist', 'renderer'), port: 0, token: E2E_TOKEN });
  videoUrl = (await core.media.files.describe(video)).url;
});

test.afterAll(async () => {
  await web?.close();
  core?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a served video plays and seeks in the app’s page', async ({ page }) => {
  const ranges: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/media-files/')) ranges.push(response.status());
  });
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  await page.goto(web.url);
  await expect(page.getByTestId('new-project')).toBeVisible();

  await page.evaluate((src) => {
    const video = document.createElement('video');
    video.id = 'served-video';
    video.muted = true;
    video.preload = 'auto';
    video.src = src;
    document.body.append(video);
    void video.play();
  }, videoUrl);
  const video = page.locator('#served-video');
  // It plays: enough data for the current position and time moving on.
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(3);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
  expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(8);

  // Seekable over the whole length: Chromium says [0, 0] when a server ignores byte ranges.
  expect(await video.evaluate((v: HTMLVideoElement) => (v.seekable.length === 1 ? [v.seekable.start(0), Math.round(v.seekable.end(0))] : null))).toEqual([0, 8]);
  // It seeks: to 6 s, and plays on from there.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 6;
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.seeking && v.currentTime >= 6)).toBe(true);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(3);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(6.3);
  // The file came as byte ranges (Chromium asks for a range even on its first request).
  expect(ranges).toContain(206);

  // A URL with a forged signature is refused.
  const forged = videoUrl.replace(/sig=[^&]+/, 'sig=forged');
  const status = await page.evaluate(async (src) => (await fetch(src)).status, forged);
  expect(status).toBe(403);
});
