import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import {
  FAKE_ANTHROPIC_KEY,
  FAKE_OPENAI_KEY,
  type FakeLlmServer,
  type FakeProvider,
  type FakeRequestRecord,
} from '../../../testing/fake-llm-server';
import type { ProviderError } from '../errors';
import { createAnthropicProvider } from './anthropic.provider';
import { createOllamaProvider } from './ollama.provider';
import { createOpenAIProvider } from './openai.provider';
import type { ChatRequest, ModelProvider } from './provider';
import { useFakeLlmServer } from './provider-test-setup';

/** The behaviour every provider shares, driven through its real SDK against the fake server. */
interface Case {
  provider: FakeProvider;
  model: string;
  chatPath: string;
  make(baseUrl: string | undefined, server: FakeLlmServer): ModelProvider;
}

const cases: Case[] = [
  { provider: 'ollama', model: 'llama3.2', chatPath: '/api/chat', make: (url, s) => createOllamaProvider({ baseUrl: url ?? s.ollamaUrl }) },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    chatPath: '/v1/chat/completions',
    make: (url, s) => createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: url ?? s.openaiBaseUrl }),
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-6',
    chatPath: '/v1/messages',
    make: (url, s) => createAnthropicProvider({ apiKey: FAKE_ANTHROPIC_KEY, baseUrl: url ?? s.anthropicBaseUrl }),
  },
];

const REPLY = 'It was a dark and stormy night; the rain fell in torrents.';
const LONG_REPLY = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

const server = await useFakeLlmServer((s) => {
  s.setReply(REPLY);
  s.setTokenDelay(0);
});

describe.each(cases)('$provider provider', (c) => {
  const provider = () => c.make(undefined, server);
  const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
    model: c.model,
    messages: [
      { role: 'system', content: 'You are a helpful writing assistant.' },
      { role: 'user', content: 'Open the story.' },
    ],
    signal: new AbortController().signal,
    ...overrides,
  });
  const chatRecord = (): FakeRequestRecord | undefined => server.requests.find((r) => r.provider === c.provider && r.path === c.chatPath);
  const failure = async (req: ChatRequest = request()) => {
    const deltas: string[] = [];
    const error = await provider()
      .chat(req, (d) => deltas.push(d))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    return { error: error as ProviderError, deltas };
  };

  it('streams deltas in order that add up to the reply, with token counts', async () => {
    const deltas: string[] = [];
    const result = await provider().chat(request(), (d) => deltas.push(d));
    expect(deltas.length).toBe(12);
    expect(deltas.join('')).toBe(REPLY);
    expect(result).toEqual({ text: REPLY, tokensIn: 9, tokensOut: 12 });
    expect(chatRecord()?.outcome).toBe('completed');
  });

  it('reports 500 as retryable PROVIDER_FAILED', async () => {
    server.failNext({ status: 500 }, { path: c.chatPath });
    const { error } = await failure();
    expect(error).toMatchObject({ code: ErrorCode.PROVIDER_FAILED, retryable: true });
  });

  it('reports 429 as RATE_LIMITED, keeping the Retry-After the SDK saw', async () => {
    server.failNext({ status: 429, retryAfterSeconds: 2 }, { path: c.chatPath });
    const { error } = await failure();
    expect(error).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryable: true });
    // The ollama package drops response headers; the cloud SDKs keep them.
    expect(error.retryAfterMs).toBe(c.provider === 'ollama' ? undefined : 2_000);
  });

  it('reports a connection dropped mid-stream as PROVIDER_FAILED after the partial text', async () => {
    server.failNext({ dropMidStream: { afterChunks: 3 } }, { path: c.chatPath });
    const { error, deltas } = await failure();
    expect(error).toMatchObject({ code: ErrorCode.PROVIDER_FAILED, retryable: true });
    expect(deltas.join('')).toBe('It was a');
    expect(chatRecord()?.outcome).toBe('dropped');
  });

  it('gives up with TIMEOUT when the first token is late, and closes the request', async () => {
    // The first token would come only after the test's own time limit: passing proves the timer fired.
    server.failNext({ firstTokenDelayMs: 120_000 }, { path: c.chatPath });
    const { error, deltas } = await failure(request({ firstTokenTimeoutMs: 150 }));
    expect(error).toMatchObject({ code: ErrorCode.TIMEOUT, retryable: true });
    expect(deltas).toEqual([]);
    await server.waitFor(() => chatRecord()?.outcome === 'client-closed');
  });

  it('stops mid-stream on abort: CANCELLED at once, and the server sees the connection close', async () => {
    server.setReply(LONG_REPLY);
    server.setTokenDelay(20);
    const controller = new AbortController();
    const deltas: string[] = [];
    const afterAbort: string[] = [];
    const call = provider().chat(request({ signal: controller.signal }), (d) => {
      if (controller.signal.aborted) afterAbort.push(d);
      else deltas.push(d);
      if (deltas.length === 3) controller.abort();
    });
    await expect(call).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    // "At once": no text reaches the caller after the abort, and the reply (hundreds of tokens
    // at 20 ms each, far longer than the test may run) was not waited for.
    expect(deltas).toHaveLength(3);
    expect(afterAbort).toEqual([]);
    await server.waitFor(() => chatRecord()?.outcome === 'client-closed');
  });

  it('stops a request that has not answered yet (no headers) on abort', async () => {
    server.failNext({ hang: true }, { path: c.chatPath });
    const controller = new AbortController();
    const call = provider().chat(request({ signal: controller.signal }), () => undefined);
    await server.waitFor(() => chatRecord() !== undefined);
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await server.waitFor(() => chatRecord()?.outcome === 'client-closed');
  });

  it('reports an unknown model as MODEL_MISSING, naming it', async () => {
    const { error } = await failure(request({ model: 'no-such-model' }));
    expect(error.code).toBe(ErrorCode.MODEL_MISSING);
    expect(error.message).toContain('“no-such-model”');
  });

  it('reports a prompt over the context window as CONTEXT_TOO_LONG', async () => {
    server.failNext({ contextTooLong: true }, { path: c.chatPath });
    const { error } = await failure();
    expect(error).toMatchObject({ code: ErrorCode.CONTEXT_TOO_LONG, retryable: false });
  });

  it('reports a server that is not running as PROVIDER_UNREACHABLE', async () => {
    const port = await closedPort();
    const url = c.provider === 'ollama' ? `http://127.0.0.1:${port}` : c.provider === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
    const offline = c.make(url, server);
    const error = await offline.chat(request(), () => undefined).catch((e: unknown) => e as ProviderError);
    expect(error).toMatchObject({ code: ErrorCode.PROVIDER_UNREACHABLE, retryable: false });
    expect((error as ProviderError).message).toContain(`127.0.0.1:${port}`);
    await expect(offline.listModels()).rejects.toMatchObject({ code: ErrorCode.PROVIDER_UNREACHABLE });
  });
});
