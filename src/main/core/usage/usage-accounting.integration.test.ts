import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import type { ModelsConfig } from '../../../shared/models/llm';
import { FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '../../testing/fake-llm-server';
import { createTestCore, type TestCore } from '../../testing/test-core';

/*
 * Honest accounting (issue 6, point 16) through the real core, router and SQLite, against the
 * fake provider server: what a stopped, failed or embedding call used is recorded, and usage is
 * reported per A/B arm.
 */

const LONG_REPLY = Array.from({ length: 60 }, (_, i) => `wave${i}`).join(' ');

let fake: FakeLlmServer;
let t: TestCore;
let ends: Array<EventPayload<'stream.end'>>;
let deltas: Array<EventPayload<'stream.delta'>>;

beforeEach(async () => {
  fake = await startFakeLlmServer({ reply: 'The keeper lit the lamp at dusk.' });
  fake.setModels('ollama', ['llama3.2:latest', 'mistral:latest', 'nomic-embed-text:latest']);
  t = createTestCore({
    config: {
      ai: {
        providerEndpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl },
        retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10 },
        firstTokenTimeoutMs: 5_000,
      },
    },
  });
  ends = [];
  deltas = [];
  t.core.events.subscribe((name, payload) => {
    if (name === 'stream.end') ends.push(payload as EventPayload<'stream.end'>);
    if (name === 'stream.delta') deltas.push(payload as EventPayload<'stream.delta'>);
  });
  await t.call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
});

afterEach(async () => {
  t.dispose();
  await fake.close();
});

async function newChat() {
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const session = await t.call('chat.create', { projectId: project.id });
  return { projectId: project.id, sessionId: session.id };
}

const ended = async (streamId: string | null) => {
  // Sent with route chat (these tests measure chat's own calls, not the crew's router): every send streams.
  if (streamId === null) throw new Error('the send started no stream');
  await fake.waitFor(() => ends.some((e) => e.streamId === streamId), 10_000);
  return ends.find((e) => e.streamId === streamId) as EventPayload<'stream.end'>;
};

const usageOf = async (projectId: string) => {
  const rows = await t.call('usage.summary', { projectId, days: 1 });
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
};

describe('usage accounting', () => {
  it('records the tokens of a reply stopped mid-stream, marked as estimated', async () => {
    const { projectId, sessionId } = await newChat();
    fake.setReply(LONG_REPLY);
    fake.setTokenDelay(30);
    const { streamId } = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text: 'Count the waves for me, slowly.' });
    if (streamId === null) throw new Error('the send started no stream');
    await fake.waitFor(() => deltas.filter((d) => d.streamId === streamId).length >= 3, 10_000);
    await t.call('stream.cancel', { streamId });
    expect((await ended(streamId)).status).toBe('cancelled');

    const usage = await usageOf(projectId);
    expect(usage.calls).toBe(1);
    // The prompt (system prompt, project context, question) was read by the model…
    expect(usage.tokensIn).toBeGreaterThan(10);
    // …and some of the answer was written before the stop.
    expect(usage.tokensOut).toBeGreaterThan(0);
    expect(usage.tokensOut).toBeLessThan(60);
    expect(usage.estimatedCalls).toBe(1);
  });

  it('records the tokens of a reply that failed after text arrived', async () => {
    const { projectId, sessionId } = await newChat();
    fake.setReply(LONG_REPLY);
    fake.failNext({ dropMidStream: { afterChunks: 5 } }, { provider: 'ollama', path: '/api/chat' });
    const { streamId } = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text: 'Count the waves.' });
    expect((await ended(streamId)).status).toBe('error');

    const usage = await usageOf(projectId);
    expect(usage).toMatchObject({ calls: 1, errors: 1, estimatedCalls: 1 });
    expect(usage.tokensIn).toBeGreaterThan(10);
    expect(usage.tokensOut).toBeGreaterThan(0);
  });

  it('keeps the provider’s own counts when the call finishes (not estimated)', async () => {
    const { projectId, sessionId } = await newChat();
    const { streamId } = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text: 'Light the lamp.' });
    expect((await ended(streamId)).status).toBe('done');
    const usage = await usageOf(projectId);
    // The fake counts words: its reply has 7.
    expect(usage).toMatchObject({ calls: 1, tokensOut: 7, estimatedCalls: 0 });
  });

  it('records the input tokens of embeddings, as the provider reports them', async () => {
    const before = await t.call('usage.summary', { days: 1 });
    expect(before).toEqual([]);
    const result = await t.call('routes.test', { taskClass: 'embed' });
    expect(result.ok).toBe(true);
    const [row] = await t.call('usage.summary', { days: 1 });
    // routes.test embeds the single word "ready": one token by the fake's count.
    expect(row).toMatchObject({ calls: 1, tokensIn: 1, tokensOut: 0, estimatedCalls: 0 });

    // OpenAI reports embedding usage too.
    await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    fake.setModels('ollama', ['llama3.2:latest']);
    const viaOpenAi = await t.call('routes.test', { taskClass: 'embed' });
    expect(viaOpenAi).toMatchObject({ ok: true, used: { provider: 'openai', model: 'text-embedding-3-small' } });
    const [after] = await t.call('usage.summary', { days: 1 });
    // Three calls: the first embedding, Ollama refusing the model it no longer has (nothing used), OpenAI's.
    expect(after).toMatchObject({ calls: 3, errors: 1, tokensIn: 2, estimatedCalls: 0 });
  });

  it('reports usage by A/B arm', async () => {
    const { projectId, sessionId } = await newChat();
    const routes = await t.call('routes.get', {});
    const withExperiment = (share: number): ModelsConfig => ({
      ...routes,
      experiments: [{ name: 'mistral-for-prose', enabled: true, taskClass: 'creative', share, arm: { provider: 'ollama', model: 'mistral' } }],
    });

    await t.call('routes.update', { config: withExperiment(1) });
    const first = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text: 'Describe the tower.' });
    // A route's Ollama family answers with the installed tag it resolves to.
    expect((await ended(first.streamId)).usage).toMatchObject({ model: 'mistral:latest' });
    await t.call('routes.update', { config: withExperiment(0) });
    for (const text of ['Describe the sea.', 'Describe the keeper.']) {
      const next = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text });
      expect((await ended(next.streamId)).usage).toMatchObject({ model: 'llama3.2:latest' });
    }
    // A call outside any experiment is not part of the report.
    await t.call('routes.update', { config: { ...routes, experiments: [] } });
    const outside = await t.call('chat.send', { route: { kind: 'chat' }, sessionId, text: 'And the lamp?' });
    await ended(outside.streamId);

    const arms = await t.call('usage.byArm', { projectId, days: 1 });
    expect(arms.map((a) => [a.experiment, a.arm, a.provider, a.model, a.calls, a.errors])).toEqual([
      ['mistral-for-prose', 'A', 'ollama', 'llama3.2:latest', 2, 0],
      ['mistral-for-prose', 'B', 'ollama', 'mistral:latest', 1, 0],
    ]);
    expect(arms[0]?.tokensOut).toBe(14);
    expect(arms[1]?.avgFirstTokenMs).not.toBeNull();
  });
});
