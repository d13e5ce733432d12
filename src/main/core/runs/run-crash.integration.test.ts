import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrewDoubles, createScriptedExecutor } from '../../testing/crew-doubles';
import { crashAnswer } from '../../testing/run-crash-plan';
import { createTestCore } from '../../testing/test-core';


import { RUN_CHECKPOINTS_FILE } from './run-checkpoints';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const BRANCHES = 6;

/** Starts the child, and SIGKILLs it once `ended` branches have ended (the rest are mid-step). */
async function killMidFanOut(dataDir: string, ended: number): Promise<{ runId: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/testing/run-crash-child.ts', dataDir, String(BRANCHES)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const runId = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const id = /^run (\S+)$/m.exec(output)?.[1];
      const branchEnds = [...output.matchAll(/^done draft#\d+$/gm)].length;
      if (id && branchEnds >= ended) resolve(id);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`the child exited early:\n${output}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return { runId, output };
}

function stepsOnDisk(dataDir: string, runId: string): Map<string, string> {
  const db = new Database(path.join(dataDir, 'nova.db'), { readonly: true });
  try {
    const rows = db.prepare('select key, status from agent_run_steps where run_id = ?').all(runId) as Array<{ key: string; status: string }>;
    return new Map(rows.map((row) => [row.key, row.status]));
  } finally {
    db.close();
  }
}

describe('agent runs after a crash', () => {
  it('resume a run SIGKILLed mid-fan-out from its checkpoint: finished branches are not executed again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-run-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const { runId, output } = await killMidFanOut(dataDir, 2);
    expect(existsSync(path.join(dataDir, RUN_CHECKPOINTS_FILE))).toBe(true);

    const atKill = stepsOnDisk(dataDir, runId);
    const finished = [...atKill].filter(([, status]) => status === 'succeeded').map(([key]) => key);
    const startedBefore = [...output.matchAll(/^start (\S+)$/gm)].map((match) => match[1]);
    expect(finished).toEqual(expect.arrayContaining(['beats', 'draft#0', 'draft#1']));
    expect(finished.length).toBeLessThan(BRANCHES + 1);
    // Every branch had started: the unfinished ones were killed mid-step.
    expect(startedBefore).toEqual(expect.arrayContaining(Array.from({ length: BRANCHES }, (_, i) => `draft#${i}`)));

    const executor = createScriptedExecutor({ answer: crashAnswer(BRANCHES) });
    const test = createTestCore({ dataDir, config: { crew: createCrewDoubles({ executor }).parts } });
    cleanups.push(() => test.core.close());
    const jobId = test.core.services.runs.get(runId).run.jobId ?? '';
    expect((await test.core.services.jobs.whenFinished(jobId)).status).toBe('succeeded');

    const detail = await test.call('runs.get', { id: runId });
    expect(detail.run.status).toBe('completed');
    for (const key of finished) expect(executor.calls.get(key), `${key} ran again`).toBeUndefined();
    const unfinished = Array.from({ length: BRANCHES }, (_, i) => `draft#${i}`).filter((key) => !finished.includes(key));
    expect(unfinished.length).toBeGreaterThan(0);
    for (const key of [...unfinished, 'review']) expect(executor.calls.get(key), key).toBe(1);
    expect(detail.steps.map((s) => [s.key, s.status])).toEqual(
      ['beats', ...Array.from({ length: BRANCHES }, (_, i) => `draft#${i}`), 'review'].map((key) => [key, 'succeeded']),
    );
    const reviewed = JSON.parse(detail.steps.find((s) => s.key === 'review')?.input.draft ?? '[]') as Array<{ text: string }>;
    expect(reviewed.map((draft) => draft.text)).toEqual(Array.from({ length: BRANCHES }, (_, i) => `draft#${i}: beat ${i}`));
    // Its checkpoints went with the finished run.
    const checkpoints = new Database(path.join(dataDir, RUN_CHECKPOINTS_FILE), { readonly: true });
    expect(checkpoints.prepare('select count(*) from checkpoints where thread_id = ?').pluck().get(runId)).toBe(0);
    checkpoints.close();
  }, 60_000);
});
