import path from 'node:path';
import { APP_HOST } from './origin';

/**
 * Maps an `app://nova/...` URL to a file inside `rootDir`, or null when the URL names anything
 * outside it. Percent-encoded `..`, backslashes and NUL bytes are all caught by resolving first
 * and then checking the result is still under the root — never by pattern-matching the input.
 */
export function resolveRendererFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  let pathname: string;
  try {
    parsed = new URL(url);
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.host !== APP_HOST || pathname.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const relative = pathname.replace(/^[/\\]+/, '') || 'index.html';
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) ? full : null;
}

/** True for a path that looks like an in-app route rather than an asset: it falls back to index.html. */
export function isRouteLike(filePath: string): boolean {
  return path.extname(filePath) === '';
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/**
 * Content type by extension. Module scripts are refused by Chromium unless served as JavaScript,
 * so this is explicit rather than left to sniffing (which `nosniff` turns off anyway).
 */
export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
