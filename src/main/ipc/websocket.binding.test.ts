import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../core/events';
import { silentLogger } from '../core/platform/logger';
import { connectWsClient } from '../testing/ws-client';
import type { Router } from './router';
import { attachWebSocketTransport } from './websocket.binding';

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
