import type { IncomingMessage, Server } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WsClientFrame, WsServerFrame } from '../../shared/ipc/wire';
import { WS_PATH, WS_TOKEN_PARAM } from '../../shared/ipc/wire';
import type { EventBus } from '../core/events';
import type { Router } from './router';

export interface WebSocketTransportOptions {
  server: Server;
  router: Router;
  events: EventBus;
  logger: Logger;
  /** The per-launch secret every connection must present. */
  token: string;
  /** Origins allowed to connect (the page this server serves); other sites' pages are refused. */
  allowedOrigins: () => readonly string[];
  /**
   * A connection closed (the page reloaded or went away, or the network dropped): what it
   * started should stop, unless the page reconnects and claims it.
   */
  onConnectionClosed?: (connectionId: string) => void;
}

/** Frames larger than this are refused by closing the socket; below it, the contract's limits apply. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

/**
 * The browser-mode binding of the router: one WebSocket per page, calls answered in the order
 * they finish, core events pushed to every connection. Only loopback pages of our own origin
 * holding the launch token get in.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): { isValidToken(given: string | null): boolean; close(): void } {
  const { server, router, events, logger, token } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const expected = Buffer.from(token);
  const tokenMatches = (given: string | null) => {
    const bytes = Buffer.from(given ?? '');
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== WS_PATH) return; // someone else's upgrade (e.g. Vite's HMR)
    const tokenOk = tokenMatches(url.searchParams.get(WS_TOKEN_PARAM));
    const origin = request.headers.origin ?? '';
    if (!tokenOk || !options.allowedOrigins().includes(origin)) {
      logger.warn({ origin, tokenOk }, 'refused a WebSocket connection');
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  wss.on('connection', (ws: WebSocket) => {
    // Streams started over this socket belong to it (see CallContext.connectionId).
    const connectionId = `ws-${randomUUID()}`;
    let closed = false;
    const release = () => options.onConnectionClosed?.(connectionId);
    ws.on('message', (data) => {
      const frame = parseFrame(data.toString());
      if (frame === null) {
        send(ws, { kind: 'result', id: -1, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'The message could not be read.', retryable: false } } });
        return;
      }
      void router.call(frame.method, frame.input, { transport: 'websocket', connectionId }).then((result) => {
        // A call that finished after its socket closed may have started a stream nobody will read.
        if (closed) release();
        send(ws, { kind: 'result', id: frame.id, result });
      });
    });
    ws.on('error', (error) => logger.warn({ err: error }, 'WebSocket error'));
    ws.on('close', () => {
      closed = true;
      release();
    });
  });

  const unsubscribe = events.subscribe((name, payload) => {
    for (const client of wss.clients) send(client, { kind: 'event', name, payload });
  });

  return {
    isValidToken: tokenMatches,
    close() {
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function parseFrame(text: string): WsClientFrame | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const frame = value as Record<string, unknown>;
    if (frame.kind !== 'call' || typeof frame.id !== 'number' || typeof frame.method !== 'string') return null;
    return { kind: 'call', id: frame.id, method: frame.method, input: frame.input };
  } catch {
    return null;
  }
}
