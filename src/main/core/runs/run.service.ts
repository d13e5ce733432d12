import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { AgentCapability } from '../../../shared/models/agents';
import type { Plan, PlanTarget } from '../../../shared/models/plans';
import { runStartSchema, type Run, type RunDetail, type RunStatus, type RunTarget } from '../../../shared/models/runs';
import type { EventBus } from '../events';
import type { JobRunner } from '../jobs';
import type { Clock, IdGenerator } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { assertValidPlan } from './plan-validation';
import { toRun, toStep, type RunRepo, type RunRow } from './run.repo';
import type { AgentRegistry, PlaybookSource, RunBook, RunProposals } from './run.types';

/** The job kind that executes runs. */
export const AGENT_RUN_KIND = 'agent.run';
/** One unfinished job per run: starting, answering or deciding again joins it. */
export const runJobKey = (runId: string) => `agent.run:${runId}`;

export type RunStartInput = z.infer<typeof runStartSchema>;
/** Statuses after which nothing more runs. */
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

export interface RunServiceDeps {
  repo: RunRepo;
  jobs: JobRunner;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  checkpointer: BaseCheckpointSaver;
  playbooks: PlaybookSource;
  registry: AgentRegistry;
  proposals: RunProposals;
  book: RunBook;
  newTraceId(): string;
}

const TARGET_NEEDS: Record<Plan['target'], { key: keyof RunTarget; sentence: string } | null> = {
  none: null,
  chapter: { key: 'chapterId', sentence: 'Choose the chapter this should work on.' },
  scene: { key: 'sceneId', sentence: 'Choose the scene this should work on.' },
  entry: { key: 'entryId', sentence: 'Choose the codex entry this should work on.' },
};

/**
 * What each kind of proposal reads from a one-agent step's output — the agents' output convention:
 * prose `{text}`, a codex entry `{name, kind?, description, fields}`, notes to remember
 * `{notes: [{content, markers}]}` (one memory each).
 */
const ONE_AGENT_PROPOSALS = {
  'scene-text': { target: 'scene-text', text: '$output.text' },
  'new-scene': { target: 'new-scene', title: '$output.title', text: '$output.text' },
  codex: { target: 'codex', title: '$output.name', kind: '$output.kind', description: '$output.description', fields: '$output.fields' },
  memory: { target: 'memory', each: '$output.notes', text: '$each.content', markers: '$each.markers' },
} as const;

/**
 * Runs as the app sees them: starting one (a playbook, one agent's capability, or a plan),
 * listing, reading, cancelling, and the writer's answers and decisions that let a waiting run
 * go on. Executing is the `agent.run` job's (run-job.ts).
 */
export function createRunService(deps: RunServiceDeps) {
  const { repo, jobs, events, clock } = deps;

  const emit = (row: RunRow) => events.emit('run.changed', { projectId: row.projectId, runId: row.id, status: row.status as RunStatus, seq: row.seq });
  const find = (id: string): RunRow => {
    const row = repo.find(id);
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'This run no longer exists.');
    return row;
  };
  const enqueue = (row: RunRow): RunRow => {
    const job = jobs.enqueue({ kind: AGENT_RUN_KIND, payload: { runId: row.id }, projectId: row.projectId, idempotencyKey: runJobKey(row.id) });
    const updated = repo.update(row.id, { jobId: job.id });
    emit(updated);
    return updated;
  };
  /**
   * A waiting run goes on in a new job. The job that paused it may still be settling (its
   * handler returned, the runner has not marked it finished): then the new one is queued once
   * it has, since one unfinished job per run is all the idempotency key allows.
   */
  const resume = (runId: string): RunRow => {
    const row = repo.update(runId, { status: 'queued', wait: null });
    const pausing = row.jobId === null ? null : jobs.get(row.jobId);
    if (pausing && (pausing.status === 'running' || pausing.status === 'retrying')) {
      void jobs.whenFinished(pausing.id).then(() => {
        if (repo.find(runId)?.status === 'queued') enqueue(repo.touch(runId) ?? row);
      });
      emit(row);
      return row;
    }
    return enqueue(row);
  };

  const oneAgentPlan = (agentId: string, capabilityId: string, target: RunTarget): { plan: Plan; title: string } => {
    const agent = deps.registry.get(agentId);
    const capability = deps.registry.capability(agentId, capabilityId);
    if (!agent || !capability) throw new AppError(ErrorCode.NOT_FOUND, `The agent “${agentId}” cannot “${capabilityId}”.`);
    // The plan points at what the writer chose: a scene, a chapter, a codex entry, or nothing.
    const planTarget: PlanTarget = target.sceneId ? 'scene' : target.chapterId ? 'chapter' : target.entryId ? 'entry' : 'none';
    // An input named after a value of that target (`scene_text`, `chapter_outline`) or of the
    // project reads it; any other takes the writer's words (a prompt's variables must be given).
    const inputs = Object.fromEntries(
      capability.inputs.map((name) => {
        const [root, ...rest] = name.split('_');
        const readable = root === 'project' || root === planTarget;
        return [name, readable && rest.length > 0 ? `$${root}.${rest.join('_')}` : '$request'];
      }),
    );
    // Only the proposals the target can receive: new text for the chosen scene, a new scene in the chosen chapter.
    const fits = (kind: AgentCapability['proposes'][number]) => (kind === 'scene-text' ? planTarget === 'scene' : kind === 'new-scene' ? planTarget === 'chapter' : true);
    const propose = capability.proposes.filter(fits).map((kind) => ({ ...ONE_AGENT_PROPOSALS[kind] }));
    const step = { id: 'step', kind: 'agent' as const, title: capability.description.slice(0, 120), agent: agentId, capability: capabilityId, inputs, dependsOn: [], propose };
    return { plan: { target: planTarget, steps: [step] }, title: `${agent.name}: ${capability.description}` };
  };

  const planOf = (input: RunStartInput): { plan: Plan; title: string; playbookId: string | null } => {
    if (input.playbookId !== undefined) {
      const playbook = deps.playbooks.get(input.playbookId);
      return { plan: playbook.plan, title: playbook.name, playbookId: playbook.id };
    }
    if (input.agent) return { ...oneAgentPlan(input.agent.agentId, input.agent.capability, input.target), playbookId: null };
    if (input.plan) return { plan: input.plan, title: input.request.trim().slice(0, 80) || 'A plan of the crew', playbookId: null };
    throw new AppError(ErrorCode.INVALID_INPUT, 'Start a run with a playbook, an agent or a plan.');
  };

  const jobOrNull = (jobId: string) => {
    try {
      return jobs.get(jobId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  };

  const targetTitle = (projectId: string, target: RunTarget): string | null => {
    if (target.chapterId) return deps.book.chapter(projectId, target.chapterId)?.title ?? null;
    if (target.sceneId) return deps.book.scene(target.sceneId)?.title ?? null;
    if (target.entryId) return deps.book.entries(projectId).find((entry) => entry.id === target.entryId)?.name ?? null;
    return null;
  };

  return {
    /** Starts a run (the `runs.start` input; the router calls this too). */
    start(raw: z.input<typeof runStartSchema>): Run {
      const input = runStartSchema.parse(raw);
      if (!deps.book.project(input.projectId)) throw new AppError(ErrorCode.NOT_FOUND, 'This project no longer exists.');
      const { plan, title, playbookId } = planOf(input);
      const needs = TARGET_NEEDS[plan.target];
      if (needs && input.target[needs.key] === undefined) throw new AppError(ErrorCode.INVALID_INPUT, needs.sentence);
      assertValidPlan(plan, deps.registry);
      const named = targetTitle(input.projectId, input.target);
      const row = repo.insert({
        id: deps.ids.newId(),
        projectId: input.projectId,
        sessionId: input.sessionId ?? null,
        title: named ? `${title} — ${named}` : title,
        playbookId,
        request: input.request,
        target: JSON.stringify(input.target),
        plan: JSON.stringify(plan),
        status: 'queued',
        traceId: deps.newTraceId(),
        createdAt: clock.now(),
      });
      deps.logger.info({ runId: row.id, runTrace: row.traceId, playbookId, steps: plan.steps.length }, 'run started');
      return toRun(enqueue(row));
    },

    list(input: { projectId: string; statuses?: RunStatus[] | undefined; limit: number }): Run[] {
      return repo.list(input.projectId, input.statuses, input.limit).map(toRun);
    },

    /** A run's title (snapshot labels, export names), or null for an unknown run. */
    title(id: string): string | null {
      return repo.find(id)?.title ?? null;
    },

    get(id: string): RunDetail {
      const row = find(id);
      return { run: toRun(row), steps: repo.steps(id).map(toStep), proposals: deps.proposals.forRun(id) };
    },

    /** Stops a run: its job is cancelled; its pending proposals stay for the writer. */
    async cancel(id: string): Promise<Run> {
      const row = find(id);
      if (FINISHED_RUN_STATUSES.includes(row.status as RunStatus) || row.status === 'review') return toRun(row);
      const now = clock.now();
      repo.cancelOpenSteps(id, now);
      const cancelled = repo.update(id, { status: 'cancelled', wait: null, finishedAt: now, errorCode: null, errorMessage: null });
      if (row.jobId !== null) jobs.cancel(row.jobId);
      await deps.checkpointer.deleteThread(id);
      deps.logger.info({ runId: id, runTrace: row.traceId }, 'run cancelled');
      emit(cancelled);
      return toRun(cancelled);
    },

    /** After a step failed: retry or skip it (read by its node when the run goes on), or cancel the run. */
    async decide(input: { id: string; stepKey: string; action: 'retry' | 'skip' | 'cancel' }): Promise<Run> {
      const row = find(input.id);
      const step = repo.step(input.id, input.stepKey);
      if (!step || step.status !== 'failed') throw new AppError(ErrorCode.CONFLICT, 'This step has not failed, so there is nothing to decide.');
      if (input.action === 'cancel') return this.cancel(input.id);
      if (FINISHED_RUN_STATUSES.includes(row.status as RunStatus)) throw new AppError(ErrorCode.CONFLICT, 'This run has ended.');
      repo.updateStep(input.id, input.stepKey, { decision: input.action });
      // A running run's job reads the decision before it would pause; a waiting one needs a job.
      if (row.status !== 'waiting') return toRun(find(input.id));
      return toRun(resume(input.id));
    },

    /** Answers the question a waiting run asked; a new job resumes it with the answer. */
    answer(input: { id: string; answer: string }): Run {
      const row = find(input.id);
      const wait = toRun(row).wait;
      if (row.status !== 'waiting' || wait?.kind !== 'question') throw new AppError(ErrorCode.CONFLICT, 'This run is not waiting for an answer.');
      // Kept on the step too: a crash before the job resumes the graph loses nothing.
      repo.updateStep(input.id, wait.stepKey, { output: JSON.stringify(input.answer) });
      return toRun(resume(input.id));
    },

    /**
     * At start, before the job runner: a run left `queued` or `running` without an unfinished job
     * (a crash between its row and its job, or its job stopped from the jobs view) gets a job
     * again, or ends as its job did.
     */
    recover(): void {
      for (const row of repo.unfinished()) {
        const job = row.jobId === null ? null : jobOrNull(row.jobId);
        if (job && ['queued', 'running', 'retrying'].includes(job.status)) continue;
        if (job?.status === 'cancelled' || job?.status === 'failed') {
          repo.cancelOpenSteps(row.id, clock.now());
          const ended = repo.update(row.id, { status: job.status, finishedAt: clock.now(), ...(job.error && { errorCode: job.error.code, errorMessage: job.error.message }) });
          void deps.checkpointer.deleteThread(row.id);
          emit(ended);
          continue;
        }
        deps.logger.info({ runId: row.id }, 'a run had no job; queuing it again');
        enqueue(row);
      }
    },

    /** A proposal of the run changed: the run's seq moves, and a run in review completes once none is pending. */
    onRunProposalsChanged(runId: string): void {
      const row = repo.touch(runId);
      if (!row) return;
      const pending = deps.proposals.forRun(runId).some((proposal) => proposal.status === 'pending');
      emit(row.status === 'review' && !pending ? repo.update(runId, { status: 'completed' }) : row);
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;
