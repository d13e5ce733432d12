import type { AppErrorShape } from './errors';

/** The result of one call as it crosses a transport: data or a typed error, never a throw. */
export type CallResult<T = unknown> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** WebSocket frames of the browser-mode transport. */
export type WsClientFrame = { kind: 'call'; id: number; method: string; input: unknown };
export type WsServerFrame =
  | { kind: 'result'; id: number; result: CallResult }
  | { kind: 'event'; name: string; payload: unknown };

/** What the preload script exposes as `window.api` in the Electron app — nothing more. */
export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<CallResult>;
  /** Subscribes to push events; returns a function that unsubscribes. */
  on(listener: (name: string, payload: unknown) => void): () => void;
}

/** The WebSocket path of the browser-mode transport and the query parameter carrying its token. */
export const WS_PATH = '/ipc';
/**
 * A browser cannot read why a WebSocket upgrade failed, so the browser mode also answers
 * `GET WS_CHECK_PATH?token=…` with 204 (token good) or 401 (token wrong): the page can then
 * tell "wrong link" from "core not running".
 */
export const WS_CHECK_PATH = '/ipc/check';
export const WS_TOKEN_PARAM = 'token';

/**
 * The Electron IPC channels: one for calls, one for push events. Kept here, free of zod, so
 * the preload bundle stays tiny.
 */
export const IPC_CHANNEL = 'nova:invoke';
export const EVENT_CHANNEL = 'nova:event';
