import { APP_ORIGIN } from './origin';

/**
 * The Content-Security-Policy of the app's pages, sent as a response header (the renderer's
 * index.html carries a meta tag too; a header also covers any document the meta tag cannot).
 *
 * Production allows only the app's own origin. Development must additionally allow the inline
 * React Refresh preamble and the dev server's HMR WebSocket.
 */
export function contentSecurityPolicy(options: { devServerOrigin: string | null }): string {
  const dev = options.devServerOrigin;
  const hmrSocket = dev ? dev.replace(/^http/, 'ws') : null;
  // In development the page lives on the dev server; its /media-files/ requests are redirected
  // to app://nova (see redirectDevMediaRequests), which CSP checks as another origin.
  const mediaOrigin = dev ? [APP_ORIGIN] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Inline style attributes are set by React and the editor; style elements still need 'self'.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...mediaOrigin],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', ...mediaOrigin],
    'connect-src': hmrSocket ? ["'self'", hmrSocket] : ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
