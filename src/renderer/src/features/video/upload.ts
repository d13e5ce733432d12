import { ASSET_CHUNK_BYTES, MAX_ASSET_BYTES, type MediaAsset } from '../../../../shared/models/media';
import { ApiError, type Api } from '../../lib/api';
import { ErrorCode } from '../../../../shared/ipc/errors';

/** The part of a File an upload needs (a Blob with a name), so tests can hand in their own. */
export interface UploadSource {
  name: string;
  type: string;
  size: number;
  slice(start: number, end: number): Blob;
}

/** Bytes as base64, built in slices so a 2 MB chunk never becomes one giant argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** A guess at the MIME type from the name, for files the system left untyped. */
function mimeTypeOf(file: UploadSource): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const known: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg', flac: 'audio/flac', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };
  return known[ext] ?? 'application/octet-stream';
}

/**
 * Imports one of the writer's files into a project: `beginUpload`, then the bytes in
 * {@link ASSET_CHUNK_BYTES} chunks as base64 (`uploadChunk`, one at a time, in order), then
 * `finishUpload`, which checks the file and answers the asset. Reports the bytes sent so far.
 */
export async function uploadAsset(api: Api, projectId: string, file: UploadSource, onProgress: (sentBytes: number, totalBytes: number) => void = () => {}): Promise<MediaAsset> {
  if (file.size === 0) throw new ApiError(ErrorCode.INVALID_INPUT, `“${file.name}” is empty.`, false);
  if (file.size > MAX_ASSET_BYTES) throw new ApiError(ErrorCode.INVALID_INPUT, `“${file.name}” is too large: a file can be at most ${MAX_ASSET_BYTES / 1024 / 1024} MB.`, false);
  const { uploadId } = await api.call('media.assets.beginUpload', { projectId, fileName: file.name, mimeType: mimeTypeOf(file), bytes: file.size });
  onProgress(0, file.size);
  for (let offset = 0; offset < file.size; offset += ASSET_CHUNK_BYTES) {
    const end = Math.min(file.size, offset + ASSET_CHUNK_BYTES);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    await api.call('media.assets.uploadChunk', { uploadId, offset, dataBase64: toBase64(bytes) });
    onProgress(end, file.size);
  }
  return api.call('media.assets.finishUpload', { uploadId });
}
