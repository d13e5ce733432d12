import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import type { Job } from '../../../shared/models/jobs';
import { startFakeLlmServer, type FakeChatRequest, type FakeLlmServer } from '../../testing/fake-llm-server';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';
import { CHAT_SUMMARY_JOB, SCENE_SUMMARY_JOB } from './index';

/*
 * Episodic summaries (issue 7, point 2) as durable jobs on the real runner and SQLite, the model
 * answered by the fake provider: a chat is summarised into one memory once it goes quiet, a
 * second run writes nothing new, new messages make a new version of the same memory; a saved
 * scene is summarised likewise.
 */

let fake: FakeLlmServer;
let t: TestCore;
let ends: Array<EventPayload<'stream.end'>>;

/** Answers summary requests (they carry a JSON schema) from what they were sent; chat turns with plain text. */
function reply(request: FakeChatRequest): string {
  const sent = request.messages.map((m) => m.content).join('\n');
  if (!request.jsonSchema) return 'Let the lamp go out in chapter two.';
  if (sent.includes('<conversation>')) {
    const questions = (sent.match(/^Author:/gm) ?? []).length;
    return JSON.stringify({ summary: `The author asked ${questions} question(s) about the lamp.`, decisions: ['The lamp goes out in chapter two.'], characters: ['Mara'] });
  }
  const words = (sent.match(/<scene>([\s\S]*)<\/scene>/)?.[1] ?? '').trim().split(/\s+/).length;
  return JSON.stringify({ summary: `Mara keeps the light (${words} words).`, characters: ['Mara', 'Old Pell'], events: ['Mara climbs the stair.', 'She lights the lamp.'] });
}

beforeEach(async () => {
  fake = await startFakeLlmServer({ reply });
  fake.setModels('ollama', ['llama3.2:latest']);
  t = createTestCore({ config: { ai: { retry: { maxAttempts: 1 } }, summaryIdleMs: { chat: 0, scene: 0 } } });
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

const jobs = () => t.core.services.jobs;
/** The project's episodic memories, as the memory view lists them. */
const episodic = (projectId: string) => t.call('memory.list', { projectId, kinds: ['episodic'] });
const versions = async (id: string | undefined) => (await t.call('memory.history', { id: id as string })).length + 1;
const summaryRequests = () => fake.requests.filter((r) => r.path === '/api/chat' && (r.body as { format?: unknown }).format !== undefined).length;
const jobsOf = (kind: string): Job[] => jobs().list({ kinds: [kind] });
const settled = async (kind: string): Promise<Job[]> => Promise.all(jobsOf(kind).map((job) => jobs().whenFinished(job.id)));

async function ask(sessionId: string, text: string) {
  // Plain chat: summaryRequests counts structured requests, and the crew's router makes one too.
  const sent = await t.call('chat.send', { sessionId, text, route: { kind: 'chat' } });
  await fake.waitFor(() => ends.some((e) => e.streamId === sent.streamId), 10_000);
}

async function project() {
  const created = await t.call('project.create', { title: 'The Salt Road' });
  const outline = await t.call('outline.get', { projectId: created.id });
  return { projectId: created.id, sceneId: outline.chapters[0]?.scenes[0]?.id as string };
}

describe('chat summaries', () => {
  it('summarise a quiet conversation into one episodic memory, idempotently, and re-summarise it in place when it goes on', async () => {
    const { projectId } = await project();
    const session = await t.call('chat.create', { projectId });
    await ask(session.id, 'Should the lamp go out?');
    const [first] = await settled(CHAT_SUMMARY_JOB);
    expect(first).toMatchObject({ status: 'succeeded', projectId, title: 'Summarise the chat “Should the lamp go out?”' });
    expect(await episodic(projectId)).toEqual([
      expect.objectContaining({
        projectId,
        kind: 'episodic',
        source: { type: 'chat', id: session.id, range: null },
        version: 1,
        content: 'Chat “Should the lamp go out?”: The author asked 1 question(s) about the lamp.\n\nDecided:\n- The lamp goes out in chapter two.',
        markers: ['character:Mara'],
      }),
    ]);
    expect(summaryRequests()).toBe(1);
    const memoryId = (await episodic(projectId))[0]?.id;

    // The same job again (a resume after a crash, a second enqueue): nothing new, no model call.
    const again = jobs().enqueue({ kind: CHAT_SUMMARY_JOB, payload: { projectId, sessionId: session.id, title: 'x' }, projectId });
    expect(await jobs().whenFinished(again.id)).toMatchObject({ status: 'succeeded' });
    expect((await episodic(projectId)).map((m) => m.version)).toEqual([1]);
    expect(summaryRequests()).toBe(1);

    // The conversation goes on: the same memory gets a new version, the first kept in its history.
    await ask(session.id, 'And when does it come back on?');
    await settled(CHAT_SUMMARY_JOB);
    const after = await episodic(projectId);
    expect(after).toEqual([expect.objectContaining({ id: memoryId, version: 2, content: expect.stringContaining('asked 2 question(s)') })]);
    expect(await t.call('memory.history', { id: memoryId as string })).toEqual([expect.objectContaining({ version: 1, content: expect.stringContaining('asked 1 question(s)') })]);
  });

  it('waits until the conversation is quiet: replies in a row leave one job waiting, and no summary yet', async () => {
    t.dispose();
    t = createTestCore({ config: { summaryIdleMs: { chat: 3_600_000 } } });
    t.core.events.subscribe((name, payload) => {
      if (name === 'stream.end') ends.push(payload as EventPayload<'stream.end'>);
    });
    await t.call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
    const { projectId } = await project();
    const session = await t.call('chat.create', { projectId });
    await ask(session.id, 'One?');
    await ask(session.id, 'Two?');
    expect(jobsOf(CHAT_SUMMARY_JOB).map((j) => j.status)).toEqual(['queued']);
    // It waits for its quiet moment, which the jobs view shows (and does not count as running).
    expect(jobsOf(CHAT_SUMMARY_JOB)[0]?.nextAttemptAt).toBeGreaterThan(Date.now() + 3_000_000);
    expect(await episodic(projectId)).toEqual([]);
  });

  it('does not summarise a chat again once it is deleted', async () => {
    const { projectId } = await project();
    const session = await t.call('chat.create', { projectId });
    await ask(session.id, 'Should the lamp go out?');
    await settled(CHAT_SUMMARY_JOB);
    await t.call('chat.delete', { id: session.id });
    const job = jobs().enqueue({ kind: CHAT_SUMMARY_JOB, payload: { projectId, sessionId: session.id, title: 'x' }, projectId });
    expect(await jobs().whenFinished(job.id)).toMatchObject({ status: 'succeeded' });
    expect((await episodic(projectId)).map((m) => m.version)).toEqual([1]);
    expect(summaryRequests()).toBe(1);
  });
});

describe('scene summaries', () => {
  const paragraph = 'Mara climbed the iron stair of the lighthouse while the tide turned below her, counting the steps as Old Pell had taught her.';

  it('summarise a saved scene into one episodic memory, and a changed scene as a new version of it', async () => {
    const { projectId, sceneId } = await project();
    await t.call('scene.save', { id: sceneId, content: doc(paragraph, 'At the top she struck a match and the lamp caught at once.'), baseRevision: 0 });
    const [first] = await settled(SCENE_SUMMARY_JOB);
    expect(first?.status).toBe('succeeded');
    expect(await episodic(projectId)).toEqual([
      expect.objectContaining({
        source: { type: 'scene', id: sceneId, range: null },
        version: 1,
        content: expect.stringMatching(/^Scene “.*”: Mara keeps the light \(36 words\)\.\n\nEvents:\n- Mara climbs the stair\.\n- She lights the lamp\.$/),
        markers: ['character:Mara', 'character:Old Pell'],
      }),
    ]);

    // Run again with the scene unchanged: nothing new.
    const again = jobs().enqueue({ kind: SCENE_SUMMARY_JOB, payload: { projectId, sceneId }, projectId });
    await jobs().whenFinished(again.id);
    expect((await episodic(projectId)).map((m) => m.version)).toEqual([1]);
    expect(summaryRequests()).toBe(1);

    await t.call('scene.save', { id: sceneId, content: doc(paragraph, 'At the top she struck a match.', 'The lamp caught.'), baseRevision: 1 });
    await settled(SCENE_SUMMARY_JOB);
    const after = await episodic(projectId);
    expect(after).toEqual([expect.objectContaining({ version: 2, content: expect.stringContaining('(33 words)') })]);
    expect(await versions(after[0]?.id)).toBe(2);
  });

  it('leaves a scene with almost no text alone', async () => {
    const { projectId, sceneId } = await project();
    await t.call('scene.save', { id: sceneId, content: doc('Mara.'), baseRevision: 0 });
    await settled(SCENE_SUMMARY_JOB);
    expect(await episodic(projectId)).toEqual([]);
    expect(summaryRequests()).toBe(0);
  });
});
