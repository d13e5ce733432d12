import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/ipc/events';
import { createCore, type Core } from '../core';
import { silentLogger } from '../core/platform/logger';
import { startFakeLlmServer, type FakeLlmServer } from '../testing/fake-llm-server';
import { connectWsClient, type WsTestClient } from '../testing/ws-client';
import { startBrowserMode, type BrowserModeServer } from './server';

const REPLY = Array.from({ length: 40 }, (_, i) => `tide${i}`).join(' ');

interface Setup {
  dir: string;
  fake: FakeLlmServer;
  core: Core;
  web: BrowserModeServer;
}
const setups: Setup[] = [];

/** The browser mode over a real core, its chat answered by the fake Ollama. */
async function start(streamReconnectGraceMs: number): Promise<Setup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-streams-'));
  const staticDir = path.join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Nova Studio</title>');
  const fake = await startFakeLlmServer({ reply: REPLY, tokenDelayMs: 20 });
  const core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger(), ai: { streamReconnectGraceMs, retry: { maxAttempts: 1 } } });
  await core.handlers['llm.setOllamaUrl']({ baseUrl: fake.ollamaUrl }, { transport: 'direct' });
  const web = await startBrowserMode({ core, staticDir, port: 0 });
  const setup = { dir, fake, core, web };
  setups.push(setup);
  return setup;
}

afterEach(async () => {
  for (const { dir, fake, core, web } of setups.splice(0)) {
    await web.close();
    core.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts a chat reply over `client` and waits until its first words have arrived. */
async function replyStreaming(client: WsTestClient) {
  const project = await client.call('project.create', { title: 'The Salt Road' });
  const session = await client.call('chat.create', { projectId: project.id });
  const started = await client.call('chat.send', { sessionId: session.id, text: 'What does the keeper hear?', context: { selection: '' }, route: { kind: 'chat' } });
  const { streamId } = started;
  if (streamId === null) throw new Error('the send started no stream');
  await expect.poll(() => client.events.some((e) => e.name === 'stream.delta' && (e.payload as { streamId: string }).streamId === streamId)).toBe(true);
  return { sessionId: session.id, ...started, streamId };
}

function endOf(client: WsTestClient, streamId: string): EventPayload<'stream.end'> | undefined {
  return client.events.find((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId)?.payload as EventPayload<'stream.end'> | undefined;
}

describe('streams of a connection that goes away', () => {
  it('stop, and close the provider request, when the socket closes and does not come back', async () => {
    const { fake, core, web } = await start(100);
    const client = await connectWsClient(web.origin, web.token);
    const { sessionId, assistantMessageId } = await replyStreaming(client);
    const request = fake.requests.find((r) => r.path === '/api/chat');
    expect(request?.outcome).toBe('pending');

    client.close();
    // Nobody is reading: the model's HTTP request is aborted, not left to run to its end.
    await expect.poll(() => request?.outcome, { timeout: 5_000 }).toBe('client-closed');
    await expect.poll(() => core.services.ai.streams.size).toBe(0);
    const reply = core.services.ai.chat.messages(sessionId).find((m) => m.id === assistantMessageId);
    expect(reply?.status).toBe('cancelled');
    expect(reply?.content).toMatch(/^tide0/);
  });

  it('go on when the page reconnects and asks for them, and settle with the full text', async () => {
    const { fake, core, web } = await start(60_000);
    const first = await connectWsClient(web.origin, web.token);
    const { sessionId, streamId, assistantMessageId } = await replyStreaming(first);
    first.close();

    const second = await connectWsClient(web.origin, web.token);
    const asked = await second.call('stream.status', { streamIds: [streamId] });
    expect(asked.streams).toEqual([{ streamId, state: 'running', text: expect.stringMatching(/^tide0/) as unknown }]);
    await expect.poll(() => endOf(second, streamId), { timeout: 10_000 }).toMatchObject({ status: 'done' });
    expect(fake.requests.find((r) => r.path === '/api/chat')?.outcome).toBe('completed');

    // A page that missed the end (it reconnected later still) learns the outcome and the whole text.
    const third = await connectWsClient(web.origin, web.token);
    expect(await third.call('stream.status', { streamIds: [streamId] })).toEqual({ streams: [{ streamId, state: 'ended', status: 'done', text: REPLY }] });
    const reply = core.services.ai.chat.messages(sessionId).find((m) => m.id === assistantMessageId);
    expect(reply).toMatchObject({ status: 'complete', content: REPLY });
    second.close();
    third.close();
  });

  it('replay to their end for a page that reconnects after the end went by while it was away', async () => {
    const { core, web } = await start(60_000);
    const first = await connectWsClient(web.origin, web.token);
    const { streamId } = await replyStreaming(first);
    const mine = (client: WsTestClient) =>
      client.events.filter((e) => (e.payload as { streamId?: string }).streamId === streamId).map((e) => e.payload as { seq: number; text?: string });
    first.close();
    const seen = mine(first);
    const lastSeen = Math.max(...seen.map((e) => e.seq));
    // The page saw events 1…lastSeen in order, and none since its socket went away.
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    await expect.poll(() => core.services.ai.streams.size, { timeout: 10_000 }).toBe(0);

    const second = await connectWsClient(web.origin, web.token);
    const replay = await second.call('stream.replay', { streamId, afterSeq: lastSeen });
    expect(replay).toMatchObject({ streamId, state: 'ended', complete: true, text: REPLY });
    expect(replay.events.map((e) => e.seq)).toEqual(replay.events.map((_, i) => lastSeen + 1 + i));
    expect(replay.events.at(-1)).toMatchObject({ type: 'end', status: 'done', seq: replay.lastSeq });
    // What the page had plus what it replayed is the whole reply.
    const replayed = replay.events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(seen.map((e) => e.text ?? '').join('') + replayed).toBe(REPLY);
    second.close();
  });
});
