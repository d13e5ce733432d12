import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Logger } from 'pino';
import { ErrorCode } from '../../shared/ipc/errors';
import { EVENT_CHANNEL, IPC_CHANNEL } from '../../shared/ipc/wire';
import type { CallResult } from '../../shared/ipc/wire';
import type { EventBus } from '../core/events';
import { internalError, type Router } from './router';

export interface ElectronBindingOptions {
  router: Router;
  events: EventBus;
  /** The one window whose main frame may call the core. */
  window: BrowserWindow;
  /**
   * Origins (`scheme://host[:port]`) the window's main frame must be showing for a call to be
   * accepted: `app://nova`, plus the Vite dev server in development.
   */
  allowedOrigins: ReadonlySet<string>;
  logger: Logger;
  /**
   * A page load is over (the page navigated or reloaded, its renderer crashed, the window
   * closed): what it started should stop, since no page will read it.
   */
  onConnectionClosed?: (connectionId: string) => void;
}

/**
 * Connects the window to the core over the one invoke channel and forwards core events to it.
 * Calls from any other frame (an iframe, a page navigated elsewhere, another window) are refused
 * with UNAUTHORIZED. Returns a function that removes the handler and the event subscription.
 */
export function bindElectronIpc(options: ElectronBindingOptions): () => void {
  const { router, events, window, allowedOrigins, logger } = options;
  const contents = window.webContents;

  // Each page load is one connection: streams a page starts belong to it, and a reload (a new
  // page that knows nothing of them) or a closed window lets them go.
  let pageLoad = 0;
  const connectionId = () => `electron-${contents.id}-${pageLoad}`;
  const pageGone = () => {
    options.onConnectionClosed?.(connectionId());
    pageLoad += 1;
  };
  const pageEvents = ['did-navigate', 'render-process-gone', 'destroyed'] as const;
  for (const name of pageEvents) contents.on(name as 'destroyed', pageGone);

  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event, window, allowedOrigins)) {
      logger.warn({ frame: event.senderFrame?.url.slice(0, 200) ?? null }, 'refused an IPC call from an untrusted frame');
      return unauthorized();
    }
    const name = typeof method === 'string' ? method : String(method);
    try {
      return await router.call(name, input, { transport: 'electron', connectionId: connectionId() });
    } catch (error) {
      // The router never rejects by contract; if it ever does, the window still gets an answer.
      logger.error({ method: name.slice(0, 80), err: error }, 'a call escaped the router');
      return { ok: false, error: internalError() };
    }
  });

  const unsubscribe = events.subscribe((name, payload) => {
    if (window.isDestroyed()) return;
    // Events are not sent to a page that is not ours (navigation away is blocked, but be sure).
    if (contents.isDestroyed() || !hasAllowedOrigin(contents.getURL(), allowedOrigins)) return;
    contents.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNEL);
    unsubscribe();
    for (const name of pageEvents) contents.removeListener(name as 'destroyed', pageGone);
    // Unbound because the window is closing: its page is gone with it.
    pageGone();
  };
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow, origins: ReadonlySet<string>): boolean {
  if (window.isDestroyed()) return false;
  const contents = window.webContents;
  const frame = event.senderFrame;
  if (event.sender.id !== contents.id || !frame || frame.parent !== null) return false;
  const mainFrame = contents.mainFrame;
  if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) return false;
  return hasAllowedOrigin(frame.url, origins);
}

/** Node's URL reports origin "null" for custom schemes, so compare `scheme://host` directly. */
function hasAllowedOrigin(url: string, origins: ReadonlySet<string>): boolean {
  try {
    const parsed = new URL(url);
    return origins.has(`${parsed.protocol}//${parsed.host}`);
  } catch {
    return false;
  }
}

function unauthorized(): CallResult {
  return {
    ok: false,
    error: { code: ErrorCode.UNAUTHORIZED, message: 'This window is not allowed to talk to Nova Studio’s core.', retryable: false },
  };
}
