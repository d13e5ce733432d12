import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ErrorCategory } from '../../../shared/models/jobs';
import type { Plan } from '../../../shared/models/plans';
import type { Run, RunStatus, RunStep, RunTarget, StepStatus } from '../../../shared/models/runs';
import type { Db } from '../db/connection';
import { agentRuns, agentRunSteps } from '../db/schema';

export type RunRow = typeof agentRuns.$inferSelect;
export type RunInsert = typeof agentRuns.$inferInsert;
export type StepRow = typeof agentRunSteps.$inferSelect;
/** Columns a change may set; `seq` is bumped by the repository itself. */
export type RunPatch = Partial<Omit<RunInsert, 'id' | 'projectId' | 'createdAt' | 'seq'>>;
export type StepPatch = Partial<Omit<typeof agentRunSteps.$inferInsert, 'runId' | 'key' | 'position'>>;
/** What a step row starts with (its first appearance). */
export type StepSeed = Pick<StepRow, 'key' | 'stepId' | 'index' | 'title' | 'kind' | 'agentId' | 'capability' | 'traceId'>;

/** A decision the writer took on a failed step, waiting for the step's node to read it. */
export type StepDecision = 'retry' | 'skip';

const parse = <T>(json: string | null, fallback: T): T => (json === null ? fallback : (JSON.parse(json) as T));

/** The shared shape of a run row. */
export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    projectId: row.projectId,
    sessionId: row.sessionId,
    title: row.title,
    playbookId: row.playbookId,
    request: row.request,
    target: parse<RunTarget>(row.target, {}),
    plan: parse<Plan>(row.plan, { target: 'none', steps: [] }),
    status: row.status as RunStatus,
    wait: parse<Run['wait']>(row.wait, null),
    jobId: row.jobId,
    traceId: row.traceId,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    costUsd: row.costUsd,
    error: row.errorCode === null ? null : { code: row.errorCode, message: row.errorMessage ?? '' },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    seq: row.seq,
  };
}

/** The shared shape of a step row. */
export function toStep(row: StepRow): RunStep {
  return {
    runId: row.runId,
    key: row.key,
    stepId: row.stepId,
    index: row.index,
    title: row.title,
    kind: row.kind as RunStep['kind'],
    agentId: row.agentId,
    capability: row.capability,
    status: row.status as StepStatus,
    attempts: row.attempts,
    input: parse<Record<string, string>>(row.input, {}),
    output: parse<unknown>(row.output, null),
    text: row.text,
    streamId: row.streamId,
    error:
      row.errorCode === null
        ? null
        : { code: row.errorCode, message: row.errorMessage ?? '', category: (row.errorCategory ?? 'unknown') as ErrorCategory },
    model: row.model,
    promptId: row.promptId,
    promptVersion: row.promptVersion,
    tokensIn: row.tokensIn,
    tokensOut: row.tokensOut,
    costUsd: row.costUsd,
    timings: parse<RunStep['timings']>(row.timings, {}),
    traceId: row.traceId,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** Rows of `agent_runs` and `agent_run_steps`. Every write to a run or its steps bumps the run's `seq`. */
export function createRunRepo(orm: Db) {
  return {
    insert(row: Omit<RunInsert, 'seq'>): RunRow {
      return orm.insert(agentRuns).values({ ...row, seq: 1 }).returning().get();
    },

    find(id: string): RunRow | undefined {
      return orm.select().from(agentRuns).where(eq(agentRuns.id, id)).get();
    },

    list(projectId: string, statuses: readonly RunStatus[] | undefined, limit: number): RunRow[] {
      const where = statuses && statuses.length > 0 ? and(eq(agentRuns.projectId, projectId), inArray(agentRuns.status, [...statuses])) : eq(agentRuns.projectId, projectId);
      return orm.select().from(agentRuns).where(where).orderBy(desc(agentRuns.createdAt), desc(agentRuns.id)).limit(limit).all();
    },

    /** Changes a run and bumps its seq; returns the new row. */
    update(id: string, patch: RunPatch): RunRow {
      return orm
        .update(agentRuns)
        .set({ ...patch, seq: sql`${agentRuns.seq} + 1` })
        .where(eq(agentRuns.id, id))
        .returning()
        .get() as RunRow;
    },

    /** Bumps a run's seq (its proposals changed); returns the new row. */
    touch(id: string): RunRow | undefined {
      return orm.update(agentRuns).set({ seq: sql`${agentRuns.seq} + 1` }).where(eq(agentRuns.id, id)).returning().get();
    },

    /** Adds the usage of one finished step attempt to the run's totals. */
    addUsage(id: string, usage: { tokensIn: number; tokensOut: number; costUsd: number }): void {
      orm
        .update(agentRuns)
        .set({
          tokensIn: sql`${agentRuns.tokensIn} + ${usage.tokensIn}`,
          tokensOut: sql`${agentRuns.tokensOut} + ${usage.tokensOut}`,
          costUsd: sql`${agentRuns.costUsd} + ${usage.costUsd}`,
        })
        .where(eq(agentRuns.id, id))
        .run();
    },

    steps(runId: string): StepRow[] {
      return orm.select().from(agentRunSteps).where(eq(agentRunSteps.runId, runId)).orderBy(asc(agentRunSteps.position)).all();
    },

    step(runId: string, key: string): StepRow | undefined {
      return orm
        .select()
        .from(agentRunSteps)
        .where(and(eq(agentRunSteps.runId, runId), eq(agentRunSteps.key, key)))
        .get();
    },

    /**
     * The step's row, created `pending` on its first appearance (a node re-run after a crash
     * finds the row it wrote before, never a second one).
     */
    ensureStep(runId: string, seed: StepSeed): StepRow {
      const existing = this.step(runId, seed.key);
      if (existing) return existing;
      return orm.transaction((tx) => {
        const position = tx.select({ n: sql<number>`count(*)` }).from(agentRunSteps).where(eq(agentRunSteps.runId, runId)).get()?.n ?? 0;
        const row = tx
          .insert(agentRunSteps)
          .values({ runId, ...seed, position, status: 'pending' })
          .onConflictDoNothing()
          .returning()
          .get();
        tx.update(agentRuns).set({ seq: sql`${agentRuns.seq} + 1` }).where(eq(agentRuns.id, runId)).run();
        return row ?? (this.step(runId, seed.key) as StepRow);
      });
    },

    /** Changes a step (and bumps its run's seq, in the same transaction: one commit). */
    updateStep(runId: string, key: string, patch: StepPatch, options: { bump?: boolean; usage?: { tokensIn: number; tokensOut: number; costUsd: number } } = {}): StepRow {
      return orm.transaction((tx) => {
        if (options.usage) this.addUsage(runId, options.usage);
        const row = tx
          .update(agentRunSteps)
          .set(patch)
          .where(and(eq(agentRunSteps.runId, runId), eq(agentRunSteps.key, key)))
          .returning()
          .get() as StepRow;
        if (options.bump !== false) tx.update(agentRuns).set({ seq: sql`${agentRuns.seq} + 1` }).where(eq(agentRuns.id, runId)).run();
        return row;
      });
    },

    /** Steps still `running` or `pending` when a run ends become `cancelled`. */
    cancelOpenSteps(runId: string, now: number): void {
      orm
        .update(agentRunSteps)
        .set({ status: 'cancelled', finishedAt: now })
        .where(and(eq(agentRunSteps.runId, runId), inArray(agentRunSteps.status, ['running', 'pending', 'waiting'])))
        .run();
    },

    /** Runs a crash left between states that need a job: queued or running ones. */
    unfinished(): RunRow[] {
      return orm.select().from(agentRuns).where(inArray(agentRuns.status, ['queued', 'running'])).all();
    },
  };
}

export type RunRepo = ReturnType<typeof createRunRepo>;
