import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/fake-llm-server/wait-for';
import { importAsset, makeMediaSamples, type MediaSamples } from '../../../testing/media-fixtures';
import { createTestCore, type TestCore } from '../../../testing/test-core';
import { UPLOAD_ABANDONED_MS } from '.';

let samples: MediaSamples;
beforeAll(() => {
  samples = makeMediaSamples();
});
afterAll(() => samples.dispose());

let t: TestCore;
let now = 1_000_000;
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function setup() {
  now = 1_000_000;
  t = createTestCore({ inMemory: true, config: { textWorker: null, clock: { now: () => (now += 1) } } });
  cleanups.push(() => t.dispose());
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const folder = path.join(t.dataDir, 'media', 'assets', project.id);
  return { project, folder };
}

const errorOf = async (method: string, input: unknown) => {
  const result = await t.raw(method, input);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
};

describe('asset imports', () => {
  it('imports a PNG in chunks: an image with its size, stored under the project, listed newest first by kind', async () => {
    const { project, folder } = await setup();
    const changes: unknown[] = [];
    t.core.events.subscribe((name, payload) => {
      if (name === 'media.changed') changes.push(payload);
    });
    const image = await importAsset(t, project.id, 'cover.png', samples.png, 100);
    expect(image).toMatchObject({ projectId: project.id, kind: 'image', fileName: 'cover.png', width: 64, height: 48, durationSec: null });
    expect(image.file).toMatchObject({ mimeType: 'image/png', bytes: samples.png.length });
    // A signed same-origin URL the app serves the file at.
    const served = await t.core.media.serve({ method: 'HEAD', url: image.file.url });
    expect([served.status, served.headers['Content-Type'], served.headers['Content-Length']]).toEqual([200, 'image/png', String(samples.png.length)]);
    expect(readFileSync(path.join(folder, image.file.name)).equals(samples.png)).toBe(true);
    const sound = await importAsset(t, project.id, 'theme.wav', samples.wav, 1000);
    expect(sound).toMatchObject({ kind: 'audio', width: null, height: null, file: { mimeType: 'audio/wav', bytes: samples.wav.length } });
    expect(sound.durationSec).toBeCloseTo(1.5, 1);
    expect((await t.call('media.assets.list', { projectId: project.id })).map((a) => a.id)).toEqual([sound.id, image.id]);
    expect((await t.call('media.assets.list', { projectId: project.id, kind: 'image' })).map((a) => a.id)).toEqual([image.id]);
    expect(readdirSync(folder).filter((name) => name.endsWith('.part'))).toEqual([]);
    expect(changes).toEqual([
      { projectId: project.id, videoId: null },
      { projectId: project.id, videoId: null },
    ]);
  });

  it('takes a repeated chunk (and an overlapping one) without harm, and refuses a gap', async () => {
    const { project } = await setup();
    const data = samples.png;
    const { uploadId } = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'cover.png', mimeType: 'image/png', bytes: data.length });
    const chunk = (from: number, to: number) => ({ uploadId, offset: from, dataBase64: data.subarray(from, to).toString('base64') });
    expect(await t.call('media.assets.uploadChunk', chunk(0, 50))).toEqual({ receivedBytes: 50 });
    expect(await t.call('media.assets.uploadChunk', chunk(0, 50))).toEqual({ receivedBytes: 50 });
    const gap = await errorOf('media.assets.uploadChunk', chunk(80, 120));
    expect(gap).toMatchObject({ code: 'INVALID_INPUT' });
    expect(gap.message).toContain('missing');
    expect(await t.call('media.assets.uploadChunk', chunk(30, 90))).toEqual({ receivedBytes: 90 });
    await t.call('media.assets.uploadChunk', chunk(90, data.length));
    // Finishing twice at once adds the file once.
    const [asset, twice] = await Promise.all([t.call('media.assets.finishUpload', { uploadId }), errorOf('media.assets.finishUpload', { uploadId })]);
    expect(twice).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.call('media.assets.list', { projectId: project.id })).toHaveLength(1);
    expect(asset.file.bytes).toBe(data.length);
    expect(readFileSync(path.join(t.dataDir, 'media', 'assets', project.id, asset.file.name)).equals(data)).toBe(true);
  });

  it('refuses a file shorter or longer than announced, and removes it', async () => {
    const { project, folder } = await setup();
    const short = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'cover.png', mimeType: 'image/png', bytes: samples.png.length + 10 });
    await t.call('media.assets.uploadChunk', { uploadId: short.uploadId, offset: 0, dataBase64: samples.png.toString('base64') });
    const incomplete = await errorOf('media.assets.finishUpload', { uploadId: short.uploadId });
    expect(incomplete).toMatchObject({ code: 'INVALID_INPUT' });
    expect(incomplete.message).toContain('incomplete');
    expect(await errorOf('media.assets.finishUpload', { uploadId: short.uploadId })).toMatchObject({ code: 'NOT_FOUND' });

    const long = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'cover.png', mimeType: 'image/png', bytes: 10 });
    const tooBig = await errorOf('media.assets.uploadChunk', { uploadId: long.uploadId, offset: 0, dataBase64: samples.png.toString('base64') });
    expect(tooBig.message).toContain('bigger than the 10 bytes');
    await t.call('media.assets.uploadChunk', { uploadId: long.uploadId, offset: 0, dataBase64: samples.png.subarray(0, 10).toString('base64') });
    expect(await errorOf('media.assets.finishUpload', { uploadId: long.uploadId })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(readdirSync(folder)).toEqual([]);
    expect(await t.call('media.assets.list', { projectId: project.id })).toEqual([]);
  });

  it('refuses what ffprobe cannot read as an image or sound, naming the file, and removes it', async () => {
    const { project, folder } = await setup();
    const text = Buffer.from('Chapter one. It was a dark and stormy night.\n'.repeat(20));
    const { uploadId } = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'notes.png', mimeType: 'image/png', bytes: text.length });
    await t.call('media.assets.uploadChunk', { uploadId, offset: 0, dataBase64: text.toString('base64') });
    const error = await errorOf('media.assets.finishUpload', { uploadId });
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(error.message).toContain('“notes.png” is not an image or a sound file');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('cleans an import left for an hour', async () => {
    const { project, folder } = await setup();
    const { uploadId } = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'cover.png', mimeType: 'image/png', bytes: samples.png.length });
    await t.call('media.assets.uploadChunk', { uploadId, offset: 0, dataBase64: samples.png.subarray(0, 20).toString('base64') });
    expect(readdirSync(folder)).toEqual([`${uploadId}.part`]);
    now += UPLOAD_ABANDONED_MS;
    // The next import sweeps the abandoned one.
    const next = await t.call('media.assets.beginUpload', { projectId: project.id, fileName: 'b.png', mimeType: 'image/png', bytes: 5 });
    expect(readdirSync(folder)).toEqual([`${next.uploadId}.part`]);
    const gone = await errorOf('media.assets.uploadChunk', { uploadId, offset: 20, dataBase64: samples.png.subarray(20, 40).toString('base64') });
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });
    expect(gone.message).toContain('Import the file again');
  });

  it('at start, removes part files an earlier launch left for over an hour (a fresh one stays) and the files of projects deleted for good', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-assets-sweep-'));
    const first = createTestCore({ dataDir, config: { textWorker: null } });
    const project = await first.call('project.create', { title: 'Kept' });
    const gone = await first.call('project.create', { title: 'Gone' });
    const trashed = await first.call('project.create', { title: 'Trashed' });
    await importAsset(first, gone.id, 'card.png', samples.png);
    await importAsset(first, trashed.id, 'card.png', samples.png);
    await first.call('project.delete', { id: gone.id });
    await first.call('trash.empty', { confirm: true });
    await first.call('project.delete', { id: trashed.id });
    first.core.close();
    const assets = path.join(dataDir, 'media', 'assets');
    const folder = path.join(assets, project.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'old.part'), 'x');
    writeFileSync(path.join(folder, 'fresh.part'), 'x');
    writeFileSync(path.join(folder, 'kept.png'), 'x');
    const old = (Date.now() - UPLOAD_ABANDONED_MS - 60_000) / 1000;
    utimesSync(path.join(folder, 'old.part'), old, old);
    t = createTestCore({ dataDir, config: { textWorker: null } });
    cleanups.push(() => t.dispose());
    await waitFor(() => !existsSync(path.join(folder, 'old.part')) && !existsSync(path.join(assets, gone.id)));
    expect(readdirSync(folder).sort()).toEqual(['fresh.part', 'kept.png']);
    expect(readdirSync(assets).sort()).toEqual([project.id, trashed.id].sort());
  });

  it('refuses to delete an asset a video uses, naming the video; deletes it (and its file) once free', async () => {
    const { project, folder } = await setup();
    const image = await importAsset(t, project.id, 'cover.png', samples.png);
    const sound = await importAsset(t, project.id, 'theme.wav', samples.wav);
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'blank' } });
    const scene = { id: crypto.randomUUID(), narration: 'The sea.', image: { kind: 'asset' as const, assetId: image.id } };
    const used = await t.call('media.videos.update', { id: video.id, baseRevision: 0, script: { scenes: [scene] }, music: { assetId: sound.id } });
    for (const asset of [image, sound]) {
      const refused = await errorOf('media.assets.delete', { id: asset.id });
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('“Trailer”');
    }
    await t.call('media.videos.update', { id: video.id, baseRevision: used.revision, script: { scenes: [{ ...scene, image: null }] }, music: null });
    expect(await t.call('media.assets.delete', { id: image.id })).toEqual({ ok: true });
    expect(existsSync(path.join(folder, image.file.name))).toBe(false);
    expect((await t.call('media.assets.list', { projectId: project.id })).map((a) => a.id)).toEqual([sound.id]);
    expect(await errorOf('media.assets.delete', { id: image.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers bad input with INVALID_INPUT through the router', async () => {
    const { project } = await setup();
    expect(await errorOf('media.assets.beginUpload', { projectId: project.id, fileName: '', mimeType: 'image/png', bytes: 10 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorOf('media.assets.beginUpload', { projectId: project.id, fileName: 'a.png', mimeType: 'image/png', bytes: 0 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorOf('media.assets.uploadChunk', { uploadId: crypto.randomUUID(), offset: 0, dataBase64: 'not base64!' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await errorOf('media.assets.list', { projectId: project.id, kind: 'video' })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
