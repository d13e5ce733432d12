import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaAsset } from '../../shared/models/media';
import type { TestCore } from './test-core';

/** Small real media files made with the system ffmpeg: a PNG image and a WAV tone. */
export interface MediaSamples {
  dir: string;
  png: Buffer;
  wav: Buffer;
  dispose(): void;
}

export function makeMediaSamples(): MediaSamples {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-media-samples-'));
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  ffmpeg('-f', 'lavfi', '-i', 'color=c=0x336699:s=64x48', '-frames:v', '1', path.join(dir, 'card.png'));
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=1.5', '-ar', '22050', path.join(dir, 'tone.wav'));
  return {
    dir,
    png: readFileSync(path.join(dir, 'card.png')),
    wav: readFileSync(path.join(dir, 'tone.wav')),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Imports a file through the router in chunks of `chunkBytes`. */
export async function importAsset(t: TestCore, projectId: string, fileName: string, data: Buffer, chunkBytes = 4096): Promise<MediaAsset> {
  const { uploadId } = await t.call('media.assets.beginUpload', { projectId, fileName, mimeType: 'application/octet-stream', bytes: data.length });
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    await t.call('media.assets.uploadChunk', { uploadId, offset, dataBase64: data.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  return t.call('media.assets.finishUpload', { uploadId });
}
