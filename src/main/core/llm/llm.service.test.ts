import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelInfo, ModelRef, ModelsConfig } from '../../../shared/models/llm';
import { createLlmService, type UsageRecorder } from './llm.service';
import { createProviderRegistry } from './provider-registry';
import type { ChatRequest, ModelProvider } from './providers/provider';
import { createOutputValidator } from './structured-output';

type Behaviour = { reply?: string; fail?: AppError; failAfter?: string; reportIn?: number };

/** A scripted provider: the routing logic is under test here, not the SDKs (those have their own integration tests). */
function scripted(id: ModelRef['provider'], behaviours: Record<string, Behaviour[]>): ModelProvider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    id,
    requests,
    listModels: async () => [],
    embed: async () => ({ vectors: [[1, 2, 3]], tokensIn: 3 }),
    async chat(request, onDelta) {
      requests.push(request);
      if (request.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'Stopped.');
      const behaviour = behaviours[request.model]?.shift() ?? { reply: 'ok' };
      if (behaviour.reportIn !== undefined) request.onUsage?.({ tokensIn: behaviour.reportIn });
      if (behaviour.fail) {
        if (behaviour.failAfter) onDelta(behaviour.failAfter);
        throw behaviour.fail;
      }
      for (const word of (behaviour.reply ?? '').split(/(?<= )/)) onDelta(word);
      return { text: behaviour.reply ?? '', tokensIn: 10, tokensOut: 5 };
    },
  };
}

const route: ModelRef[] = [
  { provider: 'ollama', model: 'llama3.2' },
  { provider: 'openai', model: 'gpt-4o-mini' },
];

function setup(
  ollama: Record<string, Behaviour[]>,
  openai: Record<string, Behaviour[]> | null,
  options: { retries?: number; route?: ModelRef[]; installed?: Array<Omit<ModelInfo, 'provider'>> } = {},
) {
  const local = scripted('ollama', ollama);
  const installed = options.installed;
  const providers = {
    ollama: installed ? { ...local, listInstalled: async () => installed.map((m) => ({ ...m, provider: 'ollama' as const })) } : local,
    openai: openai ? scripted('openai', openai) : null,
  };
  const recorded: Parameters<UsageRecorder['record']>[0][] = [];
  const notices: string[] = [];
  let now = 0;
  const service = createLlmService({
    config: { get: () => ({ ollama: { baseUrl: 'http://127.0.0.1:11434', tags: {} } }) as ModelsConfig },
    resolveRoute: () => ({ models: options.route ?? route, experiment: { name: 'exp', arm: 'B' } }),
    providers: createProviderRegistry({
      factories: { ollama: () => providers.ollama, openai: () => providers.openai as ModelProvider, anthropic: () => providers.ollama },
      ollamaBaseUrl: () => 'http://127.0.0.1:1',
      getKey: async (p) => (p === 'openai' && providers.openai ? 'sk-test' : null),
    }),
    usage: {
      record: (call) => {
        recorded.push(call);
        return { costUsd: call.provider === 'openai' ? 0.001 : 0 };
      },
    },
    validator: createOutputValidator(),
    // One retry for retryable errors, no waiting: the backoff itself is tested in retry.test.ts.
    retry: async (fn) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await fn();
        } catch (error) {
          if (!(error instanceof AppError) || !error.retryable || attempt >= (options.retries ?? 1)) throw error;
        }
      }
    },
    clock: { now: () => (now += 5) },
  });
  const hooks = (controller = new AbortController()) => ({
    signal: controller.signal,
    onDelta: () => undefined,
    onNotice: (_kind: string, message: string) => notices.push(message),
  });
  const plan = { taskClass: 'creative' as const, assignmentKey: 'p1', projectId: 'p1', messages: [{ role: 'user' as const, content: 'hi' }] };
  return { service, providers, recorded, notices, hooks, plan };
}

const unreachable = () => new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not running at http://127.0.0.1:11434.');

describe('llm service routing', () => {
  it('answers with the first model when it works, and records the call', async () => {
    const t = setup({ 'llama3.2': [{ reply: 'Once upon a time' }] }, {});
    const outcome = await t.service.run(t.plan, t.hooks());
    expect(outcome).toMatchObject({ text: 'Once upon a time', model: route[0], fellBackFrom: [] });
    expect(t.recorded).toEqual([expect.objectContaining({ provider: 'ollama', status: 'ok', tokensIn: 10, tokensOut: 5, experiment: 'exp:B', projectId: 'p1' })]);
    expect(t.notices).toEqual([]);
  });

  it('falls back to the next model visibly when the first cannot answer', async () => {
    const t = setup({ 'llama3.2': [{ fail: unreachable() }] }, { 'gpt-4o-mini': [{ reply: 'From the cloud' }] });
    const outcome = await t.service.run(t.plan, t.hooks());
    expect(outcome.model).toEqual(route[1]);
    expect(outcome.fellBackFrom.map((f) => f.error.code)).toEqual(['PROVIDER_UNREACHABLE']);
    expect(t.notices).toEqual([expect.stringMatching(/llama3\.2 \(Ollama\) could not answer.*Using gpt-4o-mini \(OpenAI\) instead/)]);
    expect(t.recorded.map((r) => [r.provider, r.status, r.fallbackFrom])).toEqual([
      ['ollama', 'error', undefined],
      ['openai', 'ok', 'ollama/llama3.2'],
    ]);
  });

  it('retries a transient failure on the same model before falling back', async () => {
    const flaky = new AppError(ErrorCode.PROVIDER_FAILED, 'Server error.', { retryable: true });
    const t = setup({ 'llama3.2': [{ fail: flaky }, { reply: 'second time lucky' }] }, {});
    expect((await t.service.run(t.plan, t.hooks())).text).toBe('second time lucky');
    expect(t.providers.ollama.requests).toHaveLength(2);
  });

  it('does not switch models once text has reached the writer', async () => {
    const dropped = new AppError(ErrorCode.PROVIDER_FAILED, 'The connection dropped.', { retryable: true });
    const t = setup({ 'llama3.2': [{ fail: dropped, failAfter: 'Half a sent' }] }, { 'gpt-4o-mini': [{ reply: 'other' }] });
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    expect(t.providers.ollama.requests).toHaveLength(1); // no retry either: it would repeat the text
    expect(t.providers.openai?.requests).toHaveLength(0);
  });

  it('records what a stream that failed part-way used: stated counts, else estimates, marked', async () => {
    const dropped = new AppError(ErrorCode.PROVIDER_FAILED, 'The connection dropped.', { retryable: true });
    const partial = 'Half a sentence, then nothing';
    const t = setup({ 'llama3.2': [{ fail: dropped, failAfter: partial }, { fail: dropped, failAfter: partial, reportIn: 42 }] }, {});
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ code: 'PROVIDER_FAILED' });
    const out = Math.ceil(partial.length / 4);
    expect(t.recorded.map((r) => [r.status, r.tokensIn, r.tokensOut, r.estimated])).toEqual([
      // The prompt "hi" is one token by the estimate…
      ['error', 1, out, true],
      // …or what the provider said it was before failing.
      ['error', 42, out, true],
    ]);
  });

  it('records nothing used by a call that failed before the model answered', async () => {
    const t = setup({ 'llama3.2': [{ fail: unreachable() }] }, null);
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ code: 'PROVIDER_UNREACHABLE' });
    expect(t.recorded).toEqual([expect.objectContaining({ status: 'error', tokensIn: 0, tokensOut: 0 })]);
    expect(t.recorded[0]?.estimated).toBeUndefined();
  });

  it('records the input tokens of embeddings', async () => {
    const t = setup({}, null);
    await t.service.embed(['rain'], { signal: new AbortController().signal });
    expect(t.recorded).toEqual([expect.objectContaining({ taskClass: 'embed', status: 'ok', tokensIn: 3, tokensOut: 0 })]);
  });

  it('stops at once when cancelled, without trying other models', async () => {
    const t = setup({ 'llama3.2': [{ reply: 'x' }] }, { 'gpt-4o-mini': [{ reply: 'y' }] });
    const controller = new AbortController();
    controller.abort();
    await expect(t.service.run(t.plan, t.hooks(controller))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(t.providers.openai?.requests).toHaveLength(0);
    expect(t.recorded.map((r) => r.status)).toEqual(['cancelled']);
  });

  it('does not fall back on errors every model would share', async () => {
    const t = setup({ 'llama3.2': [{ fail: new AppError(ErrorCode.INVALID_INPUT, 'Bad request.') }] }, { 'gpt-4o-mini': [{ reply: 'y' }] });
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(t.providers.openai?.requests).toHaveLength(0);
  });

  it('skips a provider with no key without a notice, and says once what is wrong and the fix', async () => {
    const t = setup({ 'llama3.2': [{ fail: unreachable() }] }, null);
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({
      code: 'PROVIDER_UNREACHABLE',
      message: 'Ollama isn’t running at http://127.0.0.1:11434 and no OpenAI key is set. Start Ollama or add a key in AI settings → Keys.',
    });
    expect(t.notices).toEqual([]);
    expect(t.recorded.map((r) => [r.provider, r.status])).toEqual([['ollama', 'error']]);
  });

  it('tells no fallback that fails too: one error names both problems', async () => {
    const offline = new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Could not reach OpenAI.', { retryable: true });
    const t = setup({ 'llama3.2': [{ fail: unreachable() }] }, { 'gpt-4o-mini': [{ fail: offline }, { fail: offline }] });
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({
      code: 'PROVIDER_UNREACHABLE',
      message: 'Ollama isn’t running at http://127.0.0.1:11434 and OpenAI can’t be reached. Start Ollama or check your internet connection.',
    });
    expect(t.notices).toEqual([]);
    expect(t.providers.openai?.requests).toHaveLength(2); // tried (and retried) all the same
  });

  it('does not try the rest of a provider once it is down in this call', async () => {
    const t = setup({ 'llama3.2': [{ fail: unreachable() }], mistral: [{ reply: 'never' }] }, null, {
      route: [
        { provider: 'ollama', model: 'llama3.2' },
        { provider: 'ollama', model: 'mistral' },
      ],
    });
    // The route's only provider failed: its own message, which already says what to do.
    await expect(t.service.run(t.plan, t.hooks())).rejects.toMatchObject({ message: 'Ollama is not running at http://127.0.0.1:11434.' });
    expect(t.providers.ollama.requests.map((r) => r.model)).toEqual(['llama3.2']);
    expect(t.notices).toEqual([]);
  });

  it('calls the installed tag an Ollama family resolves to, and records that model', async () => {
    const t = setup({ 'llama3.2:3b': [{ reply: 'Tagged' }] }, {}, { installed: [{ name: 'llama3.2:3b', sizeBytes: 2 }, { name: 'llama3.2:8b', sizeBytes: 8 }] });
    const outcome = await t.service.run(t.plan, t.hooks());
    expect(outcome).toMatchObject({ text: 'Tagged', model: { provider: 'ollama', model: 'llama3.2:3b' } });
    expect(t.providers.ollama.requests.map((r) => r.model)).toEqual(['llama3.2:3b']);
    expect(t.recorded.map((r) => r.model)).toEqual(['llama3.2:3b']);
  });
});

describe('structured output', () => {
  const schema = { type: 'object', required: ['ideas'], properties: { ideas: { type: 'array', items: { type: 'string' } } } };

  it('repairs once when the first answer does not match the schema', async () => {
    const t = setup({ 'llama3.2': [{ reply: 'Sure! {"ideas": "not a list"}' }, { reply: '```json\n{"ideas": ["a storm", "a letter"]}\n```' }] }, {});
    const outcome = await t.service.runStructured({ ...t.plan, jsonSchema: schema }, t.hooks());
    expect(outcome.value).toEqual({ ideas: ['a storm', 'a letter'] });
    const [firstCall, secondCall] = t.recorded;
    expect(outcome.tokensIn).toBe((firstCall?.tokensIn ?? 0) + (secondCall?.tokensIn ?? 0));
    expect(outcome.tokensOut).toBe((firstCall?.tokensOut ?? 0) + (secondCall?.tokensOut ?? 0));
    expect(outcome.tokensOut).toBeGreaterThan(secondCall?.tokensOut ?? 0);
    const repair = t.providers.ollama.requests[1];
    expect(repair?.messages.at(-1)?.content).toMatch(/does not match the required JSON Schema/);
    expect(repair?.jsonSchema).toEqual(schema);
  });

  it('gives INVALID_OUTPUT when the repair fails too', async () => {
    const t = setup({ 'llama3.2': [{ reply: 'no json here' }, { reply: '{"ideas": 3}' }] }, {});
    await expect(t.service.runStructured({ ...t.plan, jsonSchema: schema }, t.hooks())).rejects.toMatchObject({ code: 'INVALID_OUTPUT' });
    expect(t.providers.ollama.requests).toHaveLength(2);
  });
});
