import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContinuityIssue } from '../../../shared/models/continuity';
import type { Job } from '../../../shared/models/jobs';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { doc } from '../../testing/test-core';
import { documentToPlainText } from '../manuscript';

/*
 * Continuity checks end to end in the core (real SQLite, the job runner, the fake provider's
 * rule-based fact extraction): a planted contradiction is found with both quotes and links,
 * "intended" is never flagged again, a fixed text closes its issue, a codex change applies only
 * when approved, and re-running changes nothing.
 */

let ai: AiTestCore;

beforeEach(async () => {
  ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest'], config: () => ({ continuityIdleMs: 0, random: { next: () => 0 }, ai: { retry: { maxAttempts: 1 } } }) });
});

afterEach(async () => {
  await ai.close();
});

const call: AiTestCore['t']['call'] = (method, input) => ai.t.call(method, input);

/** A book of 12 chapters whose last has 3 scenes; the codex knows Mara's grey eyes. */
async function book() {
  const project = await call('project.create', { title: 'The Salt Road' });
  for (let i = 1; i < 12; i += 1) await call('chapter.create', { projectId: project.id, title: `Chapter ${i + 1}` });
  const outline = await call('outline.get', { projectId: project.id });
  const first = outline.chapters[0]?.scenes[0];
  const last = outline.chapters[11];
  if (!first || !last) throw new Error('no outline');
  const scenes = [];
  for (let i = 0; i < 3; i += 1) scenes.push(await call('scene.create', { chapterId: last.id, title: `Scene ${i + 1}` }));
  const mara = await call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara', aliases: ['The Keeper'], profile: { 'Eye colour': 'grey' } });
  const tomas = await call('codex.create', { projectId: project.id, kind: 'character', name: 'Tomas' });
  return { projectId: project.id, firstSceneId: first.id, chapterId: last.id, sceneIds: scenes.map((s) => s.id), mara, tomas };
}

async function write(sceneId: string, ...paragraphs: string[]) {
  const scene = await call('scene.get', { id: sceneId });
  await call('scene.save', { id: sceneId, content: doc(...paragraphs), baseRevision: scene.revision });
}

async function check(projectId: string, sceneId?: string): Promise<Job> {
  const job = await call('continuity.check', { projectId, ...(sceneId !== undefined && { sceneId }) });
  const done = await ai.t.core.services.jobs.whenFinished(job.id);
  expect(done).toMatchObject({ status: 'succeeded', error: null });
  return done;
}

const open = (projectId: string) => call('continuity.list', { projectId, status: 'open' });

describe('continuity checks', () => {
  it('flags the codex saying grey and chapter 12, scene 3 saying green, with both quotes and links', async () => {
    const b = await book();
    const sceneId = b.sceneIds[2] as string;
    await write(sceneId, 'The storm broke over the harbour.', 'Mara’s eyes were green in the lamplight.');
    await check(b.projectId, sceneId);
    const issues = await open(b.projectId);
    expect(issues).toHaveLength(1);
    const issue = issues[0] as ContinuityIssue;
    expect(issue).toMatchObject({
      entryId: b.mara.id,
      entityName: 'Mara',
      attribute: 'eye colour',
      summary: 'Mara’s eyes are grey in the codex, green in chapter 12, scene 3.',
      status: 'open',
      resolution: null,
      found: { type: 'scene', id: sceneId, chapterId: b.chapterId, label: 'Chapter 12, scene 3', value: 'green', quote: 'Mara’s eyes were green in the lamplight' },
      against: { type: 'codex', id: b.mara.id, value: 'grey', quote: 'Eye colour: grey', chapterId: null, range: null },
    });
    const text = documentToPlainText((await call('scene.get', { id: sceneId })).content);
    const range = issue.found.range as { from: number; to: number };
    expect(text.slice(range.from, range.to)).toBe('Mara’s eyes were green in the lamplight');
    expect(ai.events.some((e) => e.name === 'continuity.changed' && (e.payload as { projectId: string }).projectId === b.projectId)).toBe(true);
  });

  it('compares with what the codex description says when the profile has no such detail', async () => {
    const b = await book();
    await call('codex.update', { id: b.tomas.id, description: 'A fisherman. Tomas’s hair is black.' });
    await write(b.sceneIds[1] as string, 'Tomas’s hair was red.');
    await check(b.projectId, b.sceneIds[1]);
    const [issue] = await open(b.projectId);
    expect(issue).toMatchObject({
      summary: 'Tomas’s hair is black in the codex, red in chapter 12, scene 2.',
      against: { type: 'codex', id: b.tomas.id, label: 'Codex · Tomas · description', value: 'black', quote: 'Tomas’s hair is black' },
    });
    expect(await call('continuity.proposeCodexChange', { issueId: (issue as ContinuityIssue).id })).toMatchObject({ field: 'Hair colour', before: null, after: 'red' });
  });

  it('hides the open issues of a scene in the trash until it is restored', async () => {
    const b = await book();
    const sceneId = b.sceneIds[0] as string;
    await write(sceneId, 'Mara’s eyes were green.');
    await check(b.projectId, sceneId);
    await call('scene.delete', { id: sceneId });
    expect(await open(b.projectId)).toEqual([]);
    await call('trash.restore', { kind: 'scene', id: sceneId });
    expect(await open(b.projectId)).toHaveLength(1);
  });

  it('remembers a relationship as one associative memory with both markers, however often the scene is checked', async () => {
    const b = await book();
    const sceneId = b.sceneIds[0] as string;
    await write(sceneId, 'Tomas watched Mara, his sister, climb the stairs.');
    await check(b.projectId, sceneId);
    await check(b.projectId);
    const memories = await call('memory.list', { projectId: b.projectId, kinds: ['associative'] });
    expect(memories).toHaveLength(1);
    expect(memories[0]).toMatchObject({ kind: 'associative', content: 'Tomas — sister — Mara', source: { type: 'scene', id: sceneId } });
    expect([...(memories[0]?.markers ?? [])].sort()).toEqual(['character:Mara', 'character:Tomas']);
    expect(await open(b.projectId)).toEqual([]);
    await write(sceneId, 'Tomas watched the stairs.');
    await check(b.projectId, sceneId);
    expect(await call('memory.list', { projectId: b.projectId, kinds: ['associative'] })).toEqual([]);
  });

  it('leaves the same rows when the same text is checked again', async () => {
    const b = await book();
    const sceneId = b.sceneIds[0] as string;
    await write(sceneId, 'Mara’s eyes were green.');
    await check(b.projectId, sceneId);
    const before = await open(b.projectId);
    await check(b.projectId, sceneId);
    await check(b.projectId);
    expect(await open(b.projectId)).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('finds two scenes disagreeing when the codex says nothing, the later one flagged against the earlier', async () => {
    const b = await book();
    await write(b.firstSceneId, 'Tomas’s hair was black.');
    await write(b.sceneIds[0] as string, 'Tomas’s hair was red as rust.');
    await check(b.projectId);
    const issues = await open(b.projectId);
    expect(issues.map((i) => i.summary)).toEqual(['Tomas’s hair is black in chapter 1, scene 1, red in chapter 12, scene 1.']);
    expect(issues[0]).toMatchObject({ found: { id: b.sceneIds[0], value: 'red' }, against: { type: 'scene', id: b.firstSceneId, value: 'black', label: 'Chapter 1, scene 1' } });
  });

  it('never flags an intended contradiction again, even in another scene', async () => {
    const b = await book();
    await write(b.sceneIds[0] as string, 'Mara’s eyes were green.');
    await check(b.projectId);
    const [issue] = await open(b.projectId);
    const resolved = await call('continuity.resolve', { issueId: (issue as ContinuityIssue).id, resolution: 'intended' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'intended' });
    await write(b.sceneIds[1] as string, 'The Keeper’s eyes were green, as ever.');
    await check(b.projectId);
    expect(await open(b.projectId)).toEqual([]);
    expect(await call('continuity.list', { projectId: b.projectId, status: 'resolved' })).toHaveLength(1);
  });

  it('closes an issue by itself once the text is fixed and the scene checked after its save', async () => {
    const b = await book();
    const sceneId = b.sceneIds[0] as string;
    await write(sceneId, 'Mara’s eyes were green.');
    await check(b.projectId, sceneId);
    const [issue] = await open(b.projectId);
    const pending = await call('continuity.resolve', { issueId: (issue as ContinuityIssue).id, resolution: 'fixed-text' });
    expect(pending.status).toBe('open');
    await write(sceneId, 'Mara’s eyes were grey.');
    // The save queued a check (idle time 0 in this test); wait for the jobs to finish.
    await ai.fake.waitFor(() => ai.t.core.services.jobs.list({ kinds: ['continuity.check'] }).every((j) => ['succeeded', 'failed', 'cancelled'].includes(j.status)), 10_000);
    expect(await open(b.projectId)).toEqual([]);
    const [closed] = await call('continuity.list', { projectId: b.projectId, status: 'resolved' });
    expect(closed).toMatchObject({ id: (issue as ContinuityIssue).id, resolution: 'fixed-text' });
  });

  it('changes the codex only when the writer approves the proposal, and only once', async () => {
    const b = await book();
    await write(b.sceneIds[0] as string, 'Mara’s eyes were green.');
    await check(b.projectId);
    const [issue] = await open(b.projectId);
    const issueId = (issue as ContinuityIssue).id;
    const proposal = await call('continuity.proposeCodexChange', { issueId });
    expect(proposal).toEqual({ issueId, entryId: b.mara.id, field: 'Eye colour', before: 'grey', after: 'green' });
    const codexNow = async () => (await call('codex.list', { projectId: b.projectId })).find((e) => e.id === b.mara.id);
    expect((await codexNow())?.profile).toEqual({ 'Eye colour': 'grey' });
    expect(await ai.t.raw('continuity.resolve', { issueId, resolution: 'codex-updated' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await codexNow())?.profile).toEqual({ 'Eye colour': 'grey' });

    const resolved = await call('continuity.resolve', { issueId, resolution: 'codex-updated', proposal });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'codex-updated' });
    const updated = await codexNow();
    expect(updated?.profile).toEqual({ 'Eye colour': 'green' });
    await call('continuity.resolve', { issueId, resolution: 'codex-updated', proposal });
    expect((await codexNow())?.updatedAt).toBe(updated?.updatedAt);
    await check(b.projectId);
    expect(await open(b.projectId)).toEqual([]);
  });

  it('opens nothing again when the writer approves a codex change while a check waits for the model', async () => {
    const b = await book();
    await write(b.sceneIds[0] as string, 'Mara’s eyes were green.');
    await check(b.projectId);
    const [issue] = await open(b.projectId);
    const issueId = (issue as ContinuityIssue).id;
    const proposal = await call('continuity.proposeCodexChange', { issueId });
    // The next check read the codex (grey) before its model call; the writer approves meanwhile.
    ai.fake.failNext({ firstTokenDelayMs: 600 }, { times: 5 });
    const job = await call('continuity.check', { projectId: b.projectId, sceneId: b.sceneIds[0] as string });
    await ai.fake.waitFor(() => ai.fake.openRequests().length > 0, 5_000);
    await call('continuity.resolve', { issueId, resolution: 'codex-updated', proposal });
    expect(await ai.t.core.services.jobs.whenFinished(job.id)).toMatchObject({ status: 'succeeded' });
    expect(await open(b.projectId)).toEqual([]);
  });

  it('closes an issue as codex-updated when the writer edits the codex to agree', async () => {
    const b = await book();
    await write(b.sceneIds[0] as string, 'Mara’s eyes were green.');
    await check(b.projectId);
    await call('codex.update', { id: b.mara.id, profile: { 'Eye colour': 'green' } });
    await ai.fake.waitFor(() => ai.t.core.services.jobs.list({ kinds: ['continuity.check'] }).every((j) => ['succeeded', 'failed', 'cancelled'].includes(j.status)), 10_000);
    expect(await open(b.projectId)).toEqual([]);
    expect((await call('continuity.list', { projectId: b.projectId, status: 'resolved' })).map((i) => i.resolution)).toEqual(['codex-updated']);
  });

  it('without a reachable model, a background check stands down quietly and a requested one fails with a sentence', async () => {
    const b = await book();
    await ai.fake.close();
    const sceneId = b.sceneIds[0] as string;
    await write(sceneId, 'Mara’s eyes were green.');
    await ai.fake.waitFor(() => ai.t.core.services.jobs.list({ kinds: ['continuity.check'] }).some((j) => j.status === 'succeeded'), 10_000);
    const [background] = ai.t.core.services.jobs.list({ kinds: ['continuity.check'] });
    expect(background?.progress.message).toMatch(/^Not checked: .*Ollama/);
    const job = await call('continuity.check', { projectId: b.projectId, sceneId });
    const failed = await ai.t.core.services.jobs.whenFinished(job.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_UNREACHABLE' } });
    expect(failed.error?.message).toMatch(/^Ollama isn’t running/);
    expect(failed.error?.message).not.toMatch(/\bat [\w$.<>]+ \(|\w*Error: /);
  });

  it('queues no check after a save in a book without a codex', async () => {
    const project = await call('project.create', { title: 'No Codex' });
    const sceneId = (await call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id as string;
    await write(sceneId, 'Mara’s eyes were green.');
    expect(ai.t.core.services.jobs.list({ kinds: ['continuity.check'] })).toEqual([]);
  });

  it('checks a scene by itself once it has been saved and left idle', async () => {
    const b = await book();
    await write(b.sceneIds[0] as string, 'Mara’s eyes were green.');
    await ai.fake.waitFor(() => ai.events.some((e) => e.name === 'job.changed' && (e.payload as Job).kind === 'continuity.check' && (e.payload as Job).status === 'succeeded'), 10_000);
    expect((await open(b.projectId)).map((i) => i.attribute)).toEqual(['eye colour']);
  });
});
