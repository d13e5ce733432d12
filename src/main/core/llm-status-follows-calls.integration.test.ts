import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import { startAiTestCore, type AiTestCore } from '../testing/ai-test-core';
import type { FakeLlmServer } from '../testing/fake-llm-server';
import type { TestCore } from '../testing/test-core';

let ai: AiTestCore;
let fake: FakeLlmServer;
let t: TestCore;
let events: Array<{ name: EventName; payload: unknown }>;

beforeEach(async () => {
  ai = await startAiTestCore({
    fake: { reply: 'The keeper lit the lamp at dusk.' },
    ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'],
    config: () => ({ ai: { retry: { maxAttempts: 1 }, firstTokenTimeoutMs: 2_000 } }),
  });
  ({ fake, t, events } = ai);
});

afterEach(() => ai.close());

/** Sends a chat message and resolves with its stream's end. */
async function chat(text = 'Who keeps the light?') {
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const session = await t.call('chat.create', { projectId: project.id });
  const { streamId } = await t.call('chat.send', { route: { kind: 'chat' }, sessionId: session.id, text, context: { selection: '' } });
  await expect.poll(() => events.some((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId)).toBe(true);
  return events.find((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId)?.payload as EventPayload<'stream.end'>;
}

const changes = () => events.filter((e) => e.name === 'llm.changed').length;

describe('the AI status follows the last model call', () => {
  it('turns not ready when Ollama dies mid-reply, with the reason, and ready again after the next reply that works', async () => {
    expect((await t.call('llm.status', {})).lastCallFailure ?? null).toBeNull();
    fake.failNext({ dropMidStream: true }, { provider: 'ollama', path: '/api/chat' });
    const before = changes();
    expect(await chat()).toMatchObject({ status: 'error', error: { code: 'PROVIDER_FAILED' } });
    // The UI is told to look again at once, not at its next minute's check.
    expect(changes()).toBeGreaterThan(before);

    const failed = await t.call('llm.status', {});
    // Ollama still answers its model list: only the call shows that it cannot write.
    expect(failed.providers.find((p) => p.provider === 'ollama')?.reachable).toBe(true);
    expect(failed.lastCallFailure).toMatchObject({ provider: 'ollama', model: 'llama3.2:latest', error: { code: 'PROVIDER_FAILED', message: expect.stringContaining('dropped') as unknown } });

    const afterFailure = changes();
    expect(await chat()).toMatchObject({ status: 'done' });
    expect(changes()).toBeGreaterThan(afterFailure);
    expect((await t.call('llm.status', {})).lastCallFailure ?? null).toBeNull();
  });

  it('is not changed by a call the writer stopped, and a new Ollama address starts afresh', async () => {
    fake.failNext({ dropMidStream: true }, { provider: 'ollama', path: '/api/chat' });
    await chat();
    fake.setTokenDelay(50);
    const project = await t.call('project.create', { title: 'Stopped' });
    const session = await t.call('chat.create', { projectId: project.id });
    const { streamId } = await t.call('chat.send', { route: { kind: 'chat' }, sessionId: session.id, text: 'Go on', context: { selection: '' } });
    if (streamId === null) throw new Error('the send started no stream');
    await expect.poll(() => events.some((e) => e.name === 'stream.delta' && (e.payload as { streamId: string }).streamId === streamId)).toBe(true);
    await t.call('stream.cancel', { streamId });
    await expect.poll(() => events.find((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId)?.payload).toMatchObject({ status: 'cancelled' });
    expect((await t.call('llm.status', {})).lastCallFailure).toMatchObject({ error: { code: 'PROVIDER_FAILED' } });

    await t.call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
    expect((await t.call('llm.status', {})).lastCallFailure ?? null).toBeNull();
  });
});
