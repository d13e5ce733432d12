import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import { FAKE_OPENAI_KEY, type FakeLlmServer } from '../testing/fake-llm-server';
import { startAiTestCore, type AiTestCore } from '../testing/ai-test-core';
import { createTestCore, doc, type TestCore } from '../testing/test-core';

/** Setup as a new user meets it: which models count, which tag is used, and what failure says. */
let ai: AiTestCore;
let fake: FakeLlmServer;
let t: TestCore;
let events: Array<{ name: EventName; payload: unknown }>;

const aiConfig = (server: FakeLlmServer = fake) => ({
  ai: {
    providerEndpoints: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl },
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    firstTokenTimeoutMs: 2_000,
  },
});

beforeEach(async () => {
  ai = await startAiTestCore({ fake: { reply: 'The keeper lit the lamp at dusk.' }, config: aiConfig });
  ({ fake, t, events } = ai);
});

afterEach(() => ai.close());

async function sceneOf(testCore: TestCore) {
  const project = await testCore.call('project.create', { title: 'The Salt Road' });
  const scene = (await testCore.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
  if (!scene) throw new Error('no scene');
  await testCore.call('scene.save', { id: scene.id, content: doc('Mara climbed the tower.'), baseRevision: 0 });
  return { projectId: project.id, sceneId: scene.id };
}

/** Resolves with the stream's end event and its notices. */
async function streamResult(streamId: string | null) {
  // A chat reply streams unless the crew took the message (a run, a question back): these all stream.
  if (streamId === null) throw new Error('the send started no stream');
  await fake.waitFor(() => events.some((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId), 10_000);
  const mine = <E extends EventName>(name: E) =>
    events.filter((e) => e.name === name && (e.payload as { streamId: string }).streamId === streamId).map((e) => e.payload as EventPayload<E>);
  const [end] = mine('stream.end');
  if (!end) throw new Error('no end');
  return { end, notices: mine('stream.notice') };
}

const chatModels = () => fake.requests.filter((r) => r.path === '/api/chat').map((r) => (r.body as { model: string }).model);

describe('which model a route uses', () => {
  it('counts only models that can write: an embedding model alone leaves the writing routes unready', async () => {
    fake.setModels('ollama', [{ name: 'nomic-embed-text:latest', sizeBytes: 274_302_450 }]);
    const status = await t.call('llm.status', {});
    expect(status.readyTaskClasses).toEqual(['embed']);
    expect(status.taskRoutes.find((r) => r.taskClass === 'creative')).toMatchObject({ uses: null, route: [{ provider: 'ollama', model: 'llama3.2' }, expect.anything(), expect.anything()] });
    expect(status.taskRoutes.find((r) => r.taskClass === 'embed')?.uses).toEqual({ provider: 'ollama', model: 'nomic-embed-text:latest' });
  });

  it('satisfies a route naming a family with any installed tag, and calls that tag', async () => {
    fake.setModels('ollama', [{ name: 'llama3.2:3b', sizeBytes: 2_019_393_189 }, { name: 'llama3.2:1b', sizeBytes: 1_321_098_329 }]);
    const status = await t.call('llm.status', {});
    expect(status.readyTaskClasses).toEqual(expect.arrayContaining(['creative', 'rewrite', 'structured']));
    // No "latest": the smallest installed tag.
    expect(status.taskRoutes.find((r) => r.taskClass === 'creative')?.uses).toEqual({ provider: 'ollama', model: 'llama3.2:1b' });

    const { projectId, sceneId } = await sceneOf(t);
    const started = await t.call('ai.inline', { action: 'continue', sceneId, before: 'Mara climbed' });
    const { end, notices } = await streamResult(started.streamId);
    expect(end).toMatchObject({ status: 'done', usage: { provider: 'ollama', model: 'llama3.2:1b' } });
    expect(notices).toEqual([]);
    expect(chatModels()).toEqual(['llama3.2:1b']);
    const session = await t.call('chat.create', { projectId });
    const sent = await t.call('chat.send', { sessionId: session.id, text: 'Who is Mara?', context: { sceneId, selection: '' } });
    await streamResult(sent.streamId);
    expect((await t.call('chat.messages', { sessionId: session.id })).at(-1)?.model).toBe('ollama/llama3.2:1b');
  });

  it('prefers latest, and keeps the writer’s pick of a tag in the models file across restarts', async () => {
    fake.setModels('ollama', [{ name: 'llama3.2:latest', sizeBytes: 2_019_393_189 }, { name: 'llama3.2:3b-instruct-q8_0', sizeBytes: 3_421_000_000 }]);
    expect((await t.call('llm.status', {})).taskRoutes.find((r) => r.taskClass === 'rewrite')?.uses?.model).toBe('llama3.2:latest');

    const picked = await t.call('llm.setOllamaTag', { family: 'llama3.2', tag: '3b-instruct-q8_0' });
    expect(picked.ollamaTags).toEqual({ 'llama3.2': '3b-instruct-q8_0' });
    expect(picked.taskRoutes.find((r) => r.taskClass === 'rewrite')?.uses?.model).toBe('llama3.2:3b-instruct-q8_0');
    expect(readFileSync(path.join(t.dataDir, 'models.yaml'), 'utf8')).toContain('3b-instruct-q8_0');

    // A restart: another core on the same folder calls the picked tag.
    t.core.close();
    const again = createTestCore({ dataDir: t.dataDir, config: aiConfig() });
    try {
      expect((await again.call('llm.status', {})).ollamaTags).toEqual({ 'llama3.2': '3b-instruct-q8_0' });
      const { sceneId } = await sceneOf(again);
      again.core.events.subscribe((name, payload) => events.push({ name, payload }));
      const started = await again.call('ai.inline', { action: 'rewrite', sceneId, selection: 'Mara climbed the tower.' });
      expect((await streamResult(started.streamId)).end).toMatchObject({ status: 'done', usage: { model: 'llama3.2:3b-instruct-q8_0' } });
      expect(chatModels()).toEqual(['llama3.2:3b-instruct-q8_0']);

      // Back to automatic: latest again.
      const auto = await again.call('llm.setOllamaTag', { family: 'llama3.2', tag: null });
      expect(auto.ollamaTags).toEqual({});
      expect(auto.taskRoutes.find((r) => r.taskClass === 'rewrite')?.uses?.model).toBe('llama3.2:latest');
    } finally {
      again.core.close();
    }
  });
});

describe('when no model can answer', () => {
  it('says once what is wrong and how to fix it, with no notices for providers that have no key', async () => {
    const { sceneId } = await sceneOf(t);
    const ollamaUrl = fake.ollamaUrl;
    await fake.close(); // Ollama is not running; no OpenAI or Anthropic key is stored
    const started = await t.call('ai.inline', { action: 'continue', sceneId, before: 'Mara climbed' });
    const { end, notices } = await streamResult(started.streamId);
    expect(notices).toEqual([]);
    expect(end).toMatchObject({
      status: 'error',
      error: {
        code: 'PROVIDER_UNREACHABLE',
        message: `Ollama isn’t running at ${ollamaUrl} and no OpenAI or Anthropic key is set. Start Ollama or add a key in AI settings → Keys.`,
      },
    });
  });

  it('names the missing model and offers its download when Ollama runs without it', async () => {
    fake.setModels('ollama', [{ name: 'nomic-embed-text:latest' }]);
    const { sceneId } = await sceneOf(t);
    const started = await t.call('ai.inline', { action: 'rewrite', sceneId, selection: 'Mara climbed the tower.' });
    const { end, notices } = await streamResult(started.streamId);
    expect(notices).toEqual([]);
    expect(end).toMatchObject({
      status: 'error',
      error: {
        code: 'MODEL_MISSING',
        message: 'The model llama3.2 isn’t installed in Ollama and no OpenAI or Anthropic key is set. Download llama3.2 in AI settings → Models or add a key in AI settings → Keys.',
      },
    });
  });

  it('shows a notice only for a fallback that is actually used', async () => {
    await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    fake.setModels('ollama', []);
    const { sceneId } = await sceneOf(t);
    const started = await t.call('ai.inline', { action: 'continue', sceneId, before: 'Mara climbed' });
    const { end, notices } = await streamResult(started.streamId);
    expect(end).toMatchObject({ status: 'done', usage: { provider: 'openai', model: 'gpt-4o-mini' } });
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/llama3\.2 \(Ollama\).*Using gpt-4o-mini \(OpenAI\) instead/s)]);
  });

  it('skips the rest of a provider known to be down, and still names the real problem', async () => {
    await t.call('routes.update', {
      config: {
        ...(await t.call('routes.get', {})),
        routes: {
          ...(await t.call('routes.get', {})).routes,
          creative: [
            { provider: 'ollama', model: 'llama3.2' },
            { provider: 'ollama', model: 'mistral' },
            { provider: 'anthropic', model: 'claude-haiku-4-5' },
          ],
        },
      },
    });
    const { sceneId } = await sceneOf(t);
    const ollamaUrl = fake.ollamaUrl;
    await fake.close();
    const started = await t.call('ai.inline', { action: 'continue', sceneId, before: 'Mara climbed' });
    const { end, notices } = await streamResult(started.streamId);
    expect(notices).toEqual([]);
    expect(end.error?.message).toBe(`Ollama isn’t running at ${ollamaUrl} and no Anthropic key is set. Start Ollama or add a key in AI settings → Keys.`);
  });
});
