import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_DEPTH } from '../../shared/models/document';
import { startBrowserModeFixture, type BrowserModeFixture } from '../testing/browser-mode-fixture';
import { connectWsClient } from '../testing/ws-client';
import type { BrowserModeServer } from './server';

/** Hostile input from outside the page, against a real core behind a real browser-mode server. */
let fixture: BrowserModeFixture;
let web: BrowserModeServer;

beforeAll(async () => {
  fixture = await startBrowserModeFixture({
    files: {
      'assets/index.js': 'console.log(1);\n//# sourceMappingURL=index.js.map',
      'assets/index.js.map': '{"version":3,"sources":["../src/secret-source.ts"]}',
    },
  });
  web = fixture.web;
});
afterAll(() => fixture.close());

describe('one message cannot take the core down', () => {
  it('answers a save nesting 800 blockquotes with INVALID_INPUT and keeps serving everyone', async () => {
    const writer = await connectWsClient(web.origin, web.token);
    const bystander = await connectWsClient(web.origin, web.token);
    const project = await writer.call('project.create', { title: 'Deep quotes' });
    const scene = (await writer.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
    if (!scene) throw new Error('no scene');

    let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
    for (let i = 0; i < 800; i += 1) node = { type: 'blockquote', content: [node] };
    const input = { id: scene.id, content: { type: 'doc', content: [node] }, baseRevision: 0 };
    expect(JSON.stringify(input).length).toBeLessThan(30_000);

    const result = await writer.raw('scene.save', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false } });
    if (!result.ok) expect(result.error.message).toContain(`nested at most ${MAX_DOCUMENT_DEPTH} levels`);
    expect(await bystander.call('project.get', { id: project.id })).toMatchObject({ title: 'Deep quotes' });
    expect(await writer.call('scene.get', { id: scene.id })).toMatchObject({ revision: 0 });
    writer.close();
    bystander.close();
  });
});

/** Sends one raw HTTP request on its own socket; resolves with the status line once the server has closed it. */
function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.write(head);
  });
}

function upgradeHead(port: number, target: string, host = `127.0.0.1:${port}`): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    `Origin: http://127.0.0.1:${port}`,
    '',
    '',
  ].join('\r\n');
}

/** HTTP GET with a chosen Host header (fetch will not let a caller set it). */
function getWithHost(port: number, target: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: target, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const openFileDescriptors = () => readdirSync('/proc/self/fd').length;

describe('requests from outside the page', () => {
  it('refuses upgrade requests on any other path at once and lets their sockets go', async () => {
    const before = openFileDescriptors();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => rawRequest(web.port, upgradeHead(web.port, `/probe-${i}`))));
    expect(new Set(answers)).toEqual(new Set(['HTTP/1.1 404 Not Found']));
    await expect.poll(openFileDescriptors).toBeLessThanOrEqual(before);
  });

  it('refuses upgrades with a wrong token, origin or Host, and closes the socket', async () => {
    const { port, token } = web;
    expect(await rawRequest(port, upgradeHead(port, '/ipc?token=wrong'))).toBe('HTTP/1.1 401 Unauthorized');
    expect(await rawRequest(port, upgradeHead(port, `/ipc?token=${token}`, `evil.example:${port}`))).toBe('HTTP/1.1 403 Forbidden');
    expect(await rawRequest(port, upgradeHead(port, `/ipc?token=${token}`, '127.0.0.1:1'))).toBe('HTTP/1.1 403 Forbidden');
    // The page may also be opened as localhost.
    const viaLocalhost = await connectWsClient(web.origin, token, { host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(await viaLocalhost.call('prefs.get', {})).toMatchObject({ theme: 'system' });
    viaLocalhost.close();
  });

  it('answers HTTP requests for another Host with 403 (DNS rebinding)', async () => {
    const { port, token } = web;
    expect((await getWithHost(port, '/', `rebound.example:${port}`)).status).toBe(403);
    expect((await getWithHost(port, `/ipc/check?token=${token}`, `rebound.example:${port}`)).status).toBe(403);
    expect((await getWithHost(port, '/', `127.0.0.1:${port + 1}`)).status).toBe(403);
    expect((await getWithHost(port, '/', `localhost:${port}`)).status).toBe(200);
    expect((await getWithHost(port, '/', `127.0.0.1:${port}`)).status).toBe(200);
  });

  it('lets the page connect back to this port only', async () => {
    const csp = (await fetch(`${web.origin}/`)).headers.get('content-security-policy') ?? '';
    const connectSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connectSrc).toBe(`connect-src 'self' ws://127.0.0.1:${web.port} ws://localhost:${web.port}`);
  });

  it('never serves source maps', async () => {
    expect((await fetch(`${web.origin}/assets/index.js`)).status).toBe(200);
    const map = await fetch(`${web.origin}/assets/index.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret-source');
  });
});
