import { Command, type BaseCheckpointSaver, type LangGraphRunnableConfig, type StateSnapshot } from '@langchain/langgraph';
import { z } from 'zod';
import type { RunStatus } from '../../../shared/models/runs';
import type { EventBus } from '../events';
import { CategorisedFailure, type JobContext, type JobKind } from '../jobs';
import type { Clock } from '../platform/clock';
import { currentLogContext, withLogContext } from '../platform/log-context';
import type { Logger } from '../platform/logger';
import { compilePlan, type RunGraph } from './plan-graph';
import { toRun, type RunRepo, type RunRow } from './run.repo';
import { AGENT_RUN_KIND, FINISHED_RUN_STATUSES } from './run.service';
import type { RunBook, RunProposals } from './run.types';
import { toStepError } from './step-call';
import type { RunInterrupt, StepRunner } from './step-runner';

export const agentRunPayloadSchema = z.object({ runId: z.string().min(1) }).strict();
export type AgentRunPayload = z.infer<typeof agentRunPayloadSchema>;

export interface RunJobDeps {
  repo: RunRepo;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  checkpointer: BaseCheckpointSaver;
  proposals: RunProposals;
  book: RunBook;
  steps: StepRunner;
  /** True once the core is closing: an abort then means "resume at the next start", not "cancel". */
  closing(): boolean;
}

/** LangGraph's own step limit is a guard against loops; plans are acyclic and at most 40 steps (plus fan-outs). */
const RECURSION_LIMIT = 10_000;

/**
 * The `agent.run` job: drives a run's graph from its last checkpoint (thread id = run id) until
 * it ends or waits for the writer. Resumed after a restart like any job: the graph is invoked
 * with no input and goes on from its checkpoint, finished branches not run again.
 */
export function createRunJobKind(deps: RunJobDeps): JobKind<AgentRunPayload> {
  const { repo, clock, logger } = deps;
  const emit = (row: RunRow) => deps.events.emit('run.changed', { projectId: row.projectId, runId: row.id, status: row.status as RunStatus, seq: row.seq });

  const graphOf = (row: RunRow): RunGraph => {
    const run = toRun(row);
    const nodeRun = { id: run.id, projectId: run.projectId, traceId: run.traceId, request: run.request, target: run.target };
    const source = { projectId: run.projectId, request: run.request, target: run.target, book: deps.book };
    return compilePlan({ plan: run.plan, run: nodeRun, source, steps: deps.steps, checkpointer: deps.checkpointer });
  };

  /** The graph's input: the start, an answer to resume with, or null to go on from the checkpoint. */
  const inputFor = async (row: RunRow, graph: RunGraph, config: LangGraphRunnableConfig): Promise<unknown> => {
    if ((await deps.checkpointer.getTuple(config)) === undefined) return {};
    const snapshot = await graph.getState(config);
    const resume: Record<string, unknown> = {};
    for (const { id, value } of interruptsOf(snapshot)) {
      if (value.kind !== 'question') continue;
      const step = repo.step(row.id, value.stepKey);
      if (step?.status === 'waiting' && step.output !== null && id !== undefined) resume[id] = JSON.parse(step.output);
    }
    return Object.keys(resume).length > 0 ? new Command({ resume }) : null;
  };

  /** Why the run waits, or null when every pause already has the writer's answer or decision. */
  const waitFor = (runId: string, interrupts: Array<{ value: RunInterrupt }>) => {
    const needs = interrupts.map(({ value }) => value).filter((value) => {
      const step = repo.step(runId, value.stepKey);
      return value.kind === 'step-failed' ? step?.status === 'failed' && step.decision === null : step?.status === 'waiting' && step.output === null;
    });
    const failed = needs.find((value) => value.kind === 'step-failed');
    return failed ?? needs[0] ?? null;
  };

  const end = async (row: RunRow, patch: Parameters<RunRepo['update']>[1]) => {
    const ended = repo.update(row.id, { ...patch, wait: null, finishedAt: clock.now() });
    await deps.checkpointer.deleteThread(row.id);
    logger.info({ runId: row.id, status: ended.status, tokensIn: ended.tokensIn, tokensOut: ended.tokensOut, costUsd: ended.costUsd }, 'run ended');
    emit(ended);
  };

  const drive = async (row: RunRow, context: JobContext<AgentRunPayload>): Promise<void> => {
    const graph = graphOf(row);
    const config = { configurable: { thread_id: row.id }, signal: context.signal, durability: 'sync' as const, recursionLimit: RECURSION_LIMIT };
    for (;;) {
      const input = await inputFor(row, graph, config);
      await graph.invoke(input, config);
      const interrupts = interruptsOf(await graph.getState(config));
      if (interrupts.length === 0) {
        const pending = deps.proposals.forRun(row.id).some((proposal) => proposal.status === 'pending');
        await end(row, { status: pending ? 'review' : 'completed' });
        return;
      }
      const wait = waitFor(row.id, interrupts);
      if (wait) {
        const waiting = repo.update(row.id, { status: 'waiting', wait: JSON.stringify(wait) });
        logger.info({ runId: row.id, wait: wait.kind, stepKey: wait.stepKey }, 'run waits for the writer');
        emit(waiting);
        return;
      }
    }
  };

  return {
    kind: AGENT_RUN_KIND,
    payload: agentRunPayloadSchema,
    // Runs wait on models, not the CPU: a few at once, each its own thread in the graph.
    concurrency: 3,
    // Also the resumes after crashes a run may take. A run retries its own steps; its job's own
    // failures are permanent (see below), so this never re-runs a run that failed.
    maxAttempts: 5,
    title: (payload) => repo.find(payload.runId)?.title ?? 'Agent run',
    async run(context) {
      const found = repo.find(context.payload.runId);
      if (!found || FINISHED_RUN_STATUSES.includes(found.status as RunStatus) || found.status === 'review' || found.status === 'waiting') return;
      const row = repo.update(found.id, { status: 'running', wait: null, jobId: context.jobId, startedAt: found.startedAt ?? clock.now() });
      emit(row);
      try {
        await withLogContext({ ...currentLogContext(), trace: row.traceId }, () => drive(row, context));
      } catch (error) {
        if (context.signal.aborted) {
          // Closing: the job resumes at the next start. Cancelled: runs.cancel (or the jobs view) stopped it.
          if (!deps.closing()) {
            if (repo.find(row.id)?.status === 'cancelled') await deps.checkpointer.deleteThread(row.id);
            else {
              repo.cancelOpenSteps(row.id, clock.now());
              await end(row, { status: 'cancelled' });
            }
          }
          throw error;
        }
        const failure = toStepError(error);
        logger.error({ runId: row.id, err: error }, 'run failed');
        repo.cancelOpenSteps(row.id, clock.now());
        await end(row, { status: 'failed', errorCode: failure.code, errorMessage: failure.message });
        throw new CategorisedFailure(failure.code, failure.message, 'permanent', { cause: error });
      }
    },
  };
}

/** The pauses of a graph: each interrupt's id (to resume it) and what it carries. */
function interruptsOf(snapshot: StateSnapshot): Array<{ id: string | undefined; value: RunInterrupt }> {
  return snapshot.tasks.flatMap((task) => task.interrupts.map((entry) => ({ id: entry.id, value: entry.value as RunInterrupt })));
}
