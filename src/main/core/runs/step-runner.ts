import { interrupt } from '@langchain/langgraph';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { PlanStep } from '../../../shared/models/plans';
import type { RunTarget } from '../../../shared/models/runs';
import { attemptsAllowed, backoffMs } from '../jobs';
import type { Clock, Random, Timers } from '../platform/clock';
import { currentLogContext, withLogContext } from '../platform/log-context';
import { asText, holds, resolveRef, withLocals, type RunScope } from './plan-scope';
import { buildProposal } from './propose-spec';
import type { RunRepo, StepPatch, StepRow } from './run.repo';
import type { AgentStepExecutor, AgentStepResult, AuditLog, ContinuityStepRunner, ProposalSink, RunBook, StepStreams } from './run.types';
import { pause, streamedCall, toStepError } from './step-call';

export interface StepRunnerDeps {
  repo: RunRepo;
  clock: Clock;
  timers: Timers;
  random: Random;
  logger: Logger;
  executor: AgentStepExecutor;
  continuity: ContinuityStepRunner | null;
  sink: ProposalSink;
  audit: AuditLog;
  book: RunBook;
  streams: StepStreams;
  newTraceId(): string;
  /** The run, a step or a proposal changed: emit `run.changed`. */
  changed(runId: string): void;
  /** Attempts of a transient failure (validation: 1, unknown: 2). */
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
}

/** The run as a node sees it. */
export interface NodeRun {
  id: string;
  projectId: string;
  traceId: string;
  request: string;
  target: RunTarget;
}

/** One execution of a step (a whole step, or one branch of a `forEach` step). */
export interface StepCall {
  run: NodeRun;
  step: PlanStep;
  key: string;
  index: number | null;
  scope: RunScope;
  signal: AbortSignal;
}

/** What an `interrupt()` carries: the job reads it to tell a question from a failed step. */
export type RunInterrupt = { kind: 'question'; stepKey: string; question: string } | { kind: 'step-failed'; stepKey: string };

const parseOutput = (row: StepRow): unknown => (row.output === null ? null : JSON.parse(row.output));
const truncate = (value: string) => (value.length > 4_000 ? `${value.slice(0, 4_000)}…` : value);

/**
 * Runs plan steps as LangGraph nodes. Every node is idempotent: it reads its row first, so a
 * node re-run after a crash returns a finished step's output without calling anything, a
 * failed one waits for (or applies) the writer's decision, and proposals go through the
 * idempotent sink. Nothing before an `interrupt()` calls a model on a resume.
 */
export function createStepRunner(deps: StepRunnerDeps) {
  const { repo, clock } = deps;

  const seedRow = (call: StepCall): StepRow => {
    const { step } = call;
    return repo.ensureStep(call.run.id, {
      key: call.key,
      stepId: step.id,
      index: call.index,
      title: step.title,
      kind: step.kind,
      agentId: step.kind === 'agent' ? step.agent : null,
      capability: step.kind === 'agent' ? step.capability : null,
      traceId: deps.newTraceId(),
    });
  };

  const finish = (call: StepCall, status: 'succeeded' | 'skipped', output: unknown, patch: StepPatch = {}, usage?: AgentStepResult): unknown => {
    const done = { ...patch, status, output: JSON.stringify(output), decision: null, errorCode: null, errorMessage: null, errorCategory: null, finishedAt: clock.now() };
    repo.updateStep(call.run.id, call.key, done, usage ? { usage } : {});
    deps.changed(call.run.id);
    return output;
  };

  const inputsOf = (call: StepCall): Record<string, string> =>
    call.step.kind === 'agent' ? Object.fromEntries(Object.entries(call.step.inputs).map(([name, ref]) => [name, asText(resolveRef(ref, call.scope))])) : {};

  const invoke = (call: StepCall, inputs: Record<string, string>, onDelta: (text: string) => void): Promise<AgentStepResult> => {
    const { step, run } = call;
    if (step.kind === 'agent') {
      return deps.executor.execute({ runId: run.id, stepKey: call.key, projectId: run.projectId, agentId: step.agent, capability: step.capability, inputs, signal: call.signal, onDelta });
    }
    return runContinuity(call);
  };

  const runContinuity = async (call: StepCall): Promise<AgentStepResult> => {
    const chapterId = call.run.target.chapterId;
    if (!deps.continuity) throw new AppError(ErrorCode.INTERNAL, 'Continuity checks are not available in this build.');
    if (chapterId === undefined) throw new AppError(ErrorCode.INVALID_INPUT, 'A continuity step needs the run to target a chapter.');
    const started = clock.now();
    const output = await deps.continuity.check({ projectId: call.run.projectId, chapterId, signal: call.signal });
    const text = output.issues.map((issue) => `• ${issue.summary}`).join('\n');
    return { output, text, model: 'continuity', promptId: 'continuity', promptVersion: 1, tokensIn: 0, tokensOut: 0, costUsd: 0, timings: { contextMs: 0, modelMs: clock.now() - started, validateMs: 0 } };
  };

  const propose = (call: StepCall, output: unknown): void => {
    if (call.step.kind !== 'agent') return;
    const scope = withLocals(call.scope, { output });
    const agentId = call.step.kind === 'agent' ? call.step.agent : null;
    call.step.propose.forEach((spec, position) => {
      // A spec with `each` proposes once per item of its list, keyed by the item's place in it.
      const items = spec.each === undefined ? [undefined] : listOf(resolveRef(spec.each, scope));
      items.forEach((each, n) => {
        const itemScope = spec.each === undefined ? scope : withLocals(scope, { each });
        const built = buildProposal(spec, { projectId: call.run.projectId, target: call.run.target, book: deps.book, scope: itemScope, position });
        if (!built) {
          deps.logger.warn({ stepKey: call.key, target: spec.target }, 'a propose spec had nothing to propose');
          return;
        }
        const key = spec.each === undefined ? built.key : `${built.key}#${n}`;
        deps.sink.propose({ runId: call.run.id, projectId: call.run.projectId, stepKey: call.key, agentId, key, change: built.change });
      });
    });
  };

  const audit = (call: StepCall, row: StepRow, status: 'ok' | 'error', input: Record<string, string>, output: unknown, result: AgentStepResult | null, startedAt: number) => {
    deps.audit.record({
      projectId: call.run.projectId,
      runId: call.run.id,
      stepKey: call.key,
      agentId: row.agentId,
      action: 'step',
      status,
      input,
      output,
      model: result?.model ?? null,
      promptId: result?.promptId ?? null,
      promptVersion: result?.promptVersion ?? null,
      traceId: row.traceId,
      tokensIn: result?.tokensIn ?? 0,
      tokensOut: result?.tokensOut ?? 0,
      costUsd: result?.costUsd ?? 0,
      durationMs: clock.now() - startedAt,
    });
  };

  /** One attempt: the call streamed, its result recorded and proposed. Throws what the call threw. */
  const attempt = async (call: StepCall, row: StepRow, inputs: Record<string, string>, attempts: number): Promise<unknown> => {
    const startedAt = clock.now();
    const { runId, key } = { runId: call.run.id, key: call.key };
    const context = { trace: row.traceId, ...(currentLogContext()?.jobId !== undefined && { jobId: currentLogContext()?.jobId }) };
    const { streamId, done } = streamedCall(deps, { runId, key }, (onDelta, id) =>
      withLogContext({ ...context, streamId: id }, () => invoke(call, inputs, onDelta)),
    );
    repo.updateStep(runId, key, { status: 'running', attempts, input: JSON.stringify(Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, truncate(value)]))), streamId, text: '', startedAt, finishedAt: null, errorCode: null, errorMessage: null, errorCategory: null });
    deps.changed(runId);
    deps.logger.info({ runTrace: call.run.traceId, stepKey: key, attempt: attempts }, 'step started');
    try {
      const result = await done;
      propose(call, result.output);
      audit(call, row, 'ok', inputs, result.output, result, startedAt);
      deps.logger.info({ runTrace: call.run.traceId, stepKey: key, tokensIn: result.tokensIn, tokensOut: result.tokensOut, costUsd: result.costUsd, ms: clock.now() - startedAt }, 'step succeeded');
      return finish(call, 'succeeded', result.output, {
        text: result.text,
        model: result.model,
        promptId: result.promptId,
        promptVersion: result.promptVersion,
        tokensIn: row.tokensIn + result.tokensIn,
        tokensOut: row.tokensOut + result.tokensOut,
        costUsd: row.costUsd + result.costUsd,
        timings: JSON.stringify(result.timings),
      }, result);
    } catch (error) {
      audit(call, row, 'error', inputs, toStepError(error), null, startedAt);
      throw error;
    }
  };

  /** Calls with retries by category; after the last one the step is `failed` and the node pauses. */
  const execute = async (call: StepCall, row: StepRow): Promise<unknown> => {
    const inputs = inputsOf(call);
    for (let tried = 1; ; tried += 1) {
      try {
        return await withLogContext({ ...currentLogContext(), trace: row.traceId }, () => attempt(call, row, inputs, row.attempts + tried));
      } catch (error) {
        if (call.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'Cancelled.', { cause: error });
        const failure = toStepError(error);
        deps.logger.warn({ runTrace: call.run.traceId, stepKey: call.key, code: failure.code, category: failure.category, attempt: tried, err: error }, 'step attempt failed');
        if (tried < attemptsAllowed(failure.category, deps.maxAttempts)) {
          await pause(deps.timers.schedule, backoffMs(tried, deps.random.next(), deps.backoff), call.signal);
          continue;
        }
        repo.updateStep(call.run.id, call.key, { status: 'failed', errorCode: failure.code, errorMessage: failure.message, errorCategory: failure.category, decision: null, finishedAt: clock.now() });
        deps.changed(call.run.id);
        return interrupt<RunInterrupt, unknown>({ kind: 'step-failed', stepKey: call.key });
      }
    }
  };

  return {
    /** An agent or continuity step (or one branch of one). */
    async work(call: StepCall): Promise<unknown> {
      const row = seedRow(call);
      if (row.status === 'succeeded' || row.status === 'skipped') return parseOutput(row);
      if (call.index === null && !holds(call.step.when, call.scope)) return finish(call, 'skipped', null);
      if (row.status === 'failed') {
        if (row.decision === 'skip') return finish(call, 'skipped', null);
        // No decision yet: wait for one without calling anything (this code re-runs on resume).
        if (row.decision !== 'retry') return interrupt<RunInterrupt, unknown>({ kind: 'step-failed', stepKey: call.key });
        repo.updateStep(call.run.id, call.key, { decision: null, errorCode: null, errorMessage: null, errorCategory: null });
      }
      return execute(call, repo.step(call.run.id, call.key) ?? row);
    },

    /** An `ask` step: the writer's answer (from `Command({resume})`, or stored by `runs.answer` before a crash). */
    ask(call: StepCall): unknown {
      const row = seedRow(call);
      if (row.status === 'succeeded' || row.status === 'skipped') return parseOutput(row);
      if (!holds(call.step.when, call.scope)) return finish(call, 'skipped', null);
      if (call.step.kind !== 'ask') throw new AppError(ErrorCode.INTERNAL, 'Not a question step.');
      const stored = row.status === 'waiting' ? parseOutput(row) : null;
      if (stored === null && row.status !== 'waiting') {
        repo.updateStep(call.run.id, call.key, { status: 'waiting', startedAt: clock.now(), input: JSON.stringify({ question: call.step.question }) });
        deps.changed(call.run.id);
      }
      const answer = stored ?? interrupt<RunInterrupt, unknown>({ kind: 'question', stepKey: call.key, question: call.step.question });
      return finish(call, 'succeeded', asText(answer));
    },

    /** A step whose guard did not hold, or a fan-out over nothing. */
    settle(call: StepCall, status: 'succeeded' | 'skipped', output: unknown): unknown {
      const row = seedRow(call);
      if (row.status === 'succeeded' || row.status === 'skipped') return parseOutput(row);
      return finish(call, status, output);
    },
  };
}

export type StepRunner = ReturnType<typeof createStepRunner>;

/** The items of a list a propose spec's `each` names (anything else: none). */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
