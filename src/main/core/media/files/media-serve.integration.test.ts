import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { createMediaFiles } from './media-files.service';
import { serveMediaFile, type MediaResponse } from './media-serve';
import { mediaUrl, signMediaPath } from './media-url';

// A data folder with a media root, a file outside it, and symlinks in and out.
const secret = Buffer.alloc(32, 3);
let dataDir = '';
let root = '';
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'nova-media-files-'));
  root = path.join(dataDir, 'media');
  await mkdir(path.join(root, 'renders', 'r1'), { recursive: true });
  await writeFile(path.join(root, 'renders', 'r1', 'My video.mp4'), bytes);
  await writeFile(path.join(root, 'renders', 'r1', 'empty.vtt'), '');
  await writeFile(path.join(dataDir, 'nova.db'), 'secret database');
  await symlink(path.join(dataDir, 'nova.db'), path.join(root, 'renders', 'r1', 'escape.mp4'));
  await symlink(path.join(root, 'renders', 'r1', 'My video.mp4'), path.join(root, 'renders', 'inside-link.mp4'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function bodyOf(response: MediaResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('describe', () => {
  const files = () => createMediaFiles({ dataDir, secret });

  it('names a file under the media root with its type, size and a signed, versioned URL', async () => {
    const file = await files().describe(path.join(root, 'renders', 'r1', 'My video.mp4'));
    expect(file).toMatchObject({ name: 'My video.mp4', mimeType: 'video/mp4', bytes: 1000 });
    expect(file.url).toMatch(/^\/media-files\/renders\/r1\/My%20video\.mp4\?v=[a-z0-9]+-rs&sig=/);
    expect(file.url).toContain(`sig=${signMediaPath(secret, 'renders/r1/My video.mp4')}`);
    expect(files().root).toBe(root);
  });

  it('keeps a MIME type it is given', async () => {
    expect((await files().describe(path.join(root, 'renders', 'r1', 'My video.mp4'), 'video/x-custom')).mimeType).toBe('video/x-custom');
  });

  it('follows a symlink that stays inside the root to its real path', async () => {
    const file = await files().describe(path.join(root, 'renders', 'inside-link.mp4'));
    expect(file.url).toMatch(/^\/media-files\/renders\/r1\/My%20video\.mp4\?/);
  });

  it('answers NOT_FOUND outside the root (.., a symlink out, the root itself), for folders and missing files', async () => {
    for (const target of [
      path.join(dataDir, 'nova.db'),
      path.join(root, 'renders', '..', '..', 'nova.db'),
      path.join(root, 'renders', 'r1', 'escape.mp4'),
      root,
      path.join(root, 'renders', 'r1'),
      path.join(root, 'renders', 'r1', 'missing.mp4'),
    ]) {
      const error = await files().describe(target).catch((e: unknown) => e);
      expect(error, target).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
  });
});

describe('serveMediaFile', () => {
  const url = (relative: string) => mediaUrl(secret, relative, '1');
  const video = url('renders/r1/My video.mp4');
  const serve = (request: { method?: string; url: string; rangeHeader?: string }) => serveMediaFile(root, secret, { method: 'GET', ...request });

  it('sends the whole file with its type, length, nosniff, a private cache and byte ranges on offer', async () => {
    const response = await serve({ url: video });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'Content-Type': 'video/mp4',
      'Content-Length': '1000',
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(response.headers['Cache-Control']).toMatch(/^private, max-age=\d+$/);
    expect(await bodyOf(response)).toEqual(bytes);
  });

  it('sends a range as 206 with Content-Range, for a-b, a- and -n', async () => {
    const cases: [string, number, number][] = [
      ['bytes=10-19', 10, 19],
      ['bytes=990-', 990, 999],
      ['bytes=-5', 995, 999],
      ['bytes=900-5000', 900, 999],
    ];
    for (const [header, start, end] of cases) {
      const response = await serve({ url: video, rangeHeader: header });
      expect(response.status, header).toBe(206);
      expect(response.headers['Content-Range']).toBe(`bytes ${start}-${end}/1000`);
      expect(response.headers['Content-Length']).toBe(String(end - start + 1));
      expect(await bodyOf(response)).toEqual(bytes.subarray(start, end + 1));
    }
  });

  it('answers 416 with the size for a range past the end', async () => {
    const response = await serve({ url: video, rangeHeader: 'bytes=1000-' });
    expect(response.status).toBe(416);
    expect(response.headers['Content-Range']).toBe('bytes */1000');
    expect(response.body).toBeNull();
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await serve({ method: 'HEAD', url: video });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Length']).toBe('1000');
    expect(response.body).toBeNull();
  });

  it('sends an empty file with no body', async () => {
    const response = await serve({ url: url('renders/r1/empty.vtt') });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Length']).toBe('0');
    expect(response.headers['Content-Type']).toMatch(/^text\/vtt/);
    expect(response.body).toBeNull();
  });

  it('refuses other methods (405), a bad or foreign signature (403)', async () => {
    expect((await serve({ method: 'POST', url: video })).status).toBe(405);
    expect((await serve({ method: 'DELETE', url: video })).status).toBe(405);
    expect((await serve({ url: video.replace(/sig=.*/, 'sig=AAAA') })).status).toBe(403);
    expect((await serve({ url: video.replace(/&sig=.*/, '') })).status).toBe(403);
    expect((await serveMediaFile(root, Buffer.alloc(32, 9), { method: 'GET', url: video })).status).toBe(403);
    // A signature for another file does not open this one.
    const other = url('renders/r1/empty.vtt');
    expect((await serve({ url: `/media-files/renders/r1/My%20video.mp4?${other.split('?')[1]}` })).status).toBe(403);
  });

  it('never serves outside the root, even with a valid signature of the path asked', async () => {
    // Signed by this launch, but resolving through a symlink to the database.
    expect((await serve({ url: url('renders/r1/escape.mp4') })).status).toBe(404);
    // Dot segments and encoded separators are refused before any signature check.
    for (const raw of ['/media-files/..%2Fnova.db', '/media-files/renders/%2e%2e/%2e%2e/nova.db', '/media-files/renders\\..\\..\\nova.db']) {
      const response = await serve({ url: `${raw}?sig=${signMediaPath(secret, '../nova.db')}` });
      expect(response.status, raw).toBe(404);
    }
    expect((await serve({ url: url('renders/r1/missing.mp4') })).status).toBe(404);
    expect((await serve({ url: url('renders/r1') })).status).toBe(404);
  });
});
