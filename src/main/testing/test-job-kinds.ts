import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { AppDatabase } from '../core/db/connection';
import { CategorisedFailure, type JobRunner } from '../core/jobs';

/**
 * Test-only job kinds (never registered by the app): the crash and cancel tests, and the
 * browser-mode test server for the jobs view's e2e flow, register them through
 * `CoreConfig.jobKinds`.
 */
export const TEST_ROWS_KIND = 'test.rows';

export const testRowsPayload = z.object({
  /** Rows to write, one per step. */
  count: z.number().int().min(1).max(100_000),
  /** Real time between two rows, so a test can kill or cancel the job mid-run. */
  delayMs: z.number().int().min(0).max(10_000).default(2),
  /** The first run fails (permanently) before writing anything; a retry then succeeds. */
  failFirstRun: z.boolean().default(false),
});
export type TestRowsPayload = z.input<typeof testRowsPayload>;

const ROWS_TABLE = `create table if not exists test_job_rows (job_id text not null, n integer not null)`;
const RUNS_TABLE = `create table if not exists test_job_runs (job_id text not null, attempt integer not null)`;

/**
 * `test.rows` writes `count` rows `(job_id, n)`, one per step, each in its own transaction and
 * only if that row is not there yet — the idempotent write every real kind must make, so a run
 * that resumes after a crash leaves no duplicates. The rows table has no unique key on purpose:
 * a handler that wrote blindly would duplicate rows and the test would see it.
 */
export function registerTestJobKinds(runner: JobRunner, { database }: { database: AppDatabase }): void {
  const { sqlite } = database;
  sqlite.exec(ROWS_TABLE);
  sqlite.exec(RUNS_TABLE);
  const writeRow = sqlite.transaction((jobId: string, n: number) => {
    const exists = sqlite.prepare('select 1 from test_job_rows where job_id = ? and n = ?').get(jobId, n);
    if (!exists) sqlite.prepare('insert into test_job_rows (job_id, n) values (?, ?)').run(jobId, n);
  });
  const countRows = (jobId: string) => sqlite.prepare('select count(*) from test_job_rows where job_id = ?').pluck().get(jobId) as number;

  runner.register({
    kind: TEST_ROWS_KIND,
    payload: testRowsPayload,
    // Several at once, so a flow can watch one job fail while another runs.
    concurrency: 4,
    title: (payload) => `Write ${payload.count} test rows`,
    async run({ jobId, payload, attempt, signal, progress }) {
      const runs = sqlite.prepare('select count(*) from test_job_runs where job_id = ?').pluck().get(jobId) as number;
      sqlite.prepare('insert into test_job_runs (job_id, attempt) values (?, ?)').run(jobId, attempt);
      if (payload.failFirstRun && runs === 0) {
        throw new CategorisedFailure('TEST_FAILURE', 'The test job failed on purpose; retry it.', 'permanent');
      }
      // Resumes where the last run stopped: rows already written are skipped by writeRow anyway.
      for (let n = countRows(jobId); n < payload.count; n += 1) {
        if (signal.aborted) return;
        writeRow(jobId, n);
        progress({ done: n + 1, total: payload.count, message: `Row ${n + 1} of ${payload.count}` });
        if (payload.delayMs > 0) await delay(payload.delayMs, undefined, { signal }).catch(() => undefined);
      }
    },
  });
}

/** The rows `test.rows` wrote for a job: how many, and how many distinct steps. */
export function testRowsOf(database: AppDatabase, jobId: string): { rows: number; distinct: number } {
  return database.sqlite.prepare('select count(*) as rows, count(distinct n) as "distinct" from test_job_rows where job_id = ?').get(jobId) as {
    rows: number;
    distinct: number;
  };
}
