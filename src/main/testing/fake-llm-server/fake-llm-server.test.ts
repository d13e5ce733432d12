import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '.';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer({ reply: 'Short reply here.' });
});
afterEach(async () => {
  await server.close();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('fake LLM server', () => {
  it('answers non-streamed chats in each provider’s shape', async () => {
    const ollama = await (await post(`${server.ollamaUrl}/api/chat`, { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false })).json();
    expect(ollama).toMatchObject({ message: { role: 'assistant', content: 'Short reply here.' }, done: true, prompt_eval_count: 1, eval_count: 3 });

    const openai = await (
      await post(`${server.openaiBaseUrl}/chat/completions`, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${FAKE_OPENAI_KEY}` })
    ).json();
    expect(openai).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'Short reply here.' } }], usage: { prompt_tokens: 1, completion_tokens: 3 } });

    const anthropic = await (
      await post(`${server.anthropicBaseUrl}/v1/messages`, { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, { 'x-api-key': FAKE_ANTHROPIC_KEY })
    ).json();
    expect(anthropic).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Short reply here.' }], stop_reason: 'end_turn' });
  });

  it('answers unknown models and paths as the real servers do', async () => {
    const missing = await post(`${server.ollamaUrl}/api/show`, { model: 'ghost' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'ghost' not found" });
    const unknownPath = await fetch(`${server.url}/nowhere`);
    expect(unknownPath.status).toBe(404);
    expect(await (await fetch(server.url)).text()).toBe('Ollama is running');
    expect(await (await fetch(`${server.ollamaUrl}/api/version`)).json()).toEqual({ version: expect.any(String) });
  });

  it('checks keys: OpenAI Bearer, Anthropic x-api-key or Bearer; null accepts any', async () => {
    const denied = await fetch(`${server.openaiBaseUrl}/models`, { headers: { authorization: 'Bearer sk-nope-123456789' } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    const anthropicDenied = await fetch(`${server.anthropicBaseUrl}/v1/models`, { headers: { 'x-api-key': 'nope' } });
    expect(await anthropicDenied.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect((await fetch(`${server.anthropicBaseUrl}/v1/models`, { headers: { authorization: `Bearer ${FAKE_ANTHROPIC_KEY}` } })).status).toBe(200);
    server.setKeys('openai', null);
    expect((await fetch(`${server.openaiBaseUrl}/models`, { headers: { authorization: 'Bearer anything' } })).status).toBe(200);
  });

  it('applies failures to matching requests only, as many times as asked', async () => {
    server.failNext({ status: 503 }, { provider: 'ollama', path: '/api/chat', times: 2 });
    expect((await fetch(`${server.ollamaUrl}/api/tags`)).status).toBe(200);
    const chat = () => post(`${server.ollamaUrl}/api/chat`, { model: 'llama3.2', messages: [], stream: false });
    expect((await chat()).status).toBe(503);
    expect((await chat()).status).toBe(503);
    expect((await chat()).status).toBe(200);
    server.failNext({ status: 429, retryAfterSeconds: 3, body: { error: 'custom' } });
    const limited = await fetch(`${server.ollamaUrl}/api/tags`);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ error: 'custom' });
  });

  it('keeps scripted failures for the crew router’s requests only when the scope says so', async () => {
    const routerChat = () =>
      post(`${server.ollamaUrl}/api/chat`, { model: 'llama3.2', messages: [{ role: 'user', content: '<message>\nFix it\n</message>' }], stream: false, format: { title: 'route-intent', type: 'object' } });
    const chat = () => post(`${server.ollamaUrl}/api/chat`, { model: 'llama3.2', messages: [], stream: false });
    server.failNext({ status: 503 }, { provider: 'ollama', path: '/api/chat' });
    expect((await routerChat()).status).toBe(200);
    expect((await chat()).status).toBe(503);
    server.failNext({ status: 503 }, { path: '/api/chat', router: true });
    expect((await chat()).status).toBe(200);
    expect((await routerChat()).status).toBe(503);
  });

  it('fails on its own when a prompt exceeds the model’s context window', async () => {
    server.setModels('openai', [{ name: 'tiny', contextWindow: 3 }]);
    const response = await post(
      `${server.openaiBaseUrl}/chat/completions`,
      { model: 'tiny', messages: [{ role: 'user', content: 'one two three four' }] },
      { authorization: `Bearer ${FAKE_OPENAI_KEY}` },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'context_length_exceeded' } });
  });

  it('ends hanging requests when it closes, and logs them as server-closed', async () => {
    server.failNext({ hang: true });
    const pending = fetch(`${server.ollamaUrl}/api/tags`).catch((e: unknown) => e);
    await server.waitFor(() => server.openRequests().length === 1);
    // A close that waited for the hanging request would never return: the test would time out.
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(server.requests[0]?.outcome).toBe('server-closed');
    await server.close(); // idempotent
  });

  it('stops a slow stream when it closes (no timer outlives it)', async () => {
    server.setTokenDelay(5_000);
    const response = await post(`${server.ollamaUrl}/api/chat`, { model: 'llama3.2', messages: [] });
    const reading = response.text().catch((e: unknown) => e);
    await server.close();
    expect(await reading).toBeInstanceOf(Error);
  });

  it('waitFor gives up after its timeout', async () => {
    await expect(server.waitFor(() => false, 30)).rejects.toThrow('30 ms');
  });
});
