import { app, session, shell, type WebContents } from 'electron';
import type { Logger } from 'pino';
import { isAppUrl } from './origin';

export interface SecurityOptions {
  /** Origins our own UI may live at (app://nova, and the dev server in development). */
  origins: ReadonlySet<string>;
  /** The Content-Security-Policy header value for our pages. */
  csp: string;
  logger: Logger;
}

/**
 * Must run before the app is ready: every renderer is sandboxed, whatever a window asks for.
 * (There is no `remote` module in current Electron; with sandboxing, context isolation and a
 * preload that exposes two functions, the renderer has no path to Node.)
 */
export function enforceSandbox(): void {
  app.enableSandbox();
}

/**
 * Locks down the default session and every web contents created later: no permissions, no
 * new windows, no navigation away from our origin, no `<webview>`, and a CSP header on our pages.
 * Call once the app is ready and before the first window is created.
 */
export function applySecurityPolicy(options: SecurityOptions): void {
  const ses = session.defaultSession;
  // The app needs no camera, microphone, notifications, geolocation, MIDI, HID, USB or serial.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, options.origins)) {
      callback({});
      return;
    }
    const headers = withoutHeader(details.responseHeaders ?? {}, 'content-security-policy');
    headers['Content-Security-Policy'] = [options.csp];
    callback({ responseHeaders: headers });
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, options));
}

function hardenContents(contents: WebContents, options: SecurityOptions): void {
  const { origins, logger } = options;

  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url, logger);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, origins)) return;
    event.preventDefault();
    // A link clicked in the manuscript is meant for the browser, not for the app window.
    openInSystemBrowser(url, logger);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url, origins)) return;
    event.preventDefault();
    logger.warn({ url: redact(url) }, 'blocked a redirect away from the app');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a <webview>');
  });
}

/** Opens http(s) links in the user's browser; any other scheme (file:, smb:, custom handlers) is refused. */
export function openInSystemBrowser(url: string, logger: Logger): void {
  if (!isWebUrl(url)) {
    logger.warn({ url: redact(url) }, 'refused to open a link with an unsafe scheme');
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn({ err: error }, 'could not open a link in the browser'));
}

export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Logs keep the scheme and host of a refused URL, not its path or query (which may carry tokens). */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparsable)';
  }
}

function withoutHeader(headers: Record<string, string[]>, name: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}
