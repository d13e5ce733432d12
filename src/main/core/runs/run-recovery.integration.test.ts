import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/models/plans';
import { createCrewDoubles, createScriptedExecutor } from '../../testing/crew-doubles';
import { createTestCore, type TestCore } from '../../testing/test-core';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-run-recover-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'data');
}

function open(dataDir: string, executor = createScriptedExecutor()): TestCore {
  const test = createTestCore({ dataDir, config: { crew: createCrewDoubles({ executor }).parts } });
  cleanups.push(() => test.core.close());
  return test;
}

const askThenWrite: Plan = {
  target: 'none',
  steps: [
    { id: 'ask', kind: 'ask', title: 'Ending', question: 'Happy or sad?', dependsOn: [] },
    { id: 'write', kind: 'agent', title: 'Write', agent: 'writer', capability: 'draft-scene', inputs: { beat: '$answer.ask' }, dependsOn: ['ask'], propose: [] },
  ],
};

describe('agent runs at start', () => {
  it('queue again a run left queued without a job (a crash between the answer and its job)', async () => {
    const dataDir = folder();
    const first = open(dataDir);
    const project = await first.call('project.create', { title: 'Recover' });
    const started = await first.call('runs.start', { projectId: project.id, plan: askThenWrite });
    await first.core.services.jobs.whenFinished(started.jobId ?? '');
    first.core.close();
    cleanups.pop();
    // What runs.answer leaves if the process dies before the job is enqueued.
    const db = new Database(path.join(dataDir, 'nova.db'));
    db.prepare("update agent_runs set status = 'queued', wait = null, job_id = null where id = ?").run(started.id);
    db.prepare("update agent_run_steps set output = '\"Sad\"' where run_id = ? and key = 'ask'").run(started.id);
    db.close();

    const executor = createScriptedExecutor();
    const second = open(dataDir, executor);
    const jobId = second.core.services.runs.get(started.id).run.jobId;
    expect(jobId).not.toBeNull();
    await second.core.services.jobs.whenFinished(jobId ?? '');
    const detail = await second.call('runs.get', { id: started.id });
    expect(detail.run.status).toBe('completed');
    expect(detail.steps.find((step) => step.key === 'write')?.input).toEqual({ beat: 'Sad' });
    expect(executor.calls.get('write')).toBe(1);
  });

  it('end a run whose job was cancelled while the app was closed', async () => {
    const dataDir = folder();
    let started: () => void = () => undefined;
    const midStep = new Promise<void>((resolve) => (started = resolve));
    const first = open(dataDir, createScriptedExecutor({ delayMs: () => 60_000, onCall: () => started() }));
    const project = await first.call('project.create', { title: 'Recover' });
    const run = await first.call('runs.start', { projectId: project.id, plan: { target: 'none', steps: [{ id: 'write', kind: 'agent', title: 'Write', agent: 'writer', capability: 'draft-scene', inputs: { beat: '' }, dependsOn: [], propose: [] }] } });
    await midStep;
    first.core.close();
    cleanups.pop();
    const db = new Database(path.join(dataDir, 'nova.db'));
    db.prepare("update jobs set status = 'cancelled' where id = ?").run(run.jobId);
    db.close();

    const executor = createScriptedExecutor();
    const second = open(dataDir, executor);
    const detail = await second.call('runs.get', { id: run.id });
    expect(detail.run.status).toBe('cancelled');
    expect(detail.steps.map((step) => step.status)).toEqual(['cancelled']);
    expect(executor.total()).toBe(0);
  });
});
