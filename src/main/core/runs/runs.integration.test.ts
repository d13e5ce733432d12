import { afterEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Plan, Playbook } from '../../../shared/models/plans';
import type { Run, RunDetail } from '../../../shared/models/runs';
import { createCrewDoubles, createScriptedExecutor, TEST_AGENTS, type ScriptedExecutorOptions } from '../../testing/crew-doubles';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function setup(script: ScriptedExecutorOptions = {}, playbooks: Playbook[] = []) {
  let test: TestCore | null = null;
  const executor = createScriptedExecutor(script);
  const crew = createCrewDoubles({ executor, playbooks, onProposalsChanged: (runId) => test?.core.services.runs.onRunProposalsChanged(runId) });
  test = createTestCore({ inMemory: true, config: { crew: crew.parts, runs: { retry: { backoff: { baseMs: 1, maxMs: 2 } } } } });
  const t = test;
  cleanups.push(() => t.dispose());
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const chapter = await t.call('chapter.create', { projectId: project.id, title: 'Chapter 4' });
  const scene = await t.call('scene.create', { chapterId: chapter.id, title: 'The harbour' });
  await t.call('scene.save', { id: scene.id, content: doc('Mara waits at the harbour.'), baseRevision: 0 });
  /** Starts a plan and waits until its job has ended (the run finished or waits for the writer). */
  const run = async (plan: Plan, options: { request?: string; target?: { chapterId?: string; sceneId?: string } } = {}): Promise<RunDetail> => {
    const started = await t.call('runs.start', { projectId: project.id, plan, request: options.request ?? 'Draft it', target: options.target ?? {} });
    return settle(started);
  };
  const settle = async (started: Run): Promise<RunDetail> => {
    if (started.jobId) await t.core.services.jobs.whenFinished(started.jobId);
    return t.call('runs.get', { id: started.id });
  };
  return { t, executor, crew, project, chapter, scene, run, settle };
}

const step = (key: string, detail: RunDetail) => {
  const found = detail.steps.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no step ${key} in ${detail.steps.map((s) => s.key).join(', ')}`);
  return found;
};

/** An agent step giving its capability's declared inputs (empty unless `extra.inputs` names them), as plan validation asks. */
const agentStep = (id: string, agent: string, capability: string, extra: Record<string, unknown> = {}) => {
  const declared = TEST_AGENTS.find((a) => a.id === agent)?.capabilities.find((c) => c.id === capability)?.inputs ?? [];
  const inputs = { ...Object.fromEntries(declared.map((name) => [name, ''])), ...(extra.inputs as Record<string, string> | undefined) };
  return { id, kind: 'agent', title: id, agent, capability, dependsOn: [], propose: [], ...extra, inputs } as Plan['steps'][number];
};

describe('agent runs', () => {
  it('fans a step out per item, joins the branches in item order and proposes from each branch', async () => {
    const { run, executor, chapter, scene, t, crew } = await setup({
      answer: (request) => (request.capability === 'beats' ? { beats: [{ title: 'Arrival' }, { title: 'Storm' }, { title: 'Escape' }] } : { text: `${request.capability}: ${request.inputs.beat ?? request.inputs.draft}` }),
    });
    const plan: Plan = {
      target: 'chapter',
      steps: [
        agentStep('beats', 'plot_alchemist', 'beats', { inputs: { request: '$chapter.outline' } }),
        agentStep('draft', 'writer', 'draft-scene', {
          dependsOn: ['beats'],
          forEach: '$steps.beats.output.beats',
          inputs: { beat: '$item.title' },
          propose: [{ target: 'new-scene', title: '$item.title', text: '$output.text' }],
        }),
        agentStep('review', 'editor', 'review', { dependsOn: ['draft'], inputs: { draft: '$steps.draft.output' } }),
      ],
    };
    const detail = await run(plan, { target: { chapterId: chapter.id } });
    expect(detail.steps.map((s) => [s.key, s.status])).toEqual([
      ['beats', 'succeeded'],
      ['draft#0', 'succeeded'],
      ['draft#1', 'succeeded'],
      ['draft#2', 'succeeded'],
      ['review', 'succeeded'],
    ]);
    expect(step('beats', detail).input).toEqual({ request: `[${scene.id}] The harbour` });
    expect(step('draft#1', detail)).toMatchObject({ index: 1, stepId: 'draft', input: { beat: 'Storm' }, text: 'draft-scene: Storm', model: 'fake/scripted', tokensIn: 10, tokensOut: 20 });
    expect(JSON.parse(step('review', detail).input.draft ?? '')).toEqual([{ text: 'draft-scene: Arrival' }, { text: 'draft-scene: Storm' }, { text: 'draft-scene: Escape' }]);
    expect([...executor.calls.entries()].sort()).toEqual([['beats', 1], ['draft#0', 1], ['draft#1', 1], ['draft#2', 1], ['review', 1]]);
    expect(detail.run).toMatchObject({ status: 'review', tokensIn: 50, tokensOut: 100, wait: null });
    expect(detail.proposals.map((p) => [p.stepKey, p.key, p.change.type === 'new-scene' && p.change.title])).toEqual([
      ['draft#0', 'new-scene:0', 'Arrival'],
      ['draft#1', 'new-scene:0', 'Storm'],
      ['draft#2', 'new-scene:0', 'Escape'],
    ]);
    expect(crew.audit.entries.map((entry) => [entry.stepKey, entry.status, entry.action])).toHaveLength(5);
    expect(crew.audit.entries.every((entry) => entry.traceId !== null && entry.status === 'ok' && entry.model === 'fake/scripted')).toBe(true);
    // Once every proposal is decided the run is complete.
    for (const proposal of detail.proposals) crew.proposals.decide(proposal.id, 'rejected');
    expect((await t.call('runs.get', { id: detail.run.id })).run.status).toBe('completed');
  });

  it('skips a step whose guard does not hold (output null) so the complementary branch runs and the join still fires', async () => {
    const { run, executor } = await setup({
      answer: (request) => (request.capability === 'beats' ? { mood: 'dark', beats: [] } : { text: `${request.stepKey} ${request.inputs.draft ?? ''}`.trim() }),
    });
    const detail = await run({
      target: 'none',
      steps: [
        agentStep('classify', 'plot_alchemist', 'beats'),
        agentStep('dark_path', 'writer', 'draft-scene', { dependsOn: ['classify'], when: { ref: '$steps.classify.output.mood', equals: 'dark' } }),
        agentStep('light_path', 'writer', 'draft-scene', { dependsOn: ['classify'], when: { ref: '$steps.classify.output.mood', notEquals: 'dark' } }),
        agentStep('none_each', 'writer', 'draft-scene', { dependsOn: ['classify'], forEach: '$steps.classify.output.beats', inputs: { beat: '$item' } }),
        agentStep('guarded_each', 'writer', 'draft-scene', { dependsOn: ['classify'], forEach: '$steps.classify.output.beats', when: { ref: '$request', equals: 'never' } }),
        agentStep('join', 'editor', 'review', { dependsOn: ['dark_path', 'light_path', 'none_each', 'guarded_each'], inputs: { draft: '$steps.dark_path.output.text' } }),
      ],
    });
    expect(Object.fromEntries(detail.steps.map((s) => [s.key, [s.status, s.output]]))).toEqual({
      classify: ['succeeded', { mood: 'dark', beats: [] }],
      dark_path: ['succeeded', { text: 'dark_path' }],
      light_path: ['skipped', null],
      none_each: ['succeeded', []],
      guarded_each: ['skipped', null],
      join: ['succeeded', { text: 'join dark_path' }],
    });
    expect(executor.calls.get('light_path')).toBeUndefined();
    expect(detail.run.status).toBe('completed');
  });

  it('pauses for the writer’s answer (no running job meanwhile) and goes on with it', async () => {
    const { run, executor, t, settle } = await setup();
    const waiting = await run({
      target: 'none',
      steps: [{ id: 'ask', kind: 'ask', title: 'Which ending?', question: 'Happy or sad?', dependsOn: [] }, agentStep('write', 'writer', 'draft-scene', { dependsOn: ['ask'], inputs: { beat: '$answer.ask' } })],
    });
    expect(waiting.run).toMatchObject({ status: 'waiting', wait: { kind: 'question', stepKey: 'ask', question: 'Happy or sad?' } });
    expect(step('ask', waiting).status).toBe('waiting');
    expect((await t.call('jobs.get', { id: waiting.run.jobId ?? '' })).status).toBe('succeeded');
    expect(executor.total()).toBe(0);
    const answered = await settle(await t.call('runs.answer', { id: waiting.run.id, answer: 'Sad' }));
    expect(answered.run.status).toBe('completed');
    expect(step('ask', answered)).toMatchObject({ status: 'succeeded', output: 'Sad' });
    expect(step('write', answered).input).toEqual({ beat: 'Sad' });
    expect(executor.total()).toBe(1);
  });

  it('cancels a run that waits for the writer without any job running', async () => {
    const { run, t } = await setup();
    const waiting = await run({ target: 'none', steps: [{ id: 'ask', kind: 'ask', title: 'Which ending?', question: 'Happy or sad?', dependsOn: [] }] });
    expect(waiting.run.status).toBe('waiting');
    const cancelled = await t.call('runs.cancel', { id: waiting.run.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', wait: null });
    expect(step('ask', await t.call('runs.get', { id: waiting.run.id })).status).toBe('cancelled');
    await expect(t.call('runs.answer', { id: waiting.run.id, answer: 'Sad' })).rejects.toThrow(/CONFLICT/);
  });

  it('retries a transient failure with back-off but never a validation failure, which waits for the writer', async () => {
    const { run, executor } = await setup({
      fail: (request, call) => {
        if (request.stepKey === 'flaky' && call <= 2) return new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not running.');
        if (request.stepKey === 'invalid') return new AppError(ErrorCode.INVALID_OUTPUT, 'The answer did not match its form.');
        return null;
      },
    });
    const flaky = await run({ target: 'none', steps: [agentStep('flaky', 'writer', 'draft-scene')] });
    expect(executor.calls.get('flaky')).toBe(3);
    expect(step('flaky', flaky)).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    expect(flaky.run.status).toBe('completed');

    const invalid = await run({ target: 'none', steps: [agentStep('invalid', 'writer', 'draft-scene'), agentStep('after', 'editor', 'review', { dependsOn: ['invalid'] })] });
    expect(executor.calls.get('invalid')).toBe(1);
    expect(step('invalid', invalid)).toMatchObject({ status: 'failed', attempts: 1, error: { code: ErrorCode.INVALID_OUTPUT, category: 'validation' } });
    expect(invalid.run).toMatchObject({ status: 'waiting', wait: { kind: 'step-failed', stepKey: 'invalid' } });
    expect(invalid.steps.map((s) => s.key)).not.toContain('after');
  });

  it('waits between attempts through the timers port: full jitter on a doubling ceiling', async () => {
    const waits: number[] = [];
    const executor = createScriptedExecutor({ fail: (_request, call) => (call <= 2 ? new AppError(ErrorCode.RATE_LIMITED, 'Slow down.') : null) });
    const t = createTestCore({
      inMemory: true,
      config: {
        crew: createCrewDoubles({ executor }).parts,
        random: { next: () => 0.5 },
        timers: {
          schedule: (fn, ms) => {
            waits.push(ms);
            setImmediate(fn);
            return () => undefined;
          },
        },
        runs: { retry: { backoff: { baseMs: 1_000, maxMs: 1_500 } } },
      },
    });
    cleanups.push(() => t.dispose());
    const project = await t.call('project.create', { title: 'Backoff' });
    const started = await t.call('runs.start', { projectId: project.id, plan: { target: 'none', steps: [agentStep('draft', 'writer', 'draft-scene')] } });
    await t.core.services.jobs.whenFinished(started.jobId ?? '');
    expect((await t.call('runs.get', { id: started.id })).run.status).toBe('completed');
    // Retry 1: half of 1 000 ms; retry 2: half of min(1 500, 2 000) ms.
    // The job runner's wake-up for a debounced job (seconds away) goes through the same port.
    expect(waits.filter((ms) => ms < 1_500)).toEqual([500, 750]);
    expect(executor.calls.get('draft')).toBe(3);
  });

  it('applies the writer’s decision on a failed step: skip goes on with null, retry calls again, cancel ends the run', async () => {
    let broken = true;
    const { run, executor, t, settle } = await setup({
      fail: (request) => (broken && request.stepKey === 'draft' ? new AppError(ErrorCode.NOT_FOUND, 'The scene is gone.') : null),
      answer: (request) => ({ text: `${request.stepKey}:${request.inputs.draft ?? ''}` }),
    });
    const plan: Plan = { target: 'none', steps: [agentStep('draft', 'writer', 'draft-scene'), agentStep('review', 'editor', 'review', { dependsOn: ['draft'], inputs: { draft: '$steps.draft.output.text' } })] };

    const skipped = await run(plan);
    expect(skipped.run.wait).toEqual({ kind: 'step-failed', stepKey: 'draft' });
    const afterSkip = await settle(await t.call('runs.decide', { id: skipped.run.id, stepKey: 'draft', action: 'skip' }));
    expect(step('draft', afterSkip)).toMatchObject({ status: 'skipped', output: null });
    expect(step('review', afterSkip)).toMatchObject({ status: 'succeeded', input: { draft: '' } });
    expect(executor.calls.get('draft')).toBe(1);

    const retried = await run(plan);
    broken = false;
    const afterRetry = await settle(await t.call('runs.decide', { id: retried.run.id, stepKey: 'draft', action: 'retry' }));
    expect(step('draft', afterRetry)).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    expect(step('review', afterRetry).input).toEqual({ draft: 'draft:' });
    expect(afterRetry.run.status).toBe('completed');

    broken = true;
    const cancelled = await run(plan);
    const afterCancel = await t.call('runs.decide', { id: cancelled.run.id, stepKey: 'draft', action: 'cancel' });
    expect(afterCancel.status).toBe('cancelled');
    await expect(t.call('runs.decide', { id: cancelled.run.id, stepKey: 'draft', action: 'retry' })).rejects.toThrow(/CONFLICT/);
  });

  it('takes a decision on a step that failed while a parallel branch still runs, in the same job', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { t, project, settle, executor } = await setup({
      fail: (request) => (request.stepKey === 'bad' ? new AppError(ErrorCode.INVALID_OUTPUT, 'The answer did not match its form.') : null),
    });
    const slowExecutor = executor.execute.bind(executor);
    executor.execute = async (request) => {
      if (request.stepKey === 'slow') await released;
      return slowExecutor(request);
    };
    const plan: Plan = {
      target: 'none',
      steps: [agentStep('bad', 'writer', 'draft-scene'), agentStep('slow', 'writer', 'draft-scene'), agentStep('join', 'editor', 'review', { dependsOn: ['bad', 'slow'] })],
    };
    const started = await t.call('runs.start', { projectId: project.id, plan });
    const failedStep = async () => (await t.call('runs.get', { id: started.id })).steps.find((s) => s.key === 'bad')?.status;
    while ((await failedStep()) !== 'failed') await new Promise((resolve) => setTimeout(resolve, 5));
    const decided = await t.call('runs.decide', { id: started.id, stepKey: 'bad', action: 'skip' });
    expect(decided).toMatchObject({ status: 'running', jobId: started.jobId });
    release();
    const detail = await settle(started);
    expect(detail.run.status).toBe('completed');
    expect(detail.steps.map((s) => [s.key, s.status])).toEqual([
      ['bad', 'skipped'],
      ['slow', 'succeeded'],
      ['join', 'succeeded'],
    ]);
    expect(executor.calls.get('bad')).toBe(1);
  });

  it('cancels a run mid-step: the executor sees the abort, the job ends cancelled, pending proposals stay', async () => {
    let started: () => void = () => undefined;
    const midStep = new Promise<void>((resolve) => (started = resolve));
    const { t, scene, executor, crew } = await setup({
      delayMs: (request) => (request.stepKey === 'slow' ? 60_000 : 0),
      onCall: (event, request) => {
        if (event === 'start' && request.stepKey === 'slow') started();
      },
      answer: () => ({ text: 'A new harbour scene.' }),
    });
    const plan: Plan = {
      target: 'scene',
      steps: [
        agentStep('rewrite', 'writer', 'rewrite-scene', { propose: [{ target: 'scene-text', text: '$output.text' }] }),
        agentStep('slow', 'editor', 'review', { dependsOn: ['rewrite'] }),
      ],
    };
    const begun = await t.call('runs.start', { projectId: scene.projectId, plan, target: { sceneId: scene.id } });
    await midStep;
    const cancelled = await t.call('runs.cancel', { id: begun.id });
    expect(cancelled.status).toBe('cancelled');
    expect((await t.core.services.jobs.whenFinished(begun.jobId ?? '')).status).toBe('cancelled');
    const detail = await t.call('runs.get', { id: begun.id });
    expect(step('slow', detail).status).toBe('cancelled');
    expect(detail.run.status).toBe('cancelled');
    expect(executor.calls.get('slow')).toBe(1);
    expect(crew.proposals.forRun(begun.id)).toMatchObject([
      { key: `scene:${scene.id}`, status: 'pending', change: { type: 'scene-text', before: 'Mara waits at the harbour.', after: 'A new harbour scene.', baseRevision: 1 } },
    ]);
  });

  it('starts a playbook on its target, titled after both, and refuses an unknown playbook', async () => {
    const playbook: Playbook = {
      id: 'rewrite-scene',
      name: 'Rewrite a scene',
      description: 'One pass of the writer.',
      builtin: true,
      basedOn: null,
      startedFrom: 'chat',
      updatedAt: 0,
      plan: { target: 'scene', steps: [agentStep('rewrite', 'writer', 'rewrite-scene', { inputs: { scene_text: '$scene.text' }, propose: [{ target: 'scene-text', text: '$output.text' }] })] },
    };
    const { t, scene, settle, crew } = await setup({ answer: (request) => ({ text: `${request.inputs.scene_text} Then she sails.` }) }, [playbook]);
    const started = await t.call('runs.start', { projectId: scene.projectId, playbookId: 'rewrite-scene', target: { sceneId: scene.id } });
    expect(started).toMatchObject({ title: 'Rewrite a scene — The harbour', playbookId: 'rewrite-scene', status: 'queued' });
    const detail = await settle(started);
    expect(detail.run.status).toBe('review');
    expect(detail.proposals.map((p) => p.change)).toEqual([
      { type: 'scene-text', sceneId: scene.id, sceneTitle: 'The harbour', baseRevision: 1, before: 'Mara waits at the harbour.', after: 'Mara waits at the harbour. Then she sails.' },
    ]);
    expect((await t.call('jobs.get', { id: started.jobId ?? '' })).title).toBe('Rewrite a scene — The harbour');
    const proposal = crew.proposals.forRun(started.id)[0];
    if (proposal) crew.proposals.decide(proposal.id, 'applied');
    expect((await t.call('runs.get', { id: started.id })).run.status).toBe('completed');
    const unknown = await t.raw('runs.start', { projectId: scene.projectId, playbookId: 'nope' });
    expect(unknown.ok ? null : unknown.error.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('rejects a plan that cannot run, naming why', async () => {
    const { t, project } = await setup();
    const bad: Plan = {
      target: 'none',
      steps: [
        agentStep('a', 'writer', 'draft-scene', { dependsOn: ['b'] }),
        agentStep('b', 'writer', 'fly', { dependsOn: ['a'] }),
        agentStep('c', 'ghost', 'beats', { dependsOn: ['nowhere'] }),
      ],
    };
    const result = await t.raw('runs.start', { projectId: project.id, plan: bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.INVALID_INPUT);
    // A circle is reported with the unknown dependency; what the steps do is checked once they can be ordered.
    expect(result.error.message).toMatch(/“nowhere”/);
    expect(result.error.message).toMatch(/circle/);
    const unknown = await t.raw('runs.start', {
      projectId: project.id,
      plan: { target: 'none', steps: [agentStep('b', 'writer', 'fly'), agentStep('c', 'ghost', 'beats')] },
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT } });
    if (unknown.ok) return;
    expect(unknown.error.message).toMatch(/cannot “fly”/);
    expect(unknown.error.message).toMatch(/“ghost”/);
    const missingTarget = await t.raw('runs.start', { projectId: project.id, plan: { target: 'chapter', steps: [agentStep('a', 'writer', 'draft-scene')] } });
    expect(missingTarget.ok ? null : missingTarget.error.message).toBe('Choose the chapter this should work on.');
  });

  it('starts one agent’s capability as a one-step run, and emits run.changed with a rising seq', async () => {
    const { t, project, settle } = await setup();
    const seqs: number[] = [];
    t.core.events.subscribe((name, payload) => {
      if (name === 'run.changed') seqs.push((payload as { seq: number }).seq);
    });
    const begun = await t.call('runs.start', { projectId: project.id, agent: { agentId: 'plot_alchemist', capability: 'beats' }, request: 'What happens next?' });
    const detail = await settle(begun);
    expect(detail.run.status).toBe('completed');
    expect(step('step', detail).input).toEqual({ request: 'What happens next?' });
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBe(detail.run.seq);
    expect((await t.call('runs.list', { projectId: project.id })).map((listed) => listed.id)).toEqual([begun.id]);
  });
});
