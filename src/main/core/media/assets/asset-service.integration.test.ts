import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { MediaFile } from '../../../../shared/models/media';
import { makeMediaSamples, type MediaSamples } from '../../../testing/media-fixtures';
import { openDatabase } from '../../db/connection';
import { createEventBus } from '../../events';
import { silentLogger } from '../../platform/logger';
import { createProjectRepo } from '../../projects';
import { createFfmpegService } from '../ffmpeg/ffmpeg.service';
import type { MediaFiles } from '../media-files.port';
import { createAssetRepo } from './asset.repo';
import { createAssetService } from './asset.service';

/* The assets service at its seams: a small MediaFiles double (the URLs are its), the real ffprobe. */

let samples: MediaSamples;
let dataDir: string;
beforeAll(() => {
  samples = makeMediaSamples();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-assets-'));
});
afterAll(() => {
  samples.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

function fakeMediaFiles(): MediaFiles & { described: string[] } {
  const root = path.join(dataDir, 'media');
  const files = {
    root,
    described: [] as string[],
    describe(file: string, mimeType?: string): Promise<MediaFile> {
      if (!file.startsWith(root)) return Promise.reject(new AppError(ErrorCode.NOT_FOUND, 'outside'));
      files.described.push(path.relative(root, file));
      return Promise.resolve({ name: path.basename(file), mimeType: mimeType ?? '', bytes: 0, url: `/media-files/signed/${path.relative(root, file)}` });
    },
  };
  return files;
}

describe('the assets service', () => {
  it('returns files with the URLs the media files port gives, and resolves an asset’s path for the render', async () => {
    const database = openDatabase({ file: ':memory:' });
    const projectId = '22222222-2222-4222-8222-222222222222';
    database.sqlite.prepare('INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)').run(projectId, 'Book');
    const mediaFiles = fakeMediaFiles();
    const ffmpeg = createFfmpegService();
    const service = createAssetService({
      dataDir,
      database,
      repo: createAssetRepo(database.orm),
      projects: createProjectRepo(database.orm),
      events: createEventBus(() => undefined),
      clock: { now: () => 5 },
      ids: { newId: () => crypto.randomUUID() },
      logger: silentLogger(),
      mediaFiles,
      probe: (file) => ffmpeg.probe(file),
      usedBy: () => [],
    });
    try {
      const { uploadId } = await service.beginUpload({ projectId, fileName: 'card.png', mimeType: 'image/png', bytes: samples.png.length });
      await service.uploadChunk({ uploadId, offset: 0, dataBase64: samples.png.toString('base64') });
      const asset = await service.finishUpload({ uploadId });
      expect(asset.file.url).toBe(`/media-files/signed/assets/${projectId}/${asset.id}.png`);
      expect(asset.file.mimeType).toBe('image/png');
      expect((await service.list(projectId, 'image')).map((a) => a.file.url)).toEqual([asset.file.url]);
      expect(service.resolveAsset(asset.id)).toEqual({ path: path.join(dataDir, 'media', 'assets', projectId, `${asset.id}.png`), kind: 'image', projectId });
      expect(service.kindOf(projectId, asset.id)).toBe('image');
      expect(service.kindOf('33333333-3333-4333-8333-333333333333', asset.id)).toBeNull();
      expect(() => service.resolveAsset(crypto.randomUUID())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    } finally {
      await service.close();
      database.close();
    }
  });
});
