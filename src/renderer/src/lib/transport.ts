import type { CallResult, PreloadApi, WsClientFrame, WsServerFrame } from '../../../shared/ipc/wire';
import { WS_CHECK_PATH, WS_PATH, WS_TOKEN_PARAM } from '../../../shared/ipc/wire';
import { ErrorCode, type AppErrorShape } from '../../../shared/ipc/errors';
import { checkFrameSize, frameLimitFor, utf8ByteLength } from '../../../shared/ipc/frame-limits';

/** How the renderer reaches the core: the preload bridge in Electron, a WebSocket in the browser mode. */
export interface Transport {
  call(method: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/**
 * - `connecting`: first attempt (or a retry) under way
 * - `open`: calls flow
 * - `closed`: the connection dropped; retrying
 * - `unreachable`: several attempts in a row failed; still retrying (is the core running?)
 * - `unauthorized`: the core refused this page's token (an old link); retrying cannot help
 */
export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'unreachable' | 'unauthorized';

/** Failed attempts in a row after which the UI says the core cannot be reached. */
const UNREACHABLE_AFTER = 3;

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export function createTransport(): Transport {
  if (window.api) return preloadTransport(window.api);
  return webSocketTransport(readToken());
}

function preloadTransport(bridge: PreloadApi): Transport {
  return {
    call: (method, input) => bridge.invoke(method, input),
    onEvent: (listener) => bridge.on(listener),
    onStatus: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
}

const TOKEN_KEY = 'nova.ws.token';

/**
 * The browser mode prints a URL carrying a per-launch token. Keep it for reloads of this tab,
 * then take it out of the address bar so it is not bookmarked or shared by accident.
 */
function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(WS_TOKEN_PARAM);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete(WS_TOKEN_PARAM);
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** A call that has not been answered within this time fails with DISCONNECTED. */
const CALL_TIMEOUT_MS = 60_000;

function webSocketTransport(token: string): Transport {
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const pending = new Map<number, { resolve: (r: CallResult) => void; timer: ReturnType<typeof setTimeout> }>();
  /** Calls made while the socket is down wait here and are sent on reconnect, so no save is dropped. */
  const queue: WsClientFrame[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let retryDelay = 250;
  let failedAttempts = 0;

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const connect = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}${WS_PATH}?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}`);
    socket = ws;
    setStatus('connecting');
    let opened = false;
    ws.onopen = () => {
      opened = true;
      failedAttempts = 0;
      retryDelay = 250;
      setStatus('open');
      for (const frame of queue.splice(0)) ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as WsServerFrame;
      if (frame.kind === 'result') {
        const entry = pending.get(frame.id);
        if (!entry) return;
        pending.delete(frame.id);
        clearTimeout(entry.timer);
        entry.resolve(frame.result);
      } else {
        for (const listener of eventListeners) listener(frame.name, frame.payload);
      }
    };
    ws.onclose = () => {
      socket = null;
      if (!opened) failedAttempts += 1;
      setStatus(failedAttempts >= UNREACHABLE_AFTER ? 'unreachable' : 'closed');
      // Calls already sent may or may not have run; the caller sees DISCONNECTED and the
      // editor keeps its text and retries the save with the same base revision.
      for (const [id, entry] of pending) {
        if (queue.some((frame) => frame.id === id)) continue;
        pending.delete(id);
        clearTimeout(entry.timer);
        entry.resolve(disconnected());
      }
      const delay = retryDelay;
      retryDelay = Math.min(retryDelay * 2, 5_000);
      if (opened) {
        setTimeout(connect, delay);
        return;
      }
      // Refused before it opened: a wrong token is final, anything else is worth retrying.
      void tokenRefused().then((refused) => {
        if (refused) {
          refuseWaitingCalls();
          setStatus('unauthorized');
        } else setTimeout(connect, delay);
      });
    };
  };
  const tokenRefused = async (): Promise<boolean> => {
    try {
      const response = await fetch(`${WS_CHECK_PATH}?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}`, { cache: 'no-store' });
      return response.status === 401;
    } catch {
      return false; // the server is down: not a token problem
    }
  };

  /** Answers every waiting call: with a refused token, nothing will ever send them. */
  const refuseWaitingCalls = () => {
    queue.splice(0);
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.resolve(unauthorized());
    }
  };

  connect();

  return {
    call(method, input) {
      if (status === 'unauthorized') return Promise.resolve(unauthorized());
      const id = nextId++;
      // The key order matters: the core reads kind, id and method from a frame's first bytes.
      const frame: WsClientFrame = { kind: 'call', id, method, input };
      // The core refuses a frame over its size class; saying so here keeps the connection (and
      // every other call on it) alive and gives the editor a typed error to show.
      const text = JSON.stringify(frame);
      const tooLarge = frameTooLarge(method, text);
      if (tooLarge) return Promise.resolve({ ok: false, error: tooLarge });
      return new Promise<CallResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          const queued = queue.findIndex((f) => f.id === id);
          if (queued >= 0) queue.splice(queued, 1);
          resolve(disconnected());
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        if (socket && status === 'open') socket.send(text);
        else queue.push(frame);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}

/** A cheap bound first: a frame is at least one byte per UTF-16 unit and at most three. */
function frameTooLarge(method: string, text: string): AppErrorShape | null {
  const limit = frameLimitFor(method);
  if (text.length * 3 <= limit) return null;
  return checkFrameSize(method, text.length > limit ? text.length : utf8ByteLength(text));
}

function unauthorized(): CallResult {
  return {
    ok: false,
    error: {
      code: ErrorCode.UNAUTHORIZED,
      message: 'This page’s access key is not valid any more. Open the address Nova Studio printed when it started.',
      retryable: false,
    },
  };
}

function disconnected(): CallResult {
  return {
    ok: false,
    error: { code: ErrorCode.DISCONNECTED, message: 'Lost the connection to Nova Studio’s core. Reconnecting…', retryable: true },
  };
}
