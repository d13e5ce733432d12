import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WS_PATH, WS_TOKEN_PARAM } from '../../shared/ipc/wire';

/** Who may open the browser-mode WebSocket: checked on every upgrade request before anything else. */
export interface UpgradeGate {
  /** The launch token; compared in constant time. */
  token: string;
  /** `Host` header values this server answers to (`127.0.0.1:<port>`, `localhost:<port>`). */
  allowedHosts: () => readonly string[];
  /** Origins of the page this server serves. */
  allowedOrigins: () => readonly string[];
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

/** A constant-time token check, usable for the upgrade and for the page's token check alike. */
export function tokenChecker(token: string): (given: string | null) => boolean {
  const expected = Buffer.from(token);
  return (given) => {
    const bytes = Buffer.from(given ?? '');
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };
}

/**
 * A `Host` we answer to. A page on another site that rebinds its own name to 127.0.0.1 (DNS
 * rebinding) sends its own name here, so checking it keeps such pages out even before the token.
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  return host !== undefined && allowed.includes(host.toLowerCase());
}

/** Decides an upgrade: wrong Host 403, any path but the transport's 404, wrong token or origin 401. */
export function judgeUpgrade(request: IncomingMessage, gate: UpgradeGate, tokenMatches: (given: string | null) => boolean): UpgradeVerdict {
  if (!isAllowedHost(request.headers.host, gate.allowedHosts())) return { ok: false, status: 403, reason: 'host' };
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'path' };
  if (!tokenMatches(url.searchParams.get(WS_TOKEN_PARAM))) return { ok: false, status: 401, reason: 'token' };
  if (!gate.allowedOrigins().includes(request.headers.origin ?? '')) return { ok: false, status: 401, reason: 'origin' };
  return { ok: true };
}

/**
 * Answers a refused upgrade and lets the socket go at once: the response is written, then the
 * socket is destroyed as soon as it has been flushed, whether or not the peer ever closes its side.
 */
export function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
