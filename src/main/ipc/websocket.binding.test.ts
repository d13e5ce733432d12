import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { FrameLimits } from '../../shared/ipc/frame-limits';
import type { CallResult, WsServerFrame } from '../../shared/ipc/wire';
import { createEventBus } from '../core/events';
import { silentLogger } from '../core/platform/logger';
import { connectWsClient } from '../testing/ws-client';
import type { Router } from './router';
import { attachWebSocketTransport, LARGE_FRAME_CONCURRENCY, LARGE_FRAME_QUEUE } from './websocket.binding';

const TOKEN = 'binding-test-token';
let server: Server;
let origin: string;
let transport: { close(): void };
const router: Router = { methods: [], call: vi.fn(async () => ({ ok: true as const, data: 'pong' })) };

beforeEach(async () => {
  vi.mocked(router.call).mockClear();
  server = createServer((_request, response) => response.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = attachWebSocketTransport({
    server,
    router,
    events: createEventBus(() => undefined),
    logger: silentLogger(),
    token: TOKEN,
    allowedHosts: () => [origin.replace('http://', '')],
    allowedOrigins: () => [origin],
  });
});

afterEach(async () => {
  transport.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('WebSocket binding', () => {
  it('answers INTERNAL, keyed by the call id, when the router rejects', async () => {
    vi.mocked(router.call).mockRejectedValueOnce(new RangeError('Maximum call stack size exceeded'));
    const client = await connectWsClient(origin, TOKEN);
    const result = await client.raw('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    if (!result.ok) expect(result.error.message).not.toContain('Maximum call stack');
    // The connection and the core are still there.
    expect(await client.raw('app.info', {})).toEqual({ ok: true, data: 'pong' });
    client.close();
  });
});

const SCENE_ID = '00000000-0000-4000-8000-000000000001';

/** A frame as the renderer writes it (kind, id, method first), with `inputJson` spliced in raw. */
const frame = (id: number, method: string, inputJson: string) => `{"kind":"call","id":${id},"method":"${method}","input":${inputJson}}`;

/** Sends a raw text frame and resolves with the answer to `id`. */
function sendRaw(client: WebSocket, text: string, id: number): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const answer = JSON.parse(data.toString()) as WsServerFrame;
      if (answer.kind === 'result' && answer.id === id) {
        client.off('message', onMessage);
        resolve(answer.result);
      }
    };
    client.on('message', onMessage);
    client.once('close', (code) => reject(new Error(`closed ${code}`)));
    client.send(text);
  });
}

/** A scene save whose document is `bytes` long, shaped like a real one. */
function sceneSave(id: number, bytes: number): string {
  const text = 'x'.repeat(bytes);
  return frame(id, 'scene.save', JSON.stringify({ id: SCENE_ID, baseRevision: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } }));
}

describe('WebSocket frame limits', () => {
  it('answers a small-class call over its limit with TOO_LARGE, keyed by its id, and keeps the connection', async () => {
    const client = await connectWsClient(origin, TOKEN);
    const oversized = frame(4, 'project.create', JSON.stringify({ title: 'x', description: 'd'.repeat(FrameLimits.small) }));
    const result = await sendRaw(client.socket, oversized, 4);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', retryable: false } });
    expect(router.call).not.toHaveBeenCalled();
    expect(await client.raw('app.info', {})).toEqual({ ok: true, data: 'pong' });
    client.close();
  });

  it('refuses a frame of nested brackets by its id without building it', async () => {
    const client = await connectWsClient(origin, TOKEN);
    const depth = 8 * 1024 * 1024;
    const result = await sendRaw(client.socket, frame(7, 'scene.save', '['.repeat(depth) + ']'.repeat(depth)), 7);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain('nested at most');
    expect(router.call).not.toHaveBeenCalled();
    client.close();
  });

  it('refuses a frame packed with empty containers by its id', async () => {
    const client = await connectWsClient(origin, TOKEN);
    const result = await sendRaw(client.socket, frame(8, 'scene.save', `[${'[],'.repeat(4 * 1024 * 1024)}[]]`), 8);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    expect(router.call).not.toHaveBeenCalled();
    client.close();
  });

  it('closes the connection (1009) on a frame over the largest class, without reading it', async () => {
    const client = await connectWsClient(origin, TOKEN);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.socket.on('error', () => undefined);
    client.socket.send(sceneSave(9, FrameLimits.large));
    expect(await closed).toBe(1009);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('works on a bounded number of large frames at once; others wait, and past the queue get BUSY', async () => {
    const releases: Array<() => void> = [];
    let largeInFlight = 0;
    let maxLargeInFlight = 0;
    vi.mocked(router.call).mockImplementation(async (method) => {
      const large = method === 'scene.save';
      if (large) maxLargeInFlight = Math.max(maxLargeInFlight, ++largeInFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      if (large) largeInFlight -= 1;
      return { ok: true as const, data: 'saved' };
    });
    const total = LARGE_FRAME_CONCURRENCY + LARGE_FRAME_QUEUE + 1;
    const clients = await Promise.all(Array.from({ length: total }, () => connectWsClient(origin, TOKEN)));
    const answers = clients.map((client, index) => sendRaw(client.socket, sceneSave(index + 1, 2 * 1024 * 1024), index + 1));

    // Nothing can finish while the router holds its calls, so the first answer is the refusal,
    // sent when the last frame found every slot and every queue place taken.
    const first = await Promise.race(answers);
    expect(first).toMatchObject({ ok: false, error: { code: 'BUSY', retryable: true } });
    if (!first.ok) expect(first.error.message).toMatch(/busy/i);
    expect(router.call).toHaveBeenCalledTimes(LARGE_FRAME_CONCURRENCY);

    // A small call from another page is not held up by the queue.
    const other = await connectWsClient(origin, TOKEN);
    const small = other.raw('app.info', {});
    await vi.waitUntil(() => releases.length === LARGE_FRAME_CONCURRENCY + 1);
    releases.pop()?.();
    expect(await small).toEqual({ ok: true, data: 'saved' });

    // Release one call at a time: each waiting frame runs when a slot frees, never above the bound.
    const settled = Promise.all(answers);
    let done = false;
    void settled.then(() => (done = true));
    while (!done) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await settled;
    expect(results.filter((r) => r.ok)).toHaveLength(total - 1);
    expect(results.filter((r) => !r.ok)).toHaveLength(1);
    expect(maxLargeInFlight).toBe(LARGE_FRAME_CONCURRENCY);
    for (const client of [...clients, other]) client.close();
  });
});
