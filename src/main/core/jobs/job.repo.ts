import { and, desc, eq, gt, inArray, isNotNull, lt, lte, min, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { jobs } from '../db/schema';
import type { ErrorCategory, Job, JobListQuery, JobStatus } from '../../../shared/models/jobs';

export type JobRow = typeof jobs.$inferSelect;
export type JobInsert = typeof jobs.$inferInsert;
/** Columns a change may set; `seq` is bumped by the repository itself. */
export type JobPatch = Partial<Omit<JobInsert, 'id' | 'kind' | 'createdAt' | 'seq'>>;

/** Statuses of a job that is not finished: the runner still owes it a run. */
export const ACTIVE_STATUSES: JobStatus[] = ['queued', 'running', 'retrying'];

/** The shared shape of a row. */
export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    projectId: row.projectId,
    title: row.title,
    status: row.status as JobStatus,
    progress: {
      done: row.progressDone,
      total: row.progressTotal,
      ...(row.progressMessage !== null && { message: row.progressMessage }),
    },
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    error:
      row.errorCode === null
        ? null
        : { code: row.errorCode, message: row.errorMessage ?? '', category: (row.errorCategory ?? 'unknown') as ErrorCategory },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    // A queued job's start may be debounced (notBefore): the UI tells waiting from working by it.
    nextAttemptAt: row.status === 'queued' ? row.notBefore : row.nextAttemptAt,
    seq: row.seq,
  };
}

/** The jobs table. Every change bumps the row's `seq` in the same statement. */
export function createJobRepo(db: Db) {
  return {
    find(id: string): JobRow | undefined {
      return db.select().from(jobs).where(eq(jobs.id, id)).get();
    },

    insert(row: Omit<JobInsert, 'seq'>): JobRow {
      return db.insert(jobs).values({ ...row, seq: 1 }).returning().get();
    },

    /** Applies `patch` and returns the changed row (undefined if the job is gone). */
    update(id: string, patch: JobPatch): JobRow | undefined {
      return db
        .update(jobs)
        .set({ ...patch, seq: sql`${jobs.seq} + 1` })
        .where(eq(jobs.id, id))
        .returning()
        .get();
    },

    /** The unfinished job holding `key`, if any. */
    findActiveByKey(key: string): JobRow | undefined {
      return db
        .select()
        .from(jobs)
        .where(and(eq(jobs.idempotencyKey, key), inArray(jobs.status, ACTIVE_STATUSES)))
        .get();
    },

    withStatus(status: JobStatus): JobRow[] {
      return db.select().from(jobs).where(eq(jobs.status, status)).all();
    },

    /** Queued or retrying jobs of `kind` whose time has come, oldest first. */
    due(kind: string, now: number, limit: number): JobRow[] {
      const ready = or(
        and(eq(jobs.status, 'queued'), or(sql`${jobs.notBefore} is null`, lte(jobs.notBefore, now))),
        and(eq(jobs.status, 'retrying'), lte(jobs.nextAttemptAt, now)),
      );
      return db.select().from(jobs).where(and(eq(jobs.kind, kind), ready)).orderBy(jobs.createdAt, jobs.id).limit(limit).all();
    },

    /**
     * The earliest time after `now` a waiting job of one of `kinds` becomes due, if any (jobs
     * already due but held back by a concurrency limit start when a slot frees instead).
     */
    nextDueAt(kinds: string[], now: number): number | null {
      if (kinds.length === 0) return null;
      const waitingAt = sql<number>`case when ${jobs.status} = 'retrying' then ${jobs.nextAttemptAt} else ${jobs.notBefore} end`;
      const row = db
        .select({ at: min(waitingAt) })
        .from(jobs)
        .where(
          and(
            inArray(jobs.kind, kinds),
            or(and(eq(jobs.status, 'queued'), isNotNull(jobs.notBefore)), eq(jobs.status, 'retrying')),
            gt(waitingAt, now),
          ),
        )
        .get();
      // SQLite's min() of integers; drizzle types min() as text.
      return row?.at === null || row?.at === undefined ? null : Number(row.at);
    },

    /** Deletes jobs that ended with one of `statuses` before `before`; returns how many. */
    deleteFinished(statuses: JobStatus[], before: number): number {
      return db
        .delete(jobs)
        .where(and(inArray(jobs.status, statuses), lt(jobs.finishedAt, before)))
        .run().changes;
    },

    list(query: JobListQuery): JobRow[] {
      const filters: SQL[] = [];
      if (query.projectId !== undefined) filters.push(eq(jobs.projectId, query.projectId));
      if (query.kinds && query.kinds.length > 0) filters.push(inArray(jobs.kind, query.kinds));
      if (query.statuses && query.statuses.length > 0) filters.push(inArray(jobs.status, query.statuses));
      return db
        .select()
        .from(jobs)
        .where(and(...filters))
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(query.limit ?? 100)
        .all();
    },
  };
}

export type JobRepo = ReturnType<typeof createJobRepo>;
