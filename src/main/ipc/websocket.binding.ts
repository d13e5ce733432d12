import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallResult, WsClientFrame, WsServerFrame } from '../../shared/ipc/wire';
import type { EventBus } from '../core/events';
import { internalError, type Router } from './router';
import { judgeUpgrade, refuseUpgrade, tokenChecker, type UpgradeGate } from './websocket.upgrade';

export interface WebSocketTransportOptions extends UpgradeGate {
  server: Server;
  router: Router;
  events: EventBus;
  logger: Logger;
}

/** Frames larger than this are refused by closing the socket; below it, the contract's limits apply. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

/**
 * The browser-mode binding of the router: one WebSocket per page, calls answered in the order
 * they finish, core events pushed to every connection. Only loopback pages of our own origin,
 * addressed by our own Host and holding the launch token get in; every other upgrade is refused
 * at once.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): { isValidToken(given: string | null): boolean; close(): void } {
  const { server, router, events, logger, token } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const tokenMatches = tokenChecker(token);

  // Every upgrade on this server is ours to judge: one left unanswered would hold its socket
  // (and a file descriptor) for as long as the peer likes.
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = judgeUpgrade(request, options, tokenMatches);
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason, status: verdict.status, origin: request.headers.origin ?? null }, 'refused a WebSocket upgrade');
      refuseUpgrade(socket, verdict.status);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  /** The router never rejects by contract; if it ever does, the caller still gets an answer. */
  const answer = async (frame: WsClientFrame): Promise<CallResult> => {
    try {
      return await router.call(frame.method, frame.input, { transport: 'websocket' });
    } catch (error) {
      logger.error({ method: frame.method.slice(0, 80), err: error }, 'a call escaped the router');
      return { ok: false, error: internalError() };
    }
  };

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => {
      const frame = parseFrame(data.toString());
      if (frame === null) {
        send(ws, { kind: 'result', id: -1, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'The message could not be read.', retryable: false } } });
        return;
      }
      void answer(frame).then((result) => send(ws, { kind: 'result', id: frame.id, result }));
    });
    ws.on('error', (error) => logger.warn({ err: error }, 'WebSocket error'));
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
