import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFfmpegService } from '../core/media';
import { startBrowserModeFixture, type BrowserModeFixture } from '../testing/browser-mode-fixture';

// The real browser-mode server serving a real MP4 (2 s, made with ffmpeg) from the data folder.
let fixture: BrowserModeFixture;
let video = '';
let bytes: Buffer;
let url = '';

beforeAll(async () => {
  fixture = await startBrowserModeFixture();
  const folder = path.join(fixture.core.info.dataDir, 'media', 'renders', 'r 1');
  await mkdir(folder, { recursive: true });
  video = path.join(folder, 'Chapter one.mp4');
  await createFfmpegService().runner.ffmpeg({
    stage: 'making a clip',
    args: ['-nostdin', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=2', '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', '-shortest', video],
  });
  bytes = await readFile(video);
  url = (await fixture.core.media.files.describe(video)).url;
});
afterAll(async () => {
  await fixture.close();
});

/** A raw request, so the path reaches the server exactly as written (fetch would normalise dot segments). */
function raw(pathAndQuery: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: fixture.web.port, path: pathAndQuery, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the browser mode serves media files', () => {
  it('sends the whole video with its type, length and a private cache, replacing the page’s no-store', async () => {
    const response = await fetch(`${fixture.web.origin}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('sends byte ranges as 206 (what a <video> asks for when it seeks) and 416 past the end', async () => {
    const mid = Math.floor(bytes.length / 2);
    const cases: [string, number, number][] = [
      ['bytes=0-1023', 0, 1023],
      [`bytes=${mid}-`, mid, bytes.length - 1],
      ['bytes=-500', bytes.length - 500, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(`${fixture.web.origin}${url}`, { headers: { Range: range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
    const past = await fetch(`${fixture.web.origin}${url}`, { headers: { Range: `bytes=${bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await raw(url, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(bytes.length));
    expect(response.body.length).toBe(0);
  });

  it('refuses a bad signature (403), another method (405) and a Host that is not ours (403)', async () => {
    expect((await fetch(`${fixture.web.origin}${url.replace(/sig=[^&]+/, 'sig=forged')}`)).status).toBe(403);
    expect((await fetch(`${fixture.web.origin}${url.split('?')[0] ?? ''}`)).status).toBe(403);
    expect((await fetch(`${fixture.web.origin}${url}`, { method: 'POST' })).status).toBe(405);
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: fixture.web.port, path: url, headers: { Host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(403);
  });

  it('never reaches outside the media folder, however the path is written', async () => {
    const sig = new URL(url, 'http://x').searchParams.get('sig') ?? '';
    await symlink(path.join(fixture.core.info.dataDir, 'nova.db'), path.join(path.dirname(video), 'db.mp4'));
    const linked = (await fixture.core.media.files.describe(path.join(path.dirname(video), 'db.mp4')).catch((e: unknown) => e)) as { code?: string };
    expect(linked.code).toBe('NOT_FOUND');
    for (const attempt of [
      `/media-files/../nova.db?sig=${sig}`,
      `/media-files/%2e%2e/nova.db?sig=${sig}`,
      `/media-files/renders/..%2F..%2Fnova.db?sig=${sig}`,
      `/media-files/renders/r%201/..%5C..%5C..%5Cnova.db?sig=${sig}`,
      `/media-files/renders/r%201/db.mp4?sig=${sig}`,
      `/media-files//etc/passwd?sig=${sig}`,
    ]) {
      const response = await raw(attempt);
      expect([403, 404], attempt).toContain(response.status);
      expect(response.body.toString('latin1')).not.toContain('SQLite format');
    }
  });

  it('answers 403 to a URL from another launch: each launch signs with its own random key', async () => {
    const next = await startBrowserModeFixture();
    try {
      const same = path.join(next.core.info.dataDir, 'media', 'renders', 'r 1', 'Chapter one.mp4');
      await mkdir(path.dirname(same), { recursive: true });
      await writeFile(same, bytes);
      const ownUrl = (await next.core.media.files.describe(same)).url;
      expect(ownUrl.split('?')[0]).toBe(url.split('?')[0]);
      expect(new URL(ownUrl, 'http://x').searchParams.get('sig')).not.toBe(new URL(url, 'http://x').searchParams.get('sig'));
      expect((await fetch(`${next.web.origin}${ownUrl}`)).status).toBe(200);
      expect((await fetch(`${next.web.origin}${url}`)).status).toBe(403);
    } finally {
      await next.close();
    }
  });
});
