import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import { FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '../../testing/fake-llm-server';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';

/*
 * What the model is sent for a chat (real core and SQLite, the fake provider server capturing
 * requests): regenerate sends the same scene and selection as the question it answers again
 * (issue 6, point 18), and the history is fitted to the window the model table gives (point 16).
 */

let fake: FakeLlmServer;
let t: TestCore;
let ends: Array<EventPayload<'stream.end'>>;

beforeEach(async () => {
  fake = await startFakeLlmServer({ reply: 'The keeper lit the lamp at dusk.' });
  fake.setModels('ollama', ['llama3.2:latest']);
  t = createTestCore({ config: { ai: { providerEndpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl }, retry: { maxAttempts: 1 } } } });
  ends = [];
  t.core.events.subscribe((name, payload) => {
    if (name === 'stream.end') ends.push(payload as EventPayload<'stream.end'>);
  });
  await t.call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
});

afterEach(async () => {
  t.dispose();
  await fake.close();
});

const finished = async (streamId: string) => {
  await fake.waitFor(() => ends.some((e) => e.streamId === streamId), 10_000);
  return ends.find((e) => e.streamId === streamId) as EventPayload<'stream.end'>;
};

/** The text of every message of the latest chat request the fake received. */
const lastPrompt = (path: string) => {
  const body = fake.requests.filter((r) => r.path === path).at(-1)?.body as { messages: Array<{ content: string }> } | undefined;
  return (body?.messages ?? []).map((m) => m.content).join('\n');
};

async function sceneProject() {
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const outline = await t.call('outline.get', { projectId: project.id });
  const scene = outline.chapters[0]?.scenes[0];
  if (!scene) throw new Error('no scene');
  await t.call('scene.update', { id: scene.id, synopsis: 'Mara climbs the drowned lighthouse at low tide.' });
  await t.call('scene.save', { id: scene.id, content: doc('Mara climbed the tower.'), baseRevision: 0 });
  const session = await t.call('chat.create', { projectId: project.id });
  return { projectId: project.id, sceneId: scene.id, sessionId: session.id };
}

describe('chat context', () => {
  it('regenerates with the scene and selection the question was asked with', async () => {
    const { sceneId, sessionId } = await sceneProject();
    const selection = 'the iron stair wound up into the dark';
    const sent = await t.call('chat.send', { sessionId, text: 'Is this line too long?', context: { sceneId, selection } });
    expect((await finished(sent.streamId)).status).toBe('done');
    const original = lastPrompt('/api/chat');
    expect(original).toContain('Mara climbs the drowned lighthouse at low tide.');
    expect(original).toContain(selection);

    const again = await t.call('chat.regenerate', { sessionId });
    expect((await finished(again.streamId)).status).toBe('done');
    expect(lastPrompt('/api/chat')).toBe(original);

    // The question keeps its context in the conversation, for the writer to see.
    const question = (await t.call('chat.messages', { sessionId })).find((m) => m.role === 'user');
    expect(question?.context).toEqual({ sceneId, selection });
  });

  it('refuses to regenerate without a scene that has gone to the trash, and says why', async () => {
    const { sceneId, sessionId } = await sceneProject();
    const sent = await t.call('chat.send', { sessionId, text: 'What happens next?', context: { sceneId } });
    await finished(sent.streamId);
    await t.call('scene.delete', { id: sceneId });
    const result = await t.raw('chat.regenerate', { sessionId });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/scene this question was about.*trash/) } });
  });

  it('fits the history to the model table’s window: gpt-5 is not cut to 16k tokens', async () => {
    await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    fake.setModels('openai', ['gpt-5']);
    const routes = await t.call('routes.get', {});
    await t.call('routes.update', { config: { ...routes, routes: { ...routes.routes, creative: [{ provider: 'openai', model: 'gpt-5' }] } } });
    const { sessionId } = await sceneProject();
    // ~12,000 tokens each by the estimate: three fit gpt-5's window, not a 16k one.
    for (const n of [1, 2, 3]) {
      const started = await t.call('chat.send', { sessionId, text: `Draft ${n}: ${'salt and storm and '.repeat(2_500)}` });
      expect((await finished(started.streamId)).status).toBe('done');
    }
    const messages = await t.call('chat.messages', { sessionId });
    expect(messages.filter((m) => m.role === 'note')).toEqual([]);
    const seen = lastPrompt('/v1/chat/completions');
    expect(seen).toContain('Draft 1:');
    expect(seen).toContain('Draft 3:');
  });
});
