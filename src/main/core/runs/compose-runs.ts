import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { RunStatus } from '../../../shared/models/runs';
import type { AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { JobRunner } from '../jobs';
import type { Clock, IdGenerator, Random, Timers } from '../platform/clock';
import { newTraceId } from '../platform/log-context';
import type { Logger } from '../platform/logger';
import { createRunsHandlers } from './handlers';
import { createRunJobKind } from './run-job';
import { openRunCheckpoints } from './run-checkpoints';
import { createRunRepo } from './run.repo';
import { createRunService } from './run.service';
import type { AgentRegistry, AgentStepExecutor, AuditLog, ContinuityStepRunner, PlaybookSource, ProposalSink, RunBook, RunProposals, StepStreams } from './run.types';
import { createStepRunner } from './step-runner';

/** What the other parts of the crew give the engine (see run.types.ts). */
export interface CrewParts {
  executor: AgentStepExecutor;
  sink: ProposalSink;
  proposals: RunProposals;
  audit: AuditLog;
  playbooks: PlaybookSource;
  registry: AgentRegistry;
}

export interface RunsCompositionDeps {
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  timers: Timers;
  random: Random;
  jobs: JobRunner;
  dataDir: string;
  inMemory: boolean;
  book: RunBook;
  streams: StepStreams;
  continuity: ContinuityStepRunner | null;
  /** The crew's parts that exist in this build; the missing ones say so when reached. */
  crew: Partial<CrewParts>;
  /** Step retries (tests use short waits). */
  retry?: { maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } };
}

/** Attempts of a step's transient failure (a provider down, a rate limit) before it fails and the writer decides. */
export const STEP_MAX_ATTEMPTS = 3;
/** Back-off of a step's transient failures: 1 s, doubling, never above 30 s, with full jitter. */
export const STEP_BACKOFF = { baseMs: 1_000, maxMs: 30_000 } as const;

/**
 * Until the agents, proposals and playbooks parts are composed, the engine runs with these:
 * no agent is registered (so no plan with an agent step validates), no playbook exists, a
 * proposal cannot be made, and the audit goes to the JSON log only.
 */
function missingParts(logger: Logger): CrewParts {
  const unavailable = (what: string) => new AppError(ErrorCode.INTERNAL, `${what} are not available in this build yet.`);
  return {
    executor: { execute: () => Promise.reject(unavailable('Agent steps')) },
    sink: {
      propose: () => {
        throw unavailable('Proposals');
      },
    },
    proposals: { forRun: () => [] },
    audit: { record: (entry) => logger.info({ audit: entry }, 'agent action') },
    playbooks: {
      get: () => {
        throw new AppError(ErrorCode.NOT_FOUND, 'Playbooks are not available in this build yet.');
      },
    },
    registry: { list: () => [], get: () => undefined, capability: () => undefined },
  };
}

/**
 * Builds agent runs (issue 8): the runs table, the checkpoint file, the `agent.run` job kind
 * (registered here, so call before the runner starts) and the `runs.*` handlers.
 */
export function composeRuns(deps: RunsCompositionDeps) {
  const crew: CrewParts = { ...missingParts(deps.logger), ...deps.crew };
  const repo = createRunRepo(deps.database.orm);
  const checkpoints = openRunCheckpoints({ dataDir: deps.dataDir, inMemory: deps.inMemory });
  let closing = false;
  const service = createRunService({
    repo,
    jobs: deps.jobs,
    events: deps.events,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    checkpointer: checkpoints.saver,
    playbooks: crew.playbooks,
    registry: crew.registry,
    proposals: crew.proposals,
    book: deps.book,
    newTraceId,
  });
  const steps = createStepRunner({
    repo,
    clock: deps.clock,
    timers: deps.timers,
    random: deps.random,
    logger: deps.logger,
    executor: crew.executor,
    continuity: deps.continuity,
    sink: crew.sink,
    audit: crew.audit,
    book: deps.book,
    streams: deps.streams,
    newTraceId,
    changed: (runId) => {
      const row = repo.find(runId);
      if (row) deps.events.emit('run.changed', { projectId: row.projectId, runId, status: row.status as RunStatus, seq: row.seq });
    },
    maxAttempts: deps.retry?.maxAttempts ?? STEP_MAX_ATTEMPTS,
    backoff: deps.retry?.backoff ?? STEP_BACKOFF,
  });
  deps.jobs.register(
    createRunJobKind({
      repo,
      events: deps.events,
      clock: deps.clock,
      logger: deps.logger,
      checkpointer: checkpoints.saver,
      proposals: crew.proposals,
      book: deps.book,
      steps,
      closing: () => closing,
    }),
  );
  return {
    service,
    handlers: createRunsHandlers(service),
    /** Before the job runner closes: the runs it aborts resume at the next start. */
    beginClose(): void {
      closing = true;
    },
    close(): void {
      checkpoints.close();
    },
  };
}
