/**
 * A core in its own process for the jobs crash test: opens `--data DIR` with the test job
 * kinds, enqueues one `test.rows` job and prints `job <id>` and then `progress <done>` at each
 * recorded change, so the test can SIGKILL it mid-run.
 *
 *   node --import tsx src/main/testing/job-crash-child.ts DIR COUNT
 */
import type { Job } from '../../shared/models/jobs';
import { createCore } from '../core';
import { silentLogger } from '../core/platform/logger';
import { registerTestJobKinds, TEST_ROWS_KIND } from './test-job-kinds';

const [dataDir, count] = process.argv.slice(2);
if (!dataDir || !count) throw new Error('usage: job-crash-child.ts DIR COUNT');
const core = createCore({ dataDir, logger: silentLogger(), jobKinds: registerTestJobKinds });
core.events.subscribe((name, payload) => {
  if (name === 'job.changed') process.stdout.write(`progress ${(payload as Job).progress.done}\n`);
});
const job = core.services.jobs.enqueue({ kind: TEST_ROWS_KIND, payload: { count: Number(count), delayMs: 2 } });
process.stdout.write(`job ${job.id}\n`);
