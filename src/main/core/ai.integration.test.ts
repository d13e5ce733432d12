import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/ipc/events';
import { startAiTestCore, type AiTestCore } from '../testing/ai-test-core';
import { FAKE_OPENAI_KEY, type FakeLlmServer } from '../testing/fake-llm-server';
import { doc, type TestCore } from '../testing/test-core';
import { createLogger } from './platform/logger';

let ai: AiTestCore;
let fake: FakeLlmServer;
let t: TestCore;
let logOutput: string;
let events: Array<{ name: EventName; payload: unknown }>;

beforeEach(async () => {
  logOutput = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logOutput += String(chunk);
      done();
    },
  });
  ai = await startAiTestCore({
    fake: { reply: 'The keeper lit the lamp at dusk.' },
    ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'],
    config: (server) => ({
      logger: createLogger({ level: 'debug', stream }),
      ai: {
        providerEndpoints: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl },
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
        firstTokenTimeoutMs: 2_000,
      },
    }),
  });
  ({ fake, t, events } = ai);
});

afterEach(() => ai.close());

async function projectWithScene(text = 'Mara climbed the tower.') {
  const project = await t.call('project.create', { title: 'The Salt Road', description: 'A keeper guards a dying light.', genre: 'fantasy' });
  const scene = (await t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0];
  if (!scene) throw new Error('no scene');
  await t.call('scene.save', { id: scene.id, content: doc(text), baseRevision: 0 });
  return { project, sceneId: scene.id };
}

/** Resolves with the stream's end event, collecting its deltas and notices. */
async function streamResult(streamId: string | null) {
  // A chat reply streams unless the crew took the message (a run, a question back): these all stream.
  if (streamId === null) throw new Error('the send started no stream');
  const end = await new Promise<EventPayload<'stream.end'>>((resolve) => {
    const check = () => {
      const found = events.find((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId);
      if (found) resolve(found.payload as EventPayload<'stream.end'>);
      else setTimeout(check, 5);
    };
    check();
  });
  const mine = <E extends EventName>(name: E) =>
    events.filter((e) => e.name === name && (e.payload as { streamId: string }).streamId === streamId).map((e) => e.payload as EventPayload<E>);
  return { end, text: mine('stream.delta').map((d) => d.text).join(''), notices: mine('stream.notice') };
}

describe('AI writing through the core', () => {
  it('streams a chat reply with the project context and persists the conversation', async () => {
    const { project, sceneId } = await projectWithScene();
    const session = await t.call('chat.create', { projectId: project.id });
    // Plain chat picked: this counts chat's own calls (the crew's router is tested in chat-crew).
    const started = await t.call('chat.send', { sessionId: session.id, text: 'Who is Mara?', context: { sceneId, selection: 'the tower' }, route: { kind: 'chat' } });
    const { end, text } = await streamResult(started.streamId);
    expect(end).toMatchObject({ status: 'done', usage: { provider: 'ollama', model: 'llama3.2:latest' } });
    expect(text).toBe('The keeper lit the lamp at dusk.');
    const sent = fake.requests.find((r) => r.path === '/api/chat')?.body as { messages: Array<{ role: string; content: string }> };
    const prompt = sent.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('A keeper guards a dying light.'); // premise
    expect(prompt).toContain('Mara climbed the tower.'); // scene summary (no synopsis: its opening)
    expect(prompt).toContain('the tower'); // the selection
    const messages = await t.call('chat.messages', { sessionId: session.id });
    expect(messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', 'Who is Mara?'],
      ['assistant', 'complete', 'The keeper lit the lamp at dusk.'],
    ]);
    expect(messages[1]?.model).toBe('ollama/llama3.2:latest'); // the installed tag that answered
    const [usage] = await t.call('usage.summary', { projectId: project.id });
    expect(usage).toMatchObject({ calls: 1, errors: 0, projectTitle: 'The Salt Road' });
    expect(usage?.tokensOut).toBeGreaterThan(0);
  });

  it('trims a long conversation to the context window and says so', async () => {
    const { project } = await projectWithScene();
    const session = await t.call('chat.create', { projectId: project.id });
    // ~3,000 tokens: alone it fits the 4,096-token window of a local model, not beside more history.
    const first = await t.call('chat.send', { sessionId: session.id, text: `Question 1: ${'salt and storm '.repeat(800)}` });
    expect((await streamResult(first.streamId)).end.status).toBe('done');
    expect((await t.call('chat.messages', { sessionId: session.id })).some((m) => m.role === 'note')).toBe(false);
    const next = await t.call('chat.send', { sessionId: session.id, text: 'And now?' });
    const { end, notices } = await streamResult(next.streamId);
    expect(end.status).toBe('done');
    expect(notices).toEqual([expect.objectContaining({ kind: 'trimmed', message: expect.stringMatching(/earlier messages? (was|were) left out/) })]);
    const messages = await t.call('chat.messages', { sessionId: session.id });
    expect(messages.filter((m) => m.role === 'note')).toHaveLength(1);
    // What the model saw: not the oldest question, but the newest one.
    const sent = fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: Array<{ content: string }> };
    const seen = sent.messages.map((m) => m.content).join('\n');
    expect(seen).not.toContain('Question 1:');
    expect(seen).toContain('And now?');
  });

  it('stops a reply mid-stream: the HTTP request is aborted and the partial text is kept', async () => {
    const { project } = await projectWithScene();
    fake.setReply('one two three four five six seven eight nine ten eleven twelve');
    fake.setTokenDelay(40);
    const session = await t.call('chat.create', { projectId: project.id });
    const started = await t.call('chat.send', { sessionId: session.id, text: 'Count slowly.' });
    await fake.waitFor(() => events.some((e) => e.name === 'stream.delta'), 5_000);
    if (started.streamId === null) throw new Error('the send started no stream');
    await t.call('stream.cancel', { streamId: started.streamId });
    const { end } = await streamResult(started.streamId);
    expect(end.status).toBe('cancelled');
    await fake.waitFor(() => fake.requests.some((r) => r.path === '/api/chat' && r.outcome === 'client-closed'), 3_000);
    const reply = (await t.call('chat.messages', { sessionId: session.id })).at(-1);
    expect(reply?.status).toBe('cancelled');
    expect(reply?.content.length).toBeGreaterThan(0);
    expect(reply?.content.length).toBeLessThan('one two three four five six seven eight nine ten eleven twelve'.length);
  });

  it('falls back to OpenAI visibly when Ollama lacks the model, using the stored key', async () => {
    const { sceneId } = await projectWithScene();
    fake.setModels('ollama', []);
    const { check } = await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    expect(check.valid).toBe(true);
    const started = await t.call('ai.inline', { action: 'rewrite', sceneId, selection: 'Mara climbed the tower.', instruction: 'make it tense' });
    const { end, text, notices } = await streamResult(started.streamId);
    expect(end).toMatchObject({ status: 'done', usage: { provider: 'openai', model: 'gpt-4o-mini' } });
    expect(text).toBe('The keeper lit the lamp at dusk.');
    expect(notices).toEqual([expect.objectContaining({ kind: 'fallback', message: expect.stringMatching(/llama3\.2 \(Ollama\).*not installed.*gpt-4o-mini \(OpenAI\)/s) })]);
    const openaiCall = fake.requests.find((r) => r.provider === 'openai' && r.path === '/v1/chat/completions');
    expect(openaiCall?.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);
  });

  it('says Ollama is not running when it is down and no key is set', async () => {
    const { sceneId } = await projectWithScene();
    await fake.close();
    const started = await t.call('ai.inline', { action: 'continue', sceneId, before: 'Mara climbed' });
    const { end } = await streamResult(started.streamId);
    expect(end).toMatchObject({ status: 'error', error: { code: 'PROVIDER_UNREACHABLE', message: expect.stringMatching(/Ollama/) } });
    const status = await t.call('llm.status', {});
    expect(status.readyTaskClasses).toEqual([]);
    expect(status.providers.find((p) => p.provider === 'ollama')).toMatchObject({ reachable: false, error: { code: 'PROVIDER_UNREACHABLE' } });
  });

  it('checks keys, keeps them out of every answer and every log line', async () => {
    const bad = await t.call('keys.set', { provider: 'openai', key: 'sk-wrong-key-0123456789abcdef' });
    expect(bad.check).toMatchObject({ valid: false });
    const good = await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    expect(good).toMatchObject({ status: { configured: true, masked: expect.stringMatching(/0001$/) }, check: { valid: true } });
    const listed = await t.call('keys.list', {});
    expect(JSON.stringify([bad, good, listed])).not.toContain(FAKE_OPENAI_KEY);
    await t.call('routes.test', { taskClass: 'creative' });
    expect(logOutput.length).toBeGreaterThan(0);
    expect(logOutput).not.toContain(FAKE_OPENAI_KEY);
    expect(logOutput).not.toContain('sk-wrong-key-0123456789abcdef');
  });

  it('tests a route and reports the model that answered', async () => {
    const result = await t.call('routes.test', { taskClass: 'creative' });
    expect(result).toMatchObject({ ok: true, used: { provider: 'ollama', model: 'llama3.2:latest' }, fellBackFrom: [] });
    const embed = await t.call('routes.test', { taskClass: 'embed' });
    expect(embed).toMatchObject({ ok: true, used: { provider: 'ollama', model: 'nomic-embed-text:latest' } });
  });

  it('brainstorms with a schema-checked answer, repairing a bad one once', async () => {
    const { sceneId } = await projectWithScene();
    let calls = 0;
    fake.setReply(() => (++calls === 1 ? 'Here are ideas: none' : JSON.stringify({ ideas: [{ title: 'The drowned bell', pitch: 'A bell rings under the sea.' }] })));
    const started = await t.call('ai.inline', { action: 'brainstorm', sceneId });
    const { end, text } = await streamResult(started.streamId);
    expect(end.status).toBe('done');
    expect(text).toContain('The drowned bell');
    expect(calls).toBe(2);
  });

  it('pulls a model with progress', async () => {
    const started = await t.call('llm.pull', { model: 'mistral' });
    const { end } = await streamResult(started.streamId);
    expect(end.status).toBe('done');
    const progress = events.filter((e) => e.name === 'llm.pullProgress').map((e) => e.payload as EventPayload<'llm.pullProgress'>);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)?.status).toBe('success');
  });

  it('edits, pins and reverts prompts with an audit trail, and refuses locked ones', async () => {
    const original = await t.call('prompts.get', { id: 'rewrite' });
    const edited = await t.call('prompts.edit', { id: 'rewrite', system: `${original.definition.system}\nKeep British spelling.`, user: original.definition.user, summary: 'British spelling' });
    expect(edited.version).toBe(original.version + 1);
    const diff = await t.call('prompts.diff', { id: 'rewrite', from: original.version, to: edited.version });
    expect(diff).toContainEqual({ kind: 'added', field: 'system', text: 'Keep British spelling.' });
    await t.call('prompts.pin', { id: 'rewrite', version: original.version });
    expect((await t.call('prompts.get', { id: 'rewrite' })).version).toBe(original.version);
    const history = await t.call('prompts.history', { id: 'rewrite' });
    expect(history.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['import', 'edit', 'pin']));
    expect(history.audit.find((a) => a.action === 'edit')).toMatchObject({ oldHash: original.hash, newHash: edited.hash, summary: 'British spelling' });
    const locked = await t.raw('prompts.edit', { id: 'summarize-scene', system: 'x', user: 'y', summary: 'try' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});
