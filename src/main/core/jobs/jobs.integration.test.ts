import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/models/jobs';
import { createTestCore, type TestCore } from '../../testing/test-core';
import { registerTestJobKinds, TEST_ROWS_KIND, testRowsOf } from '../../testing/test-job-kinds';
import type { AppDatabase } from '../db/connection';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The test cores below register the test kinds and keep the database the kinds write to. */
function coreWithTestKinds(dataDir?: string): { test: TestCore; database: () => AppDatabase } {
  let database: AppDatabase | undefined;
  const test = createTestCore({
    ...(dataDir !== undefined && { dataDir }),
    config: {
      jobKinds: (runner, deps) => {
        database = deps.database;
        registerTestJobKinds(runner, deps);
      },
    },
  });
  cleanups.push(() => test.dispose());
  return {
    test,
    database: () => {
      if (!database) throw new Error('the test kinds were not registered');
      return database;
    },
  };
}

/** Waits until the job has recorded at least `done` steps (its `job.changed` events). */
function progressReaches(test: TestCore, jobId: string, done: number): Promise<Job> {
  return new Promise((resolve) => {
    const stop = test.core.events.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'job.changed' && job.id === jobId && job.progress.done >= done) {
        stop();
        resolve(job);
      }
    });
  });
}

describe('durable jobs', () => {
  it('resumes a job whose core was killed mid-run and finishes it with no duplicate rows', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-job-crash-'));
    const dataDir = path.join(dir, 'data');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/testing/job-crash-child.ts', dataDir, '400'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Killed once it has written a good part of its rows, well before the end.
    const jobId = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const id = /^job (\S+)$/m.exec(output)?.[1];
        const done = Math.max(0, ...[...output.matchAll(/^progress (\d+)$/gm)].map((match) => Number(match[1])));
        if (id && done >= 40) resolve(id);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`the child exited early:\n${output}`)));
    });
    child.kill('SIGKILL');
    await exited;

    const { test, database } = coreWithTestKinds(dataDir);
    const interrupted = testRowsOf(database(), jobId);
    expect(interrupted.rows).toBeGreaterThanOrEqual(40);
    expect(interrupted.rows).toBeLessThan(400);
    const finished = await test.core.services.jobs.whenFinished(jobId);
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 2, progress: { done: 400, total: 400 } });
    expect(testRowsOf(database(), jobId)).toEqual({ rows: 400, distinct: 400 });
  }, 60_000);

  it('stops a cancelled job’s work: the handler sees the abort and writes no further rows', async () => {
    const { test, database } = coreWithTestKinds();
    const job = test.core.services.jobs.enqueue({ kind: TEST_ROWS_KIND, payload: { count: 5_000, delayMs: 2 } });
    await progressReaches(test, job.id, 20);
    const cancelling = await test.call('jobs.cancel', { id: job.id });
    const rowsAtCancel = testRowsOf(database(), job.id).rows;
    expect(cancelling.status).toBe('running');
    const ended = await test.core.services.jobs.whenFinished(job.id);
    expect(ended.status).toBe('cancelled');
    expect(testRowsOf(database(), job.id).rows).toBe(rowsAtCancel);
    expect(rowsAtCancel).toBeLessThan(5_000);
    expect((await test.call('jobs.get', { id: job.id })).status).toBe('cancelled');
  });

  it('retries a failed job through the contract and lists it by status', async () => {
    const { test, database } = coreWithTestKinds();
    const job = test.core.services.jobs.enqueue({ kind: TEST_ROWS_KIND, payload: { count: 3, delayMs: 0, failFirstRun: true } });
    const failed = await test.core.services.jobs.whenFinished(job.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'TEST_FAILURE', category: 'permanent', message: 'The test job failed on purpose; retry it.' } });
    expect((await test.call('jobs.list', { statuses: ['failed'] })).map((listed) => listed.id)).toEqual([job.id]);
    expect((await test.call('jobs.retry', { id: job.id })).status).toBe('queued');
    expect((await test.core.services.jobs.whenFinished(job.id)).status).toBe('succeeded');
    expect(testRowsOf(database(), job.id)).toEqual({ rows: 3, distinct: 3 });
  });
});
