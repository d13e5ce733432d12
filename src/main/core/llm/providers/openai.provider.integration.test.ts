import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { FAKE_OPENAI_KEY, type FakeChatRequest } from '../../../testing/fake-llm-server';
import { createOpenAIProvider } from './openai.provider';
import { useFakeLlmServer } from './provider-test-setup';

const server = await useFakeLlmServer((s) => {
  s.setModels('openai', ['gpt-4o-mini', 'text-embedding-3-small', 'gpt-4.1']);
  s.setReply('{"mood": "tense"}');
});

const caught = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Error,
  );
const chatRecord = () => server.requests.find((r) => r.path === '/v1/chat/completions');

describe('OpenAI provider (openai SDK against the fake server)', () => {
  const openai = (apiKey = FAKE_OPENAI_KEY) => createOpenAIProvider({ apiKey, baseUrl: server.openaiBaseUrl });

  it('lists the models the key can use, by name', async () => {
    expect(await openai().listModels()).toEqual([
      { provider: 'openai', name: 'gpt-4.1' },
      { provider: 'openai', name: 'gpt-4o-mini' },
      { provider: 'openai', name: 'text-embedding-3-small' },
    ]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
  });

  it('asks for usage in the stream and for json_schema output', async () => {
    const seen: FakeChatRequest[] = [];
    server.setReply((req) => {
      seen.push(req);
      return '{"mood": "tense"}';
    });
    const schema = { type: 'object', properties: { mood: { type: 'string' } } };
    const result = await createOpenAIProvider({ apiKey: FAKE_OPENAI_KEY, baseUrl: server.openaiBaseUrl }).chat(
      {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Judge the mood.' },
          { role: 'user', content: 'The door creaked.' },
        ],
        temperature: 0.2,
        maxTokens: 50,
        jsonSchema: schema,
        signal: new AbortController().signal,
      },
      () => undefined,
    );
    expect(result).toEqual({ text: '{"mood": "tense"}', tokensIn: 6, tokensOut: 2 });
    expect(chatRecord()?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Judge the mood.' },
        { role: 'user', content: 'The door creaked.' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 50,
      response_format: { type: 'json_schema', json_schema: { name: 'output', schema, strict: false } },
    });
    expect(seen[0]?.jsonSchema).toEqual(schema);
  });

  it('embeds texts in input order (the SDK’s base64 transfer decoded to plain arrays)', async () => {
    server.setEmbeddingDimensions(12);
    const { vectors, tokensIn, estimated } = await openai().embed('text-embedding-3-small', ['rain', 'sun', 'rain']);
    // The API's own count of the input (the fake counts words).
    expect([tokensIn, estimated]).toEqual([3, undefined]);
    expect(vectors).toHaveLength(3);
    expect(Array.isArray(vectors[0])).toBe(true);
    expect(vectors[0]).toHaveLength(12);
    expect(vectors[2]).toEqual(vectors[0]);
    expect(Math.hypot(...(vectors[1] ?? []))).toBeCloseTo(1, 5);
    expect(server.requests[0]?.body).toMatchObject({ model: 'text-embedding-3-small', input: ['rain', 'sun', 'rain'], encoding_format: 'base64' });
    await expect(openai().embed('no-such-embedder', ['x'])).rejects.toMatchObject({ code: ErrorCode.MODEL_MISSING });
  });

  it('reports a rejected key as PROVIDER_AUTH without repeating the key', async () => {
    const wrongKey = 'sk-wrong-key-1234567890abcdefghij';
    const listError = await caught(openai(wrongKey).listModels());
    expect(listError).toMatchObject({ code: ErrorCode.PROVIDER_AUTH, message: 'OpenAI rejected the API key. Check it in AI settings → Keys.' });
    const chatError = await caught(
      openai(wrongKey).chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }, () => undefined),
    );
    expect(chatError).toMatchObject({ code: ErrorCode.PROVIDER_AUTH, retryable: false });
    expect(`${listError.message} ${chatError.message}`).not.toContain(wrongKey);
  });

  it('does not retry by itself: one request per call, whatever the failure', async () => {
    server.failNext({ status: 500 }, { times: 3 });
    await expect(
      openai().chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal }, () => undefined),
    ).rejects.toMatchObject({ code: ErrorCode.PROVIDER_FAILED });
    expect(server.requests).toHaveLength(1);
  });
});
