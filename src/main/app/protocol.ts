import { protocol, session } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_URL_PREFIX, type Core } from '../core';
import { toWebResponse } from './media-response';
import { APP_ORIGIN, APP_SCHEME } from './origin';
import { isRouteLike, mimeTypeOf, resolveRendererFile } from './renderer-files';

/**
 * Declares `app://` as a standard, secure scheme. It must run before the app is ready.
 * A real origin (rather than file://) gives the renderer a same-origin policy, working
 * `fetch`, and a CSP `'self'` that means only our files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // stream: a <video> reads the media files in ranges as it plays and seeks (see serveRenderer).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } },
  ]);
}

/** The core's server of the data folder's media files (`/media-files/…`, signed URLs). */
export type MediaServe = Core['media']['serve'];

/**
 * Serves the built renderer from `rootDir` on `app://nova/…`, with the given CSP header, and the
 * media files on `app://nova/media-files/…` (same origin as the page; byte ranges for seeking).
 */
export function serveRenderer(rootDir: string, csp: string, serveMedia: MediaServe): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname, search } = new URL(request.url);
    if (pathname.startsWith(MEDIA_URL_PREFIX)) {
      try {
        return toWebResponse(await serveMedia({ method: request.method, url: `${pathname}${search}`, rangeHeader: request.headers.get('range') }));
      } catch {
        return plain(500, 'The file could not be read');
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const requested = resolveRendererFile(rootDir, request.url);
    if (!requested) return plain(404, 'Not found');
    const file = (await isFile(requested)) ? requested : isRouteLike(requested) ? path.join(rootDir, 'index.html') : null;
    if (!file) return plain(404, 'Not found');
    try {
      // fs is asar-aware inside Electron, so this works in the packaged app too.
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}

/**
 * Development only: the page is on the Vite dev server, which knows nothing of the data folder.
 * Its `/media-files/…` requests go to `app://nova/media-files/…` instead, served as above (the
 * development CSP allows that origin for images and media).
 */
export function redirectDevMediaRequests(devOrigin: string): void {
  session.defaultSession.webRequest.onBeforeRequest({ urls: [`${devOrigin}${MEDIA_URL_PREFIX}*`] }, (details, callback) => {
    const { pathname, search } = new URL(details.url);
    callback({ redirectURL: `${APP_ORIGIN}${pathname}${search}` });
  });
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
