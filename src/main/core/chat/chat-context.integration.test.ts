import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import { FAKE_OPENAI_KEY, startFakeLlmServer, type FakeLlmServer } from '../../testing/fake-llm-server';
import { codexPassage, createFakeRetriever, fakePinnedMemories, scenePassage, type FakeRetriever } from '../../testing/fake-retriever';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';

/*
 * What the model is sent for a chat (real core and SQLite, the fake provider server capturing
 * requests): the context comes from retrieval — pinned memories always, then the passages found
 * for the message — and the reply keeps them as its sources (issue 7, point 4); regenerate sends
 * the same scene and selection as the question it answers again (issue 6, point 18), and the
 * history is fitted to the window the model table gives (point 16).
 */

let fake: FakeLlmServer;
let t: TestCore;
let ends: Array<EventPayload<'stream.end'>>;
let retriever: FakeRetriever;
let pinned: ReturnType<typeof fakePinnedMemories>;

/** What a meaning search would relate: none of these words need to be shared with the scene. */
const CONCEPTS = {
  grief: ['grief', 'griev', 'mourn', 'ashes', 'weep', 'funeral', 'loss'],
  sea: ['sea', 'harbour', 'water', 'tide', 'boat'],
  market: ['market', 'fishmonger', 'price', 'buy'],
};

beforeEach(async () => {
  fake = await startFakeLlmServer({ reply: 'The keeper lit the lamp at dusk.' });
  fake.setModels('ollama', ['llama3.2:latest']);
  retriever = createFakeRetriever(CONCEPTS);
  pinned = fakePinnedMemories();
  t = createTestCore({
    config: {
      ai: { providerEndpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl }, retry: { maxAttempts: 1 } },
      retriever,
      pinnedMemories: pinned,
    },
  });
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

const finished = async (streamId: string | null) => {
  // A chat reply streams unless the crew took the message (a run, a question back): these all stream.
  if (streamId === null) throw new Error('the send started no stream');
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
    // Asked as plain chat: in auto, “what happens next” is the crew's brainstorm playbook.
    const sent = await t.call('chat.send', { sessionId, text: 'What happens next?', context: { sceneId }, route: { kind: 'chat' } });
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

/** A project with a scene about grief, one about the market, and a codex entry. */
async function harbourProject() {
  const base = await sceneProject();
  const outline = await t.call('outline.get', { projectId: base.projectId });
  const chapterId = outline.chapters[0]?.id as string;
  const harbour = await t.call('scene.create', { chapterId, title: 'The Harbour' });
  const market = await t.call('scene.create', { chapterId, title: 'Market Day' });
  const tomas = await t.call('codex.create', { projectId: base.projectId, kind: 'character', name: 'Tomas', description: 'Mara’s younger brother, lost at sea.' });
  const grief = 'Mara scattered Tomas’s ashes over the black water and did not weep until the boat turned home.';
  retriever.setPassages(base.projectId, [
    scenePassage({ id: market.id, chapterId }, 'Chapter 1 · Market Day', 'The fishmonger shouted his prices at the gulls.'),
    scenePassage({ id: harbour.id, chapterId }, 'Chapter 1 · The Harbour', grief),
    codexPassage(tomas, 'Tomas: Mara’s younger brother, lost at sea; she keeps his ashes.'),
  ]);
  return { ...base, chapterId, harbour, market, tomas, grief };
}

const replyOf = async (sessionId: string) => (await t.call('chat.messages', { sessionId })).filter((m) => m.role === 'assistant').at(-1);

describe('chat context from retrieval', () => {
  it('gives the model the passage that means what the question asks, and keeps it as the reply’s source', async () => {
    const p = await harbourProject();
    pinned.set(p.projectId, [{ id: '99999999-9999-4999-8999-999999999999', content: 'The author writes British English: harbour, grey.' }]);
    const question = 'How does Mara mourn her brother?';
    const sent = await t.call('chat.send', { sessionId: p.sessionId, text: question, context: { sceneId: p.sceneId } });
    expect((await finished(sent.streamId)).status).toBe('done');

    expect(retriever.queries).toEqual([expect.objectContaining({ projectId: p.projectId, query: question })]);
    const body = fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    const system = body.messages[0]?.content ?? '';
    const user = body.messages.at(-1)?.content ?? '';
    // The pinned memory frames every turn; the passages go with the question they were found for.
    expect(system).toContain('The author writes British English: harbour, grey.');
    expect(user).toContain(`[Chapter 1 · The Harbour]\n${p.grief}`);
    expect(user).toContain('[Codex · Tomas]');
    expect(user).not.toContain('fishmonger');
    expect(user.indexOf(p.grief)).toBeLessThan(user.indexOf(question));
    // The scene's synopsis still helps; the whole codex list is not needed beside retrieved passages.
    expect(system).toContain('Mara climbs the drowned lighthouse at low tide.');
    expect(system).not.toContain('Codex notes');

    const reply = await replyOf(p.sessionId);
    expect(reply?.sources.map((s) => [s.type, s.label, s.pinned])).toEqual([
      ['memory', 'Memory', true],
      ['scene', 'Chapter 1 · The Harbour', false],
      ['codex', 'Codex · Tomas', false],
    ]);
    expect(reply?.sources[1]).toMatchObject({ id: p.harbour.id, chapterId: p.chapterId, excerpt: p.grief });
    expect(reply?.sources[2]).toMatchObject({ id: p.tomas.id });
    // The question has no sources of its own.
    expect((await t.call('chat.messages', { sessionId: p.sessionId })).find((m) => m.role === 'user')?.sources).toEqual([]);
  });

  it('regenerates with the passages found again, and gives the codex list when retrieval finds nothing', async () => {
    const p = await harbourProject();
    const sent = await t.call('chat.send', { sessionId: p.sessionId, text: 'Is the funeral too quiet?' });
    await finished(sent.streamId);
    const first = lastPrompt('/api/chat');
    const again = await t.call('chat.regenerate', { sessionId: p.sessionId });
    await finished(again.streamId);
    expect(lastPrompt('/api/chat')).toBe(first);
    expect((await replyOf(p.sessionId))?.sources.map((s) => s.label)).toEqual(['Chapter 1 · The Harbour', 'Codex · Tomas']);

    // Nothing in memory means anything like this: the older fixed context stands in.
    const other = await t.call('chat.send', { sessionId: p.sessionId, text: 'Suggest a title.' });
    await finished(other.streamId);
    expect(lastPrompt('/api/chat')).toContain('Codex notes (established facts):\nTomas (character): Mara’s younger brother, lost at sea.');
    expect((await replyOf(p.sessionId))?.sources).toEqual([]);
  });

  it('answers without passages when retrieval fails, and lists no sources', async () => {
    const p = await harbourProject();
    retriever.failWith(new Error('the index is being rebuilt'));
    const sent = await t.call('chat.send', { sessionId: p.sessionId, text: 'How does Mara mourn?' });
    expect((await finished(sent.streamId)).status).toBe('done');
    expect(lastPrompt('/api/chat')).not.toContain(p.grief);
    expect(await replyOf(p.sessionId)).toMatchObject({ status: 'complete', sources: [] });
  });

  it('keeps a writer’s edited chat prompt that has no place for passages, and claims no sources for it', async () => {
    const p = await harbourProject();
    const chat = await t.call('prompts.get', { id: 'chat' });
    await t.call('prompts.edit', { id: 'chat', system: 'You help with "{{project_title}}".', user: '{{message}}', summary: 'Short' });
    expect(chat.definition.version).toBe(2);
    const sent = await t.call('chat.send', { sessionId: p.sessionId, text: 'How does Mara mourn her brother?' });
    await finished(sent.streamId);
    expect(lastPrompt('/api/chat')).not.toContain(p.grief);
    expect((await replyOf(p.sessionId))?.sources).toEqual([]);
  });

  it('fits passages to the budget: a passage too long for it is left out, a shorter one still given', async () => {
    const p = await harbourProject();
    const long = `Mara mourned at the harbour. ${'The tide came and went and she grieved. '.repeat(1_200)}`;
    retriever.setPassages(p.projectId, [
      scenePassage({ id: p.market.id, chapterId: p.chapterId }, 'Chapter 1 · Market Day', long),
      scenePassage({ id: p.harbour.id, chapterId: p.chapterId }, 'Chapter 1 · The Harbour', p.grief),
    ]);
    const sent = await t.call('chat.send', { sessionId: p.sessionId, text: 'How does Mara grieve at the harbour?' });
    await finished(sent.streamId);
    expect(lastPrompt('/api/chat')).toContain(p.grief);
    expect(lastPrompt('/api/chat')).not.toContain('she grieved');
    expect((await replyOf(p.sessionId))?.sources.map((s) => s.label)).toEqual(['Chapter 1 · The Harbour']);
  });
});
