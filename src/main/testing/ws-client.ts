import WebSocket from 'ws';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract';
import type { CallResult, WsServerFrame } from '../../shared/ipc/wire';
import { WS_PATH, WS_TOKEN_PARAM } from '../../shared/ipc/wire';

/** A Node client of the browser-mode transport, speaking exactly what the renderer speaks. */
export interface WsTestClient {
  /** Resolves with the call's result; rejects if the socket dies first. */
  raw(method: string, input: unknown): Promise<CallResult>;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Push events received so far, in order. */
  events: Array<{ name: string; payload: unknown }>;
  socket: WebSocket;
  close(): void;
}

export async function connectWsClient(origin: string, token: string, headers: Record<string, string> = {}): Promise<WsTestClient> {
  const url = `${origin.replace('http', 'ws')}${WS_PATH}?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url, { headers: { origin, ...headers } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const pending = new Map<number, { resolve: (r: CallResult) => void; reject: (e: Error) => void }>();
  const events: WsTestClient['events'] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as WsServerFrame;
    if (frame.kind === 'event') events.push({ name: frame.name, payload: frame.payload });
    else pending.get(frame.id)?.resolve(frame.result);
  });
  socket.on('close', () => {
    for (const entry of pending.values()) entry.reject(new Error('socket closed'));
    pending.clear();
  });
  const raw = (method: string, input: unknown) =>
    new Promise<CallResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ kind: 'call', id, method, input }));
    });
  return {
    raw,
    async call(method, input) {
      const result = await raw(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.data as MethodOutput<typeof method>;
    },
    events,
    socket,
    close: () => socket.close(),
  };
}
