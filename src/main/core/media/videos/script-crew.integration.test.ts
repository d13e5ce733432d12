import { afterEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { Video } from '../../../../shared/models/media';
import { startAiTestCore, type AiTestCore } from '../../../testing/ai-test-core';
import { createScriptedExecutor, type ScriptedExecutorOptions } from '../../../testing/crew-doubles';
import { createTestCore, doc, type TestCore } from '../../../testing/test-core';

/*
 * The media crew writes a video's script: the shipped playbooks run in the core (the real
 * runs, agents and prompts) against the fake provider's rule-based media answers, or a scripted
 * executor for the failures; the finished run becomes the video's draft.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function book(t: TestCore) {
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const chapter = await t.call('chapter.create', { projectId: project.id, title: 'The Harbour' });
  const scene = await t.call('scene.create', { chapterId: chapter.id, title: 'Arrival' });
  await t.call('scene.save', { id: scene.id, content: doc('Mara waits at the harbour for the boat.', 'It is late, and the sea is rising.'), baseRevision: 0 });
  return { project, chapter };
}

/** Waits for the run behind the video's draft to end, then reads the video. */
async function settled(t: TestCore, video: Video): Promise<Video> {
  const runId = video.draft?.runId;
  if (!runId) throw new Error('no draft');
  const { run } = await t.call('runs.get', { id: runId });
  if (run.jobId) await t.core.services.jobs.whenFinished(run.jobId);
  return t.call('media.videos.get', { id: video.id });
}

/** The media crew's answers by capability, for the scripted executor. */
function scriptedMediaAnswer(request: { capability: string }): unknown {
  switch (request.capability) {
    case 'generate-ideas':
      return { ideas: [{ title: 'The sea', angle: 'a', hook: 'h', themes: [], audience: 'readers', format: 'short' }] };
    case 'outline-sections':
      return { title: 'The sea', sections: [{ heading: 'Hook', summary: 's', beats: ['b'], transition: '', pacing: 'fast' }] };
    case 'write-script':
      return { title: 'The sea', scenes: [{ narration: 'The sea.', caption: 'Sea', visualDescription: 'Waves.', durationSeconds: 3 }] };
    case 'refine-script':
      return { title: 'The sea', scenes: [{ narration: 'The sea, rewritten.', caption: 'Sea', visualDescription: 'Waves.', durationSeconds: 3 }], changes: [] };
    default:
      return { scenes: [{ index: 1, camera: 'Wide', style: 'Film', mood: 'calm', lighting: '', background: '', transition: '' }] };
  }
}

async function withFakeProvider(): Promise<AiTestCore> {
  const ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest'], config: () => ({ ai: { retry: { maxAttempts: 1 } }, continuityIdleMs: 60_000 }) });
  cleanups.push(() => ai.close());
  return ai;
}

function withScriptedCrew(script: ScriptedExecutorOptions): TestCore {
  const t = createTestCore({ inMemory: true, config: { textWorker: null, crew: { executor: createScriptedExecutor(script) }, runs: { retry: { maxAttempts: 1, backoff: { baseMs: 1, maxMs: 2 } } } } });
  cleanups.push(() => t.dispose());
  return t;
}

describe('the media crew writes a video’s script', () => {
  it('from an idea: the run’s script goes straight into the empty video, visuals merged into each scene', async () => {
    const { t, events } = await withFakeProvider();
    const { project } = await book(t);
    const created = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'A lighthouse keeper finds a boat with no crew.' } });
    expect(created.draft).toMatchObject({ status: 'running', script: null, error: null });
    const video = await settled(t, created);
    const detail = await t.call('runs.get', { id: created.draft?.runId ?? '' });
    expect(detail.run).toMatchObject({ status: 'completed', playbookId: 'video-from-idea' });
    expect(detail.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['ideas', 'succeeded'],
      ['outline', 'succeeded'],
      ['script', 'succeeded'],
      ['rewrite', 'succeeded'],
      ['visuals', 'succeeded'],
    ]);
    expect(video.draft).toBeNull();
    expect(video.revision).toBe(1);
    const rewritten = (detail.steps.find((s) => s.stepId === 'rewrite')?.output as { scenes: Array<{ narration: string; caption: string }> }).scenes;
    // One scene per outline section (hook, build, turn, close), each from the rewrite, with a title card of its caption.
    expect(video.script.scenes).toHaveLength(4);
    expect(video.script.scenes.map((s) => s.narration)).toEqual(rewritten.map((s) => s.narration));
    for (const [n, scene] of video.script.scenes.entries()) {
      expect(scene.image).toEqual({ kind: 'title-card', text: rewritten[n]?.caption, background: '#1d2433' });
      expect(scene.visual).toContain('The same shot, held a beat longer.');
      expect(scene.visual).toContain(`Camera: ${n === 0 ? 'Slow push-in, close-up' : 'Wide shot, gentle pan'}.`);
      expect(scene.durationHintSec).toBeGreaterThanOrEqual(3);
    }
    expect(events.filter((e) => e.name === 'media.changed').map((e) => e.payload)).toEqual([
      { projectId: project.id, videoId: video.id },
      { projectId: project.id, videoId: video.id },
    ]);
  });

  it('from a chapter, again over a script the writer has: the draft waits; use replaces (revision +1), a stale use is a conflict', async () => {
    const { t } = await withFakeProvider();
    const { project, chapter } = await book(t);
    const created = await t.call('media.videos.create', { projectId: project.id, title: 'The Harbour', source: { kind: 'chapter', chapterId: chapter.id }, format: 'shorts-1080x1920' });
    const first = await settled(t, created);
    const detail = await t.call('runs.get', { id: created.draft?.runId ?? '' });
    expect(detail.run).toMatchObject({ status: 'completed', playbookId: 'video-from-chapter', target: { chapterId: chapter.id } });
    expect(detail.steps.find((s) => s.stepId === 'outline')?.input.idea).toContain('Mara waits at the harbour');
    expect(detail.steps.find((s) => s.stepId === 'rewrite')?.input.goal).toContain('short vertical video');
    expect(first.script.scenes.length).toBeGreaterThan(0);
    const mine = { scenes: [{ id: crypto.randomUUID(), narration: 'My own words.' }] };
    const edited = await t.call('media.videos.update', { id: first.id, baseRevision: first.revision, script: mine });

    const again = await t.call('media.script.generate', { id: first.id });
    expect(again.draft?.status).toBe('running');
    expect((await t.raw('media.script.generate', { id: first.id })).ok).toBe(false);
    const waiting = await settled(t, again);
    expect(waiting.draft).toMatchObject({ status: 'ready', error: null });
    expect(waiting.script.scenes.map((s) => s.narration)).toEqual(['My own words.']);
    expect(waiting.revision).toBe(edited.revision);

    const stale = await t.raw('media.script.useDraft', { id: first.id, baseRevision: edited.revision - 1 });
    expect(stale.ok === false && stale.error.code).toBe('CONFLICT');
    const used = await t.call('media.script.useDraft', { id: first.id, baseRevision: edited.revision });
    expect(used).toMatchObject({ draft: null, revision: edited.revision + 1 });
    expect(used.script).toEqual(waiting.draft?.script);
  });

  it('discarding a ready draft keeps the script; discarding a running one stops its run', async () => {
    const { t } = await withFakeProvider();
    const { project } = await book(t);
    const created = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'The sea.' } });
    const first = await settled(t, created);
    const ready = await settled(t, await t.call('media.script.generate', { id: first.id }));
    expect(ready.draft?.status).toBe('ready');
    const discarded = await t.call('media.script.discardDraft', { id: first.id });
    expect(discarded).toMatchObject({ draft: null, script: first.script, revision: first.revision });

    const running = await t.call('media.script.generate', { id: first.id });
    const stopped = await t.call('media.script.discardDraft', { id: first.id });
    expect(stopped.draft).toBeNull();
    const { run } = await t.call('runs.get', { id: running.draft?.runId ?? '' });
    expect(run.status).toBe('cancelled');
    expect((await t.call('media.videos.get', { id: first.id })).draft).toBeNull();
  });
});

describe('a video deleted while the crew writes', () => {
  it('stops its run', async () => {
    const t = withScriptedCrew({ answer: () => ({ ideas: [{ title: 'T' }] }) });
    const { project } = await book(t);
    const video = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'The sea.' } });
    await t.call('media.videos.delete', { id: video.id });
    const { run } = await t.call('runs.get', { id: video.draft?.runId ?? '' });
    expect(run.status).toBe('cancelled');
  });
});

describe('a crew run that does not give a script', () => {
  it('records a failed draft with its sentence when the outputs do not fit a script', async () => {
    const t = withScriptedCrew({ answer: (request) => (request.capability === 'refine-script' || request.capability === 'write-script' ? { title: 'x', scenes: [] } : { scenes: [], ideas: [] }) });
    const { project } = await book(t);
    const video = await settled(t, await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'The sea.' } }));
    expect(video.draft).toMatchObject({ status: 'failed', script: null });
    expect(video.draft?.error).toContain('without a script with scenes');
    expect(video.script.scenes).toEqual([]);
    // The writer can try again.
    expect((await t.call('media.script.generate', { id: video.id })).draft?.status).toBe('running');
  });

  it('fails the draft with the step’s sentence when a step fails; a retry from the run view writes it after all', async () => {
    const t = withScriptedCrew({
      fail: (request, call) => (request.capability === 'write-script' && call === 1 ? new AppError(ErrorCode.INVALID_OUTPUT, 'The model’s answer was not a script.') : null),
      answer: scriptedMediaAnswer,
    });
    const { project } = await book(t);
    const created = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'The sea.' } });
    const stuck = await settled(t, created);
    const runId = created.draft?.runId ?? '';
    expect((await t.call('runs.get', { id: runId })).run.status).toBe('waiting');
    expect(stuck.draft).toMatchObject({ runId, status: 'failed', error: 'The crew stopped at “Write the script”: The model’s answer was not a script. Retry the step from the run, or write the script again.' });
    const retried = await t.call('runs.decide', { id: runId, stepKey: 'script', action: 'retry' });
    if (retried.jobId) await t.core.services.jobs.whenFinished(retried.jobId);
    const done = await t.call('media.videos.get', { id: created.id });
    expect((await t.call('runs.get', { id: runId })).run.status).toBe('completed');
    expect(done).toMatchObject({ draft: null, revision: 1, script: { scenes: [{ narration: 'The sea, rewritten.', caption: 'Sea' }] } });
  });

  it('a run stuck on a failed step is stopped when the writer discards the draft, or writes it again', async () => {
    const t = withScriptedCrew({ fail: (request) => (request.capability === 'write-script' ? new AppError(ErrorCode.INVALID_OUTPUT, 'No script.') : null), answer: scriptedMediaAnswer });
    const { project } = await book(t);
    const created = await t.call('media.videos.create', { projectId: project.id, title: 'Trailer', source: { kind: 'idea', idea: 'The sea.' } });
    const stuck = await settled(t, created);
    const again = await t.call('media.script.generate', { id: stuck.id });
    expect((await t.call('runs.get', { id: created.draft?.runId ?? '' })).run.status).toBe('cancelled');
    const stuckAgain = await settled(t, again);
    expect(stuckAgain.draft?.status).toBe('failed');
    expect((await t.call('media.script.discardDraft', { id: stuck.id })).draft).toBeNull();
    expect((await t.call('runs.get', { id: again.draft?.runId ?? '' })).run.status).toBe('cancelled');
  });
});
