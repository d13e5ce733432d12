import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parseByteRange } from './byte-range';
import { resolveUnderRoot } from './media-paths';
import { mediaTypeOf } from './media-types';
import { parseMediaUrl, verifyMediaPath } from './media-url';

/** A request for a media file, as either shell receives it. */
export interface MediaRequest {
  method: string;
  /** The request's path and query (`/media-files/…?v=…&sig=…`); a full URL works too. */
  url: string;
  rangeHeader?: string | null;
}

/** The answer, for a shell to write out: the body streams from disk and is null for HEAD and errors. */
export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * URLs carry the file's version and are valid for this launch only, so the browser may keep a
 * response for the session without asking again (private: never in a shared cache).
 */
export const MEDIA_CACHE_CONTROL = 'private, max-age=86400';

const plain = (status: number, extra: Record<string, string> = {}): MediaResponse => ({
  status,
  headers: { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Content-Length': '0', ...extra },
  body: null,
});

/**
 * Answers one request for a file under `root`: GET and HEAD only, a valid signature of this
 * launch (403 otherwise), the file resolved inside the root (404 otherwise), byte ranges (206,
 * 416) so a `<video>` can seek, and the body streamed from an open file handle.
 */
export async function serveMediaFile(root: string, secret: Uint8Array, request: MediaRequest): Promise<MediaResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, { Allow: 'GET, HEAD' });
  const asked = parseMediaUrl(request.url);
  if (!asked) return plain(404);
  if (!verifyMediaPath(secret, asked.relativePath, asked.signature)) return plain(403);
  const resolved = await resolveUnderRoot(root, asked.relativePath);
  if (!resolved) return plain(404);
  let handle: FileHandle;
  try {
    handle = await open(resolved.real, 'r');
  } catch {
    return plain(404);
  }
  // From here the handle is the file: a rename or a swapped symlink cannot change what is sent.
  const info = await handle.stat().catch(() => null);
  if (!info?.isFile()) return closeWith(handle, plain(404));
  const range = parseByteRange(request.rangeHeader, info.size);
  if (range === 'unsatisfiable') return closeWith(handle, plain(416, { 'Content-Range': `bytes */${info.size}`, 'Accept-Ranges': 'bytes' }));
  const start = range?.start ?? 0;
  const end = range?.end ?? info.size - 1;
  const headers: Record<string, string> = {
    'Content-Type': mediaTypeOf(resolved.real),
    'Content-Length': String(Math.max(0, end - start + 1)),
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': MEDIA_CACHE_CONTROL,
    'Last-Modified': info.mtime.toUTCString(),
  };
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
  const status = range ? 206 : 200;
  if (request.method === 'HEAD' || info.size === 0) return closeWith(handle, { status, headers, body: null });
  // autoClose: the handle closes when the stream ends or is destroyed (a client that went away).
  return { status, headers, body: handle.createReadStream({ start, end, autoClose: true }) };
}

async function closeWith(handle: FileHandle, response: MediaResponse): Promise<MediaResponse> {
  await handle.close();
  return response;
}
