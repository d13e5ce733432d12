import { createHmac, timingSafeEqual } from 'node:crypto';

/** The path prefix every media file URL starts with (same origin as the renderer). */
export const MEDIA_URL_PREFIX = '/media-files/';

/**
 * The signature of a path relative to the media root (`/`-separated, not encoded): HMAC-SHA256
 * with this launch's secret, base64url. A URL signed by an earlier launch no longer verifies.
 */
export function signMediaPath(secret: Uint8Array, relativePath: string): string {
  return createHmac('sha256', secret).update(relativePath, 'utf8').digest('base64url');
}

/** Whether `signature` is this launch's signature of `relativePath` (compared in constant time). */
export function verifyMediaPath(secret: Uint8Array, relativePath: string, signature: string): boolean {
  const expected = Buffer.from(signMediaPath(secret, relativePath), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `/media-files/<segments, each URL-encoded>?v=<version>&sig=<signature>`. */
export function mediaUrl(secret: Uint8Array, relativePath: string, version: string): string {
  const encoded = relativePath.split('/').map(encodeURIComponent).join('/');
  const query = new URLSearchParams({ v: version, sig: signMediaPath(secret, relativePath) });
  return `${MEDIA_URL_PREFIX}${encoded}?${query.toString()}`;
}

/** What a media URL asks for, or null when it is not one (wrong prefix, a bad segment). */
export interface MediaUrlRequest {
  /** Decoded, `/`-separated, relative to the media root; no empty, `.` or `..` segments. */
  relativePath: string;
  signature: string;
}

/**
 * Reads a request URL (path and query, as a server receives it). Rejects anything that could
 * step outside the root after decoding: `..`, `.`, empty segments, encoded separators, NUL.
 */
export function parseMediaUrl(url: string): MediaUrlRequest | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://media.invalid');
  } catch {
    return null;
  }
  if (!parsed.pathname.startsWith(MEDIA_URL_PREFIX)) return null;
  const raw = parsed.pathname.slice(MEDIA_URL_PREFIX.length).split('/');
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  return { relativePath: segments.join('/'), signature: parsed.searchParams.get('sig') ?? '' };
}
