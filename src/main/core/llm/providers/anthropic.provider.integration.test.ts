import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { FAKE_ANTHROPIC_KEY, type FakeChatRequest } from '../../../testing/fake-llm-server';
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_OUTPUT_TOOL, createAnthropicProvider } from './anthropic.provider';
import { useFakeLlmServer } from './provider-test-setup';

const server = await useFakeLlmServer((s) => {
  s.setModels('anthropic', [{ name: 'claude-sonnet-4-6', contextWindow: 200_000 }, 'claude-haiku-4-5']);
  s.setReply('Thunder rolled.');
});

const messagesBody = () => server.requests.find((r) => r.path === '/v1/messages')?.body as Record<string, unknown>;
const signal = () => new AbortController().signal;
const caught = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Error,
  );

describe('Anthropic provider (@anthropic-ai/sdk against the fake server)', () => {
  const anthropic = (apiKey = FAKE_ANTHROPIC_KEY) => createAnthropicProvider({ apiKey, baseUrl: server.anthropicBaseUrl });

  it('lists models with their context window, following pages', async () => {
    server.setModels('anthropic', Array.from({ length: 130 }, (_, i) => ({ name: `claude-test-${i}`, contextWindow: 1_000 + i })));
    const models = await anthropic().listModels();
    expect(models).toHaveLength(130);
    expect(models[129]).toEqual({ provider: 'anthropic', name: 'claude-test-129', contextWindow: 1_129 });
    expect(server.requests.filter((r) => r.path === '/v1/models')).toHaveLength(2);
  });

  it('sends system prompts apart, a default max_tokens and a clamped temperature', async () => {
    const result = await anthropic().chat(
      {
        model: 'claude-sonnet-4-6',
        messages: [
          { role: 'system', content: 'You write gothic fiction.' },
          { role: 'user', content: 'Go on.' },
          { role: 'assistant', content: 'The house stood.' },
          { role: 'user', content: 'More.' },
        ],
        temperature: 1.5,
        signal: signal(),
      },
      () => undefined,
    );
    expect(result).toEqual({ text: 'Thunder rolled.', tokensIn: 10, tokensOut: 2 });
    expect(messagesBody()).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      system: 'You write gothic fiction.',
      messages: [
        { role: 'user', content: 'Go on.' },
        { role: 'assistant', content: 'The house stood.' },
        { role: 'user', content: 'More.' },
      ],
      temperature: 1,
      stream: true,
    });
  });

  it('asks for structured output through a forced tool and streams its JSON as the text', async () => {
    const seen: FakeChatRequest[] = [];
    server.setReply((req) => {
      seen.push(req);
      return '{"names": ["Ada", "Bram"]}';
    });
    const schema = { type: 'object', properties: { names: { type: 'array', items: { type: 'string' } } }, required: ['names'] };
    const deltas: string[] = [];
    const result = await anthropic().chat(
      { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Two names.' }], jsonSchema: schema, maxTokens: 100, signal: signal() },
      (d) => deltas.push(d),
    );
    expect(JSON.parse(result.text)).toEqual({ names: ['Ada', 'Bram'] });
    expect(deltas.length).toBeGreaterThan(1);
    expect(messagesBody()).toMatchObject({
      max_tokens: 100,
      tools: [{ name: ANTHROPIC_OUTPUT_TOOL, input_schema: schema }],
      tool_choice: { type: 'tool', name: ANTHROPIC_OUTPUT_TOOL },
    });
    expect(seen[0]?.jsonSchema).toEqual(schema);
  });

  it('asks for a non-object schema in the system prompt instead', async () => {
    server.setReply('["a", "b"]');
    const schema = { type: 'array', items: { type: 'string' } };
    await anthropic().chat({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'List.' }], jsonSchema: schema, signal: signal() }, () => undefined);
    const body = messagesBody();
    expect(body.tools).toBeUndefined();
    expect(body.system).toContain(JSON.stringify(schema));
  });

  it('says plainly that it has no embeddings, without calling the API', async () => {
    const error = await caught(anthropic().embed('claude-haiku-4-5', ['x']));
    expect(error).toMatchObject({ code: ErrorCode.MODEL_MISSING, retryable: false });
    expect(error.message).toContain('Anthropic has no embedding models');
    expect(server.requests).toHaveLength(0);
  });

  it('reports a rejected key as PROVIDER_AUTH', async () => {
    await expect(anthropic('sk-ant-wrong-000000000000').listModels()).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_AUTH,
      message: 'Anthropic rejected the API key. Check it in AI settings → Keys.',
    });
  });

  it('reports Anthropic’s overload (529) as retryable PROVIDER_FAILED', async () => {
    server.failNext({ status: 529 });
    await expect(anthropic().chat({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }], signal: signal() }, () => undefined)).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_FAILED,
      retryable: true,
    });
  });
});
