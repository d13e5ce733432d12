/**
 * A core in its own process for the agent-run crash test: opens `--data DIR` with the crew's
 * test doubles, starts a plan whose second step fans out to BRANCHES branches that take longer
 * and longer (branch i: 200 + 500·i ms), and prints `run <id>`, then `start <key>` and
 * `end <key>` around each executor call and `done <key>` once its step is recorded succeeded, so the test can SIGKILL it mid-fan-out.
 *
 *   node --import tsx src/main/testing/run-crash-child.ts DIR BRANCHES
 */
import { projectCreateSchema } from '../../shared/models/project';
import { createCore } from '../core';
import { silentLogger } from '../core/platform/logger';
import { createCrewDoubles, createScriptedExecutor } from './crew-doubles';
import { crashPlan, crashAnswer } from './run-crash-plan';

const [dataDir, branches] = process.argv.slice(2);
if (!dataDir || !branches) throw new Error('usage: run-crash-child.ts DIR BRANCHES');
const executor = createScriptedExecutor({
  answer: crashAnswer(Number(branches)),
  delayMs: (request) => (request.stepKey.startsWith('draft#') ? 200 + 500 * Number(request.stepKey.split('#')[1]) : 0),
  onCall: (event, request) => process.stdout.write(`${event} ${request.stepKey}\n`),
});
const core = createCore({ dataDir, logger: silentLogger(), crew: createCrewDoubles({ executor }).parts });
const project = core.services.projects.create(projectCreateSchema.parse({ title: 'Crash' }));
const run = core.services.runs.start({ projectId: project.id, plan: crashPlan, request: 'Draft' });
process.stdout.write(`run ${run.id}\n`);
const done = new Set<string>();
core.events.subscribe((name) => {
  if (name !== 'run.changed') return;
  for (const step of core.services.runs.get(run.id).steps) {
    if (step.status !== 'succeeded' || done.has(step.key)) continue;
    done.add(step.key);
    process.stdout.write(`done ${step.key}\n`);
  }
});
