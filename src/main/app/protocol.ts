import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME } from './origin';
import { isRouteLike, mimeTypeOf, resolveRendererFile } from './renderer-files';

/**
 * Declares `app://` as a standard, secure scheme. It must run before the app is ready.
 * A real origin (rather than file://) gives the renderer a same-origin policy, working
 * `fetch`, and a CSP `'self'` that means only our files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `rootDir` on `app://nova/…`, with the given CSP header. */
export function serveRenderer(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
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
