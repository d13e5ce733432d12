import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { createOllamaProvider } from './ollama.provider';
import type { PullProgress } from './provider';
import { useFakeLlmServer } from './provider-test-setup';

const server = await useFakeLlmServer((s) => {
  s.setModels('ollama', [{ name: 'llama3.2:latest', contextWindow: 131_072, sizeBytes: 2_000 }, { name: 'nomic-embed-text', contextWindow: 8_192 }]);
  s.setReply('{"title": "Rain"}');
  s.setTokenDelay(0);
  s.setPullSteps(4);
});

const body = (path: string) => server.requests.find((r) => r.path === path)?.body as Record<string, unknown>;

describe('Ollama provider (ollama package against the fake server)', () => {
  const ollama = () => createOllamaProvider({ baseUrl: server.ollamaUrl });

  it('lists the installed models with their size and context length', async () => {
    const models = await ollama().listModels();
    expect(models).toEqual([
      { provider: 'ollama', name: 'llama3.2:latest', sizeBytes: 2_000, contextWindow: 131_072 },
      { provider: 'ollama', name: 'nomic-embed-text:latest', sizeBytes: expect.any(Number), contextWindow: 8_192 },
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags', 'POST /api/show', 'POST /api/show']);
  });

  it('sends options and the JSON Schema as `format` (structured outputs)', async () => {
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
    const result = await ollama().chat(
      { model: 'llama3.2', messages: [{ role: 'user', content: 'Name it.' }], temperature: 0.3, maxTokens: 64, jsonSchema: schema, signal: new AbortController().signal },
      () => undefined,
    );
    expect(JSON.parse(result.text)).toEqual({ title: 'Rain' });
    expect(body('/api/chat')).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Name it.' }],
      options: { temperature: 0.3, num_predict: 64 },
      format: schema,
      stream: true,
    });
  });

  it('embeds texts (equal texts, equal vectors)', async () => {
    server.setEmbeddingDimensions(16);
    const { vectors, tokensIn, estimated } = await ollama().embed('nomic-embed-text', ['rain', 'sun', 'rain']);
    // Ollama's prompt_eval_count (the fake counts words).
    expect([tokensIn, estimated]).toEqual([3, undefined]);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(16);
    expect(vectors[2]).toEqual(vectors[0]);
    expect(vectors[1]).not.toEqual(vectors[0]);
    expect(body('/api/embed')).toEqual({ model: 'nomic-embed-text', input: ['rain', 'sun', 'rain'] });
    await expect(ollama().embed('missing-embedder', ['x'])).rejects.toMatchObject({ code: ErrorCode.MODEL_MISSING });
  });

  it('pulls a model with streamed progress, after which it is listed', async () => {
    const progress: PullProgress[] = [];
    await ollama().pull?.('qwen3:4b', (p) => progress.push(p), new AbortController().signal);
    expect(progress[0]).toEqual({ status: 'pulling manifest' });
    expect(progress.at(-1)).toEqual({ status: 'success' });
    const downloads = progress.filter((p) => p.total !== undefined);
    expect(downloads.map((p) => p.completed)).toEqual([250_000, 500_000, 750_000, 1_000_000]);
    expect(downloads.every((p) => p.total === 1_000_000)).toBe(true);
    expect((await ollama().listModels()).map((m) => m.name)).toContain('qwen3:4b');
  });

  it('cancels a pull: the download request is closed', async () => {
    server.setPullSteps(200);
    server.setTokenDelay(20);
    const controller = new AbortController();
    const progress: PullProgress[] = [];
    const pull = ollama().pull?.('big-model', (p) => {
      progress.push(p);
      if (progress.length === 3) controller.abort();
    }, controller.signal);
    await expect(pull).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await server.waitFor(() => server.requests.some((r) => r.path === '/api/pull' && r.outcome === 'client-closed'));
    expect(server.models('ollama').map((m) => m.name)).not.toContain('big-model:latest');
  });

  it('times out listing when Ollama does not answer', async () => {
    server.failNext({ hang: true }, { path: '/api/tags' });
    const slow = createOllamaProvider({ baseUrl: server.ollamaUrl, requestTimeoutMs: 100 });
    await expect(slow.listModels()).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    server.failNext({ hang: true }, { path: '/api/tags' });
    await expect(ollama().listModels(AbortSignal.timeout(100))).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('still times out when the garbage collector runs while Ollama hangs', async () => {
    server.failNext({ hang: true }, { path: '/api/tags' });
    // The caller's own time limit (as the status probe passes), under the provider's long one.
    const listing = ollama().listModels(AbortSignal.timeout(200));
    await server.waitFor(() => server.requests.some((r) => r.path === '/api/tags'));
    collectGarbage();
    await expect(listing).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it('lists the installed models with their size in one request, for resolving a tag before a call', async () => {
    const models = await ollama().listInstalled?.();
    expect(models).toEqual([
      { provider: 'ollama', name: 'llama3.2:latest', sizeBytes: 2_000 },
      { provider: 'ollama', name: 'nomic-embed-text:latest', sizeBytes: expect.any(Number) },
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags']);
  });
});

/** Forces a full garbage collection: Node 20 lost `AbortSignal.any` timeouts after one. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
