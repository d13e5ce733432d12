import { describe, expect, it } from 'vitest';
import { ASSET_CHUNK_BYTES } from '../../../../shared/models/media';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { testAsset, VIDEO_PROJECT } from '../../testing/video-fixture';
import { toBase64, uploadAsset } from './upload';

const UPLOAD_ID = '00000000-0000-4000-8000-00000000aa01';

describe('uploading an asset', () => {
  it('sends the file in ASSET_CHUNK_BYTES chunks of base64 at their offsets, reporting progress, then finishes', async () => {
    const size = ASSET_CHUNK_BYTES * 2 + 1000;
    const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 256);
    const file = new File([bytes], 'theme.wav', { type: 'audio/wav' });
    const api = createFakeApi({
      'media.assets.beginUpload': { uploadId: UPLOAD_ID },
      'media.assets.uploadChunk': (input) => ({ receivedBytes: input.offset + atob(input.dataBase64).length }),
      'media.assets.finishUpload': testAsset({ kind: 'audio', fileName: 'theme.wav' }),
    });
    const progress: number[] = [];
    const asset = await uploadAsset(api, VIDEO_PROJECT, file, (sent) => progress.push(sent));

    expect(asset.fileName).toBe('theme.wav');
    expect(api.inputsOf('media.assets.beginUpload')).toEqual([{ projectId: VIDEO_PROJECT, fileName: 'theme.wav', mimeType: 'audio/wav', bytes: size }]);
    const chunks = api.inputsOf('media.assets.uploadChunk');
    expect(chunks.map((c) => c.offset)).toEqual([0, ASSET_CHUNK_BYTES, ASSET_CHUNK_BYTES * 2]);
    const joined = chunks.map((c) => atob(c.dataBase64)).join('');
    expect(joined.length).toBe(size);
    // The first byte that differs, if any (a loop: deep equality over megabytes is slow).
    let mismatch = -1;
    for (let i = 0; i < size && mismatch < 0; i += 1) if (joined.charCodeAt(i) !== bytes[i]) mismatch = i;
    expect(mismatch).toBe(-1);
    expect(progress).toEqual([0, ASSET_CHUNK_BYTES, ASSET_CHUNK_BYTES * 2, size]);
    expect(api.calls.map((c) => c.method).at(-1)).toBe('media.assets.finishUpload');
  });

  it('guesses an untyped file’s type from its name and refuses an empty one before calling the core', async () => {
    const api = createFakeApi({ 'media.assets.beginUpload': { uploadId: UPLOAD_ID }, 'media.assets.uploadChunk': { receivedBytes: 3 }, 'media.assets.finishUpload': testAsset() });
    await uploadAsset(api, VIDEO_PROJECT, new File([new Uint8Array([1, 2, 3])], 'Tower.PNG'));
    expect(api.inputsOf('media.assets.beginUpload')[0]?.mimeType).toBe('image/png');
    await expect(uploadAsset(api, VIDEO_PROJECT, new File([], 'empty.png'))).rejects.toThrow('“empty.png” is empty.');
    expect(api.inputsOf('media.assets.beginUpload')).toHaveLength(1);
  });

  it('stops at a refused chunk with the core’s sentence', async () => {
    const api = createFakeApi({
      'media.assets.beginUpload': { uploadId: UPLOAD_ID },
      'media.assets.uploadChunk': () => {
        throw new ApiError(ErrorCode.INVALID_INPUT, 'The disk is full.', false);
      },
    });
    await expect(uploadAsset(api, VIDEO_PROJECT, new File([new Uint8Array(10)], 'a.png', { type: 'image/png' }))).rejects.toThrow('The disk is full.');
    expect(api.inputsOf('media.assets.finishUpload')).toHaveLength(0);
  });

  it('encodes base64 like btoa over the whole buffer, across its internal slices', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes.subarray(0, 50_000)) + String.fromCharCode(...bytes.subarray(50_000))));
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
  });
});
