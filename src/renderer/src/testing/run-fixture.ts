import type { Plan } from '../../../shared/models/plans';
import type { Proposal, Run, RunStep } from '../../../shared/models/runs';

export const CREW_PROJECT = '00000000-0000-4000-8000-00000000d0a1';
export const RUN_ID = '00000000-0000-4000-8000-00000000d0b1';
export const SCENE_ID = '00000000-0000-4000-8000-00000000d0c1';
export const CHAPTER_ID = '00000000-0000-4000-8000-00000000d0c2';

/** "Draft a chapter": beats, drafts fanned out per beat, an editor pass. */
export const DRAFT_PLAN: Plan = {
  target: 'chapter',
  steps: [
    { id: 'beats', kind: 'agent', title: 'Plan the beats', agent: 'plot_alchemist', capability: 'beats', inputs: { outline: '$chapter.outline' }, dependsOn: [], propose: [] },
    { id: 'draft_scenes', kind: 'agent', title: 'Draft the scenes', agent: 'writer', capability: 'draft-scene', inputs: { beat: '$item' }, dependsOn: ['beats'], forEach: '$steps.beats.output.beats', propose: [{ target: 'scene-text', scene: '$item.sceneId', text: '$output.text' }] },
    { id: 'edit_pass', kind: 'agent', title: 'Editor pass', agent: 'editor', capability: 'edit-pass', inputs: {}, dependsOn: ['draft_scenes'], propose: [] },
  ],
};

/** A running run of {@link DRAFT_PLAN}; tests override what they look at. */
export function testRun(patch: Partial<Run> = {}): Run {
  return {
    id: RUN_ID,
    projectId: CREW_PROJECT,
    sessionId: null,
    title: 'Draft a chapter from its outline — Chapter 4',
    playbookId: 'draft-chapter',
    request: 'draft chapter 4',
    target: { chapterId: CHAPTER_ID },
    plan: DRAFT_PLAN,
    status: 'running',
    wait: null,
    jobId: null,
    traceId: 'trace-run-0001',
    tokensIn: 1200,
    tokensOut: 800,
    costUsd: 0.0123,
    error: null,
    createdAt: 1_000,
    startedAt: 1_000,
    finishedAt: null,
    seq: 1,
    ...patch,
  };
}

/** A finished step of the run; tests override what they look at. */
export function testStep(patch: Partial<RunStep> & Pick<RunStep, 'key'>): RunStep {
  const [stepId = patch.key, index] = patch.key.split('#');
  return {
    runId: RUN_ID,
    stepId,
    index: index === undefined ? null : Number(index),
    title: stepId,
    kind: 'agent',
    agentId: 'writer',
    capability: 'draft-scene',
    status: 'succeeded',
    attempts: 1,
    input: {},
    output: null,
    text: '',
    streamId: null,
    error: null,
    model: 'fake/writer-1',
    promptId: 'agent-writer-draft',
    promptVersion: 3,
    tokensIn: 100,
    tokensOut: 50,
    costUsd: 0.001,
    timings: { contextMs: 12, modelMs: 1_500, validateMs: 3 },
    traceId: `trace-${patch.key}`,
    startedAt: 1_000,
    finishedAt: 2_500,
    ...patch,
  };
}

/** A pending scene-text proposal; tests override what they look at. */
export function testProposal(patch: Partial<Proposal> & Pick<Proposal, 'id'>): Proposal {
  return {
    runId: RUN_ID,
    projectId: CREW_PROJECT,
    stepKey: 'draft_scenes#0',
    agentId: 'writer',
    key: `scene:${SCENE_ID}`,
    change: { type: 'scene-text', sceneId: SCENE_ID, sceneTitle: 'The Lighthouse', baseRevision: 3, before: 'The lamp was dark.', after: 'The lamp burned bright.' },
    edited: null,
    status: 'pending',
    violations: [],
    note: null,
    createdAt: 2_000,
    decidedAt: null,
    ...patch,
  };
}
