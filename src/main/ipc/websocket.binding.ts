import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, type AppErrorShape } from '../../shared/ipc/errors';
import { FrameLimits } from '../../shared/ipc/frame-limits';
import type { CallResult, WsClientFrame, WsServerFrame } from '../../shared/ipc/wire';
import type { EventBus } from '../core/events';
import { internalError, type Router } from './router';
import { createSlotGate } from './slot-gate';
import { invalid, parseFrame, peekFrameHead, vetFrame, type FrameHead } from './websocket.frames';
import { judgeUpgrade, refuseUpgrade, tokenChecker, type UpgradeGate } from './websocket.upgrade';

export interface WebSocketTransportOptions extends UpgradeGate {
  server: Server;
  router: Router;
  events: EventBus;
  logger: Logger;
  /**
   * A connection closed (the page reloaded or went away, or the network dropped): what it
   * started should stop, unless the page reconnects and claims it.
   */
  onConnectionClosed?: (connectionId: string) => void;
}

/**
 * Frames above this many bytes are "large": at most {@link LARGE_FRAME_CONCURRENCY} of them are
 * parsed and handled at once, up to {@link LARGE_FRAME_QUEUE} more wait (their connection paused
 * meanwhile, so it cannot pile up more), and any beyond that are answered BUSY. This bounds the
 * memory large saves can hold at once, whoever sends them.
 */
export const LARGE_FRAME_BYTES = 1024 * 1024;
export const LARGE_FRAME_CONCURRENCY = 2;
export const LARGE_FRAME_QUEUE = 4;

/**
 * The browser-mode binding of the router: one WebSocket per page, calls answered in the order
 * they finish, core events pushed to every connection. Only loopback pages of our own origin,
 * addressed by our own Host and holding the launch token get in; every other upgrade is refused
 * at once.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): { isValidToken(given: string | null): boolean; close(): void } {
  const { server, router, events, logger, token } = options;
  // A frame over the largest size class is refused by ws from its header, before its payload is
  // read, and the connection is closed (1009). The page checks the same limits before sending,
  // so it gets a typed error instead; only a client ignoring the limits is cut off.
  const wss = new WebSocketServer({ noServer: true, maxPayload: FrameLimits.large, perMessageDeflate: false });
  const largeFrames = createSlotGate(LARGE_FRAME_CONCURRENCY, LARGE_FRAME_QUEUE);
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
  const answer = async (frame: WsClientFrame, connectionId: string): Promise<CallResult> => {
    try {
      return await router.call(frame.method, frame.input, { transport: 'websocket', connectionId });
    } catch (error) {
      logger.error({ method: frame.method.slice(0, 80), err: error }, 'a call escaped the router');
      return { ok: false, error: internalError() };
    }
  };

  /** Vets, parses and answers one frame; large ones only with a slot of the gate. */
  const handleFrame = async (ws: WebSocket, data: Buffer, connectionId: string) => {
    const head = peekFrameHead(data);
    const refusal = vetFrame(data, head);
    if (refusal) {
      logger.warn({ method: head?.method ?? null, bytes: data.length, code: refusal.code }, 'refused a frame');
      send(ws, { kind: 'result', id: head?.id ?? -1, result: { ok: false, error: refusal } });
      return;
    }
    if (data.length <= LARGE_FRAME_BYTES) {
      await answerFrame(ws, data, head, connectionId);
      return;
    }
    const entry = largeFrames.enter();
    if (!entry) {
      send(ws, { kind: 'result', id: head?.id ?? -1, result: { ok: false, error: busy() } });
      return;
    }
    ws.pause();
    const release = await entry;
    ws.resume();
    try {
      await answerFrame(ws, data, head, connectionId);
    } finally {
      release();
    }
  };

  const answerFrame = async (ws: WebSocket, data: Buffer, head: FrameHead | null, connectionId: string) => {
    const frame = parseFrame(data, head);
    if (frame === null) {
      send(ws, { kind: 'result', id: head?.id ?? -1, result: { ok: false, error: invalid('The message could not be read.') } });
      return;
    }
    const result = await answer(frame, connectionId);
    // A call that finished after its socket closed may have started a stream nobody will read.
    if (ws.readyState !== ws.OPEN) options.onConnectionClosed?.(connectionId);
    send(ws, { kind: 'result', id: frame.id, result });
  };

  wss.on('connection', (ws: WebSocket) => {
    // Streams started over this socket belong to it (see CallContext.connectionId).
    const connectionId = `ws-${randomUUID()}`;
    ws.on('message', (data, isBinary) => {
      if (isBinary || !Buffer.isBuffer(data)) {
        send(ws, { kind: 'result', id: -1, result: { ok: false, error: invalid('The message could not be read.') } });
        return;
      }
      void handleFrame(ws, data, connectionId).catch((error: unknown) => logger.error({ err: error }, 'could not answer a frame'));
    });
    ws.on('error', (error) => logger.warn({ err: error }, 'WebSocket error'));
    ws.on('close', () => options.onConnectionClosed?.(connectionId));
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

function busy(): AppErrorShape {
  return {
    code: ErrorCode.BUSY,
    message: 'Nova Studio is busy with other large saves. It will try again in a moment.',
    retryable: true,
  };
}
