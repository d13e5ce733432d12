import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/models/plans';
import { createCrewDoubles } from '../../testing/crew-doubles';
import { createTestCore } from '../../testing/test-core';
import { createLogger } from '../platform/logger';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const plan: Plan = {
  target: 'none',
  steps: [{ id: 'draft', kind: 'agent', title: 'Draft', agent: 'writer', capability: 'draft-scene', inputs: { beat: '$request' }, dependsOn: [], propose: [] }],
};

describe('agent runs, observed', () => {
  it('logs the run’s and each step’s trace id, streams the step text under its streamId and records usage and timings', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const crew = createCrewDoubles();
    const t = createTestCore({ inMemory: true, config: { logger, crew: crew.parts } });
    cleanups.push(() => t.dispose());
    const deltas: Array<{ streamId: string; text: string }> = [];
    t.core.events.subscribe((name, payload) => {
      if (name === 'stream.delta') deltas.push(payload as { streamId: string; text: string });
    });
    const project = await t.call('project.create', { title: 'Traces' });
    const started = await t.call('runs.start', { projectId: project.id, plan, request: 'A storm at sea' });
    await t.core.services.jobs.whenFinished(started.jobId ?? '');
    const { run, steps } = await t.call('runs.get', { id: started.id });
    const [step] = steps;
    if (!step) throw new Error('no step');

    expect(run.traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(step.traceId).toMatch(/^[0-9a-f]{12}$/);
    expect(step.traceId).not.toBe(run.traceId);
    expect(lines.find((line) => line.msg === 'run ended')).toMatchObject({ trace: run.traceId, jobId: started.jobId, status: 'completed' });
    expect(lines.find((line) => line.msg === 'step succeeded')).toMatchObject({ trace: step.traceId, runTrace: run.traceId, stepKey: 'draft', tokensIn: 10, tokensOut: 20 });

    expect(step.streamId).not.toBeNull();
    expect(deltas.filter((delta) => delta.streamId === step.streamId).map((delta) => delta.text).join('')).toBe(step.text);
    expect(step.text).toContain('writer/draft-scene');
    expect(step).toMatchObject({ status: 'succeeded', attempts: 1, model: 'fake/scripted', promptId: 'agent-draft-scene', promptVersion: 1, costUsd: 0.001, timings: { contextMs: 1, modelMs: 2, validateMs: 0.5 } });
    expect(step.startedAt).not.toBeNull();
    expect(step.finishedAt ?? 0).toBeGreaterThanOrEqual(step.startedAt ?? Infinity);
    expect(run).toMatchObject({ tokensIn: 10, tokensOut: 20, costUsd: 0.001 });
    expect(crew.audit.entries).toMatchObject([
      { action: 'step', status: 'ok', runId: run.id, stepKey: 'draft', agentId: 'writer', input: { beat: 'A storm at sea' }, model: 'fake/scripted', promptVersion: 1, traceId: step.traceId, tokensIn: 10, tokensOut: 20, costUsd: 0.001 },
    ]);
  });
});
