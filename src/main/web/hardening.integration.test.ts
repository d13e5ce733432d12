import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_DEPTH } from '../../shared/models/document';
import { createCore, type Core } from '../core';
import { silentLogger } from '../core/platform/logger';
import { connectWsClient } from '../testing/ws-client';
import { startBrowserMode, type BrowserModeServer } from './server';

/** Hostile input from outside the page, against a real core behind a real browser-mode server. */
let dir: string;
let core: Core;
let web: BrowserModeServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-hardening-'));
  const staticDir = path.join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Nova Studio</title>');
  core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger() });
  web = await startBrowserMode({ core, staticDir, port: 0 });
});
afterAll(async () => {
  await web.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

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
