/**
 * AI streaming benchmark: a 400-token reply from the fake Ollama server, read three ways in the
 * same run — straight from the server with the Ollama SDK (the baseline), through the core and
 * the WebSocket transport as the renderer's client reads it, and in the real renderer in
 * Chromium (chat panel) — plus the editor's input latency while a stream runs.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../src/main/core';
import { createOllamaProvider } from '../src/main/core/llm';
import { silentLogger } from '../src/main/core/platform/logger';
import { startFakeLlmServer } from '../src/main/testing/fake-llm-server';
import { connectWsClient } from '../src/main/testing/ws-client';
import { startBrowserMode } from '../src/main/web/server';
import { measureRenderer } from './ai-renderer';
import { percentile } from './stats';

const TOKENS = 400;
const RUNS = 15;
/** 5 ms a token (200 tokens/s), about the pace of a fast local model: every path can keep up, so the ratios show overhead. */
const TOKEN_DELAY_MS = 5;
/** The last token is unique so the page can tell when the whole reply has arrived. */
const reply = [...Array.from({ length: TOKENS - 1 }, (_, i) => `word${i % 50}`), 'THE-END'].join(' ');

interface StreamTiming {
  firstTokenMs: number;
  tokensPerSecond: number;
}

function summarise(label: string, runs: readonly StreamTiming[]): { label: string; ttft: number; tps: number } {
  return { label, ttft: percentile(runs.map((r) => r.firstTokenMs), 50), tps: percentile(runs.map((r) => r.tokensPerSecond), 50) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-ai-'));
const fake = await startFakeLlmServer({ reply, tokenDelayMs: TOKEN_DELAY_MS });
fake.setModels('ollama', ['llama3.2:latest']);
const core = createCore({ dataDir: path.join(dir, 'data'), logger: silentLogger() });
await core.handlers['llm.setOllamaUrl']({ baseUrl: fake.ollamaUrl }, { transport: 'direct' });
const staticDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const web = await startBrowserMode({ core, staticDir, port: 0 });
const client = await connectWsClient(web.origin, web.token);

try {
  // 1. Straight from the fake server through the SDK: what any client could get.
  const provider = createOllamaProvider({ baseUrl: fake.ollamaUrl });
  const direct: StreamTiming[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    let first = 0;
    let tokens = 0;
    await provider.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Go.' }], signal: new AbortController().signal }, () => {
      first ||= performance.now();
      tokens += 1;
    });
    const end = performance.now();
    direct.push({ firstTokenMs: first - start, tokensPerSecond: tokens / ((end - first) / 1000) });
  }

  // 2. Through the core and the WebSocket transport, as the renderer's client receives it.
  const project = await client.call('project.create', { title: 'Bench' });
  const session = await client.call('chat.create', { projectId: project.id });
  const viaIpc: StreamTiming[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const before = client.events.length;
    const start = performance.now();
    const { streamId } = await client.call('chat.send', { sessionId: session.id, text: 'Go.' });
    let first = 0;
    let tokens = 0;
    let end = 0;
    await new Promise<void>((resolve) => {
      const poll = () => {
        for (const event of client.events.splice(before)) {
          const payload = event.payload as { streamId: string };
          if (payload.streamId !== streamId) continue;
          if (event.name === 'stream.delta') {
            first ||= performance.now();
            tokens += 1;
          } else if (event.name === 'stream.end') {
            end = performance.now();
            resolve();
            return;
          }
        }
        setImmediate(poll);
      };
      poll();
    });
    viaIpc.push({ firstTokenMs: first - start, tokensPerSecond: tokens / ((end - first) / 1000) });
  }

  // 3. In the renderer (Chromium), and the editor's input latency while a stream runs.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const renderer = await measureRenderer(browser, web.url, { runs: 8, fake, tokens: TOKENS });
  await browser.close();

  const rows = [summarise('SDK straight from the fake server', direct), summarise('core → WebSocket client (IPC path)', viaIpc), summarise('renderer (chat panel, Chromium)', renderer.streams)];
  const base = rows[0] ?? { ttft: 1, tps: 1 };
  console.log(`\nAI streaming: ${TOKENS}-token replies at ${1000 / TOKEN_DELAY_MS} tokens/s from the fake server, medians of ${RUNS} runs (renderer: ${renderer.streams.length})\n`);
  console.log(`${'path'.padEnd(40)}${'first token ms'.padStart(16)}${'ratio'.padStart(8)}${'tokens/s'.padStart(11)}${'ratio'.padStart(8)}`);
  for (const row of rows) {
    console.log(
      `${row.label.padEnd(40)}${row.ttft.toFixed(1).padStart(16)}${`${(row.ttft / base.ttft).toFixed(2)}x`.padStart(8)}${row.tps.toFixed(0).padStart(11)}${`${(row.tps / base.tps).toFixed(2)}x`.padStart(8)}`,
    );
  }
  const idle = renderer.inputLatency.idle;
  const busy = renderer.inputLatency.streaming;
  console.log(`\nEditor input latency (keydown → next frame), ${idle.length} keystrokes each:`);
  console.log(`  idle        p50 ${percentile(idle, 50).toFixed(1)} ms   p95 ${percentile(idle, 95).toFixed(1)} ms`);
  console.log(
    `  streaming   p50 ${percentile(busy, 50).toFixed(1)} ms   p95 ${percentile(busy, 95).toFixed(1)} ms   (ratio p50 ${(percentile(busy, 50) / percentile(idle, 50)).toFixed(2)}x)`,
  );
} finally {
  client.close();
  await web.close();
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
