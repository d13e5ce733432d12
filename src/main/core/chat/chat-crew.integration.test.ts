import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Run } from '../../../shared/models/runs';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import type { RunStartInput } from '../crew-routing';

/*
 * Chat hands messages to the crew: with each route (auto, chat, an agent's capability, a
 * playbook) the right messages are stored — a run card reply linked to the started run, a
 * clarifying question, or the streamed chat reply — through the real core, the real router
 * prompt and the fake provider. The run engine is a recording double (RunStarter).
 */

let ai: AiTestCore;
let started: RunStartInput[];
let failStart: AppError | null;
const book = { projectId: '', sessionId: '', chapter4: '', mara: '' };

function runFor(input: RunStartInput): Run {
  return {
    id: `00000000-0000-4000-8000-00000000000${started.length}`,
    projectId: input.projectId,
    sessionId: input.sessionId ?? null,
    title: 'a run',
    playbookId: input.playbookId ?? null,
    request: input.request,
    target: input.target,
    plan: input.plan ?? { target: 'none', steps: [] },
    status: 'queued',
    wait: null,
    jobId: null,
    traceId: 'trace',
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    error: null,
    createdAt: 0,
    startedAt: null,
    finishedAt: null,
    seq: 0,
  } as Run;
}

beforeEach(async () => {
  started = [];
  failStart = null;
  ai = await startAiTestCore({
    ollamaModels: ['llama3.2:latest'],
    config: () => ({
      ai: { retry: { maxAttempts: 1 } },
      chatRuns: {
        start: (input) => {
          if (failStart) throw failStart;
          started.push(input);
          return runFor(input);
        },
      },
    }),
  });
  const { t } = ai;
  const project = await t.call('project.create', { title: 'The Salt Road' });
  for (const title of ['The Keeper', 'Low Tide', 'The Storm']) await t.call('chapter.create', { projectId: project.id, title });
  const outline = await t.call('outline.get', { projectId: project.id });
  book.projectId = project.id;
  book.chapter4 = outline.chapters[3]?.id ?? '';
  book.mara = (await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara' })).id;
  book.sessionId = (await t.call('chat.create', { projectId: project.id })).id;
  ai.fake.setReply('The keeper lights the lamp.');
});

afterEach(() => ai.close());

const messages = () => ai.t.call('chat.messages', { sessionId: book.sessionId });
const simple = async () => (await messages()).map((m) => ({ role: m.role, content: m.content, status: m.status, runId: m.runId }));
/** The requests the fake answered as the router (the route-intent schema's title). */
const routerCalls = () => ai.fake.requests.filter((r) => (JSON.stringify(r.body) ?? '').includes('"title":"route-intent"')).length;
const streamEnd = (streamId: string) => ai.fake.waitFor(() => ai.events.some((e) => e.name === 'stream.end' && (e.payload as { streamId: string }).streamId === streamId), 10_000);

describe('chat with the crew', () => {
  it('auto: a message asking for a playbook starts it on the chapter it names, with a reply linking to the run and no stream', async () => {
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 4 from the outline' });
    expect(routerCalls()).toBe(1);
    expect(started).toEqual([{ projectId: book.projectId, sessionId: book.sessionId, request: 'Draft chapter 4 from the outline', target: { chapterId: book.chapter4 }, playbookId: 'draft-chapter' }]);
    const runId = runFor(started[0] as RunStartInput).id;
    expect(result).toMatchObject({ streamId: null, runId });
    expect(await simple()).toEqual([
      { role: 'user', content: 'Draft chapter 4 from the outline', status: 'complete', runId: null },
      { role: 'assistant', content: 'Started “Draft a chapter from its outline” on Chapter 4: The Storm.', status: 'complete', runId },
    ]);
    expect((await messages())[1]?.id).toBe(result.assistantMessageId);
    expect(ai.events.some((e) => e.name === 'chat.changed')).toBe(true);
    // The first message still names the session.
    expect((await ai.t.call('chat.list', { projectId: book.projectId }))[0]?.title).toBe('Draft chapter 4 from the outline');
    // The router's decision is in the audit log.
    expect(await ai.t.call('audit.search', { projectId: book.projectId, action: 'classify' })).toEqual([
      expect.objectContaining({ action: 'classify', status: 'ok', promptId: 'route-intent', model: 'ollama/llama3.2:latest', input: expect.objectContaining({ message: 'Draft chapter 4 from the outline' }) }),
    ]);
  });

  it('auto: a vague request gets one clarifying question as the reply, and nothing starts', async () => {
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Make it better' });
    expect(result).toMatchObject({ streamId: null, runId: null });
    expect(started).toEqual([]);
    expect(await simple()).toEqual([
      { role: 'user', content: 'Make it better', status: 'complete', runId: null },
      {
        role: 'assistant',
        content: 'What would you like the crew to do, and on what: draft a chapter, develop a character, review a chapter, or brainstorm what happens next?',
        status: 'complete',
        runId: null,
      },
    ]);
  });

  it('auto: the answer to the crew’s question is routed with the request it was about', async () => {
    await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 9 from the outline' });
    expect(started).toEqual([]);
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Chapter 4, then' });
    expect(started).toEqual([
      { projectId: book.projectId, sessionId: book.sessionId, request: 'Draft chapter 9 from the outline\nChapter 4, then', target: { chapterId: book.chapter4 }, playbookId: 'draft-chapter' },
    ]);
    expect(await simple()).toEqual([
      { role: 'user', content: 'Draft chapter 9 from the outline', status: 'complete', runId: null },
      {
        role: 'assistant',
        content: 'I couldn’t find chapter “9”. The book has 4 chapters. Which chapter should “Draft a chapter from its outline” work on?',
        status: 'complete',
        runId: null,
      },
      { role: 'user', content: 'Chapter 4, then', status: 'complete', runId: null },
      { role: 'assistant', content: 'Started “Draft a chapter from its outline” on Chapter 4: The Storm.', status: 'complete', runId: result.runId },
    ]);
    // Only the question's answer is read with it: the next message stands on its own.
    await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Make it better' });
    const third = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'What colour are Mara’s eyes?' });
    if (third.streamId === null) throw new Error('no stream');
    await streamEnd(third.streamId);
    expect(started).toHaveLength(1);
  });

  it('refuses a request too long for the crew, storing nothing', async () => {
    const long = `Draft chapter 4 from the outline. ${'More detail. '.repeat(200)}`;
    const result = await ai.t.raw('chat.send', { sessionId: book.sessionId, text: long, route: { kind: 'playbook', playbookId: 'draft-chapter' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('A request for the crew can be at most 2,000 characters') } });
    expect(await messages()).toEqual([]);
  });

  it('auto: a question is answered as plain chat, streamed', async () => {
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'What colour are Mara’s eyes?' });
    expect(result.runId).toBeNull();
    if (result.streamId === null) throw new Error('no stream');
    await streamEnd(result.streamId);
    expect(started).toEqual([]);
    expect(await simple()).toEqual([
      { role: 'user', content: 'What colour are Mara’s eyes?', status: 'complete', runId: null },
      { role: 'assistant', content: 'The keeper lights the lamp.', status: 'complete', runId: null },
    ]);
  });

  it('chat: the writer’s pick of plain chat skips the router even for a crew-shaped message', async () => {
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 4 from the outline', route: { kind: 'chat' } });
    if (result.streamId === null) throw new Error('no stream');
    await streamEnd(result.streamId);
    expect(started).toEqual([]);
    expect(routerCalls()).toBe(0);
    expect((await simple()).map((m) => m.content)).toEqual(['Draft chapter 4 from the outline', 'The keeper lights the lamp.']);
  });

  it('agent: the picked capability starts on the target given, without asking the model', async () => {
    const result = await ai.t.call('chat.send', {
      sessionId: book.sessionId,
      text: 'Does it drag?',
      route: { kind: 'agent', agentId: 'editor', capability: 'pacing-review' },
      target: { chapterId: book.chapter4 },
    });
    expect(started).toEqual([{ projectId: book.projectId, sessionId: book.sessionId, request: 'Does it drag?', target: { chapterId: book.chapter4 }, agent: { agentId: 'editor', capability: 'pacing-review' } }]);
    expect(routerCalls()).toBe(0);
    expect((await simple())[1]).toEqual({
      role: 'assistant',
      content: 'Started “Editor: pacing review” on Chapter 4: The Storm.',
      status: 'complete',
      runId: result.runId,
    });
  });

  it('playbook: the picked playbook finds its codex entry in the message', async () => {
    await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Mara needs a darker past', route: { kind: 'playbook', playbookId: 'develop-character' } });
    expect(started).toEqual([expect.objectContaining({ playbookId: 'develop-character', target: { entryId: book.mara } })]);
    expect((await simple())[1]?.content).toBe('Started “Develop a character” on Mara.');
  });

  it('playbook: without a target it can find, it asks which one instead of starting', async () => {
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Go ahead', route: { kind: 'playbook', playbookId: 'draft-chapter' } });
    expect(result).toMatchObject({ streamId: null, runId: null });
    expect(started).toEqual([]);
    expect((await simple())[1]).toEqual({ role: 'assistant', content: 'Which chapter should “Draft a chapter from its outline” work on?', status: 'complete', runId: null });
  });

  it('stores nothing when the run cannot start, so the writer can send again', async () => {
    failStart = new AppError(ErrorCode.CONFLICT, 'A run is already drafting this chapter.');
    const result = await ai.t.raw('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 4 from the outline' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'A run is already drafting this chapter.' } });
    expect(await messages()).toEqual([]);
  });

  it('answers as plain chat when classifying fails', async () => {
    ai.fake.failNext({ status: 500 }, { provider: 'ollama', path: '/api/chat', router: true });
    const result = await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 4 from the outline' });
    if (result.streamId === null) throw new Error('no stream');
    await streamEnd(result.streamId);
    expect(started).toEqual([]);
    expect((await simple()).map((m) => m.content)).toEqual(['Draft chapter 4 from the outline', 'The keeper lights the lamp.']);
  });

  it('will not regenerate a reply that started a run', async () => {
    await ai.t.call('chat.send', { sessionId: book.sessionId, text: 'Draft chapter 4 from the outline' });
    const result = await ai.t.raw('chat.regenerate', { sessionId: book.sessionId });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await messages()).length).toBe(2);
  });

  it('refuses a pick of an agent or playbook that does not exist', async () => {
    const result = await ai.t.raw('chat.send', { sessionId: book.sessionId, text: 'Go', route: { kind: 'playbook', playbookId: 'gone' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await messages()).toEqual([]);
  });
});
