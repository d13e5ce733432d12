import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserModeFixture, type BrowserModeFixture } from '../testing/browser-mode-fixture';
import { connectWsClient } from '../testing/ws-client';
import type { BrowserModeServer } from './server';

let fixture: BrowserModeFixture;
let web: BrowserModeServer;

beforeAll(async () => {
  fixture = await startBrowserModeFixture();
  web = fixture.web;
});
afterAll(() => fixture.close());

describe('browser mode', () => {
  it('serves the renderer on 127.0.0.1 with a strict CSP', async () => {
    expect(web.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${web.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Nova Studio');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Unknown paths fall back to the app (client-side views), never to the file system.
    expect((await fetch(`${web.origin}/..%2f..%2fpackage.json`)).status).not.toBe(500);
  });

  it('answers calls over the WebSocket and pushes events', async () => {
    const client = await connectWsClient(web.origin, web.token);
    const project = await client.call('project.create', { title: 'Over the wire' });
    expect(project.title).toBe('Over the wire');
    await expect.poll(() => client.events.map((e) => e.name)).toContain('project.changed');
    const bad = await client.raw('project.create', { title: 7 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    client.close();
  });

  it('refuses connections without the token or from another origin', async () => {
    await expect(connectWsClient(web.origin, 'wrong-token')).rejects.toThrow(/401/);
    await expect(connectWsClient(web.origin, web.token, { origin: 'http://evil.example' })).rejects.toThrow(/401/);
  });

  it('tells a page whether its token is good, so it can say "wrong link" rather than retry forever', async () => {
    expect((await fetch(`${web.origin}/ipc/check?token=${web.token}`)).status).toBe(204);
    expect((await fetch(`${web.origin}/ipc/check?token=nope`)).status).toBe(401);
    expect((await fetch(`${web.origin}/ipc/check`)).status).toBe(401);
  });

  it('survives a garbage frame and keeps serving', async () => {
    const client = await connectWsClient(web.origin, web.token);
    client.socket.send('{not json');
    client.socket.send(JSON.stringify({ kind: 'call', id: 'x' }));
    expect(await client.call('prefs.get', {})).toMatchObject({ theme: 'system' });
    client.close();
  });
});
