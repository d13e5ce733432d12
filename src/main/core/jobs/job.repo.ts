import { and, desc, eq, getTableColumns, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { withoutFlush, type AppDatabase } from '../db/connection';
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

/** What an inserted row holds in the columns its caller leaves out (the schema's defaults; a new row's `seq` is 1). */
const INSERT_DEFAULTS = {
  projectId: null,
  progressDone: 0,
  progressTotal: 0,
  progressMessage: null,
  attempts: 0,
  idempotencyKey: null,
  errorCode: null,
  errorMessage: null,
  errorCategory: null,
  startedAt: null,
  finishedAt: null,
  nextAttemptAt: null,
  notBefore: null,
  seq: 1,
} satisfies Partial<JobInsert>;

const PROGRESS_COLUMNS = new Set<string>(['progressDone', 'progressTotal', 'progressMessage']);

const withoutUndefined = <T extends object>(row: T): Partial<T> => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Oldest first, ties by id: the order jobs start in. */
const byAge = (a: JobRow, b: JobRow) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The jobs table. Every change bumps the row's `seq` in the same statement.
 *
 * The runner's hot path (find, update, due, nextDueAt — several calls per job start, per
 * progress tick and per pump over every registered kind) uses statements prepared once: drizzle
 * builds and prepares a query anew on every call otherwise, which cost ~10× the query itself and
 * dominated the CPU of a device working through thousands of queued jobs.
 */
export function createJobRepo(database: Pick<AppDatabase, 'orm' | 'sqlite'>) {
  const db = database.orm;
  const byId = db.select().from(jobs).where(eq(jobs.id, sql.placeholder('id'))).prepare();
  // Every column a placeholder (the defaults filled in by `insert`): every service's work is
  // queued through here, several jobs per scene save.
  const insertRow = db
    .insert(jobs)
    .values(Object.fromEntries(Object.keys(getTableColumns(jobs)).map((key) => [key, sql.placeholder(key)])) as unknown as JobInsert)
    .returning()
    .prepare();
  // Statuses as literals, not bound values: SQLite uses a partial index only when the query's
  // own text implies the index's condition (here jobs_active_key_idx: one row, not a walk over
  // every waiting job).
  const isActive = sql.raw(`"jobs"."status" in (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`);
  const activeByKey = db
    .select()
    .from(jobs)
    .where(and(eq(jobs.idempotencyKey, sql.placeholder('key')), isActive))
    .prepare();
  // Waiting jobs are read in three parts, each from a partial index of its own (see the schema)
  // in the order jobs start and stopping at the limit: queued ones ready at once (by age),
  // debounced ones whose wait is over (by wake time) and retrying ones (by retry time). Raw SQL
  // for INDEXED BY: the planner may otherwise pick another index and walk every waiting job.
  const rowColumns = Object.entries(getTableColumns(jobs))
    .map(([key, column]) => `"${column.name}" as "${key}"`)
    .join(', ');
  /** Jobs of `status` whose `column` (a wake time) is set, by kind, from `index`. */
  const waiting = (index: string, status: string, column: string) => `from jobs indexed by ${index} where status = '${status}' and ${column} is not null`;
  const debounced = waiting('jobs_debounced_idx', 'queued', 'not_before');
  const retrying = waiting('jobs_retrying_idx', 'retrying', 'next_attempt_at');
  const readyQueued = database.sqlite.prepare<{ kind: string; limit: number }, JobRow>(
    `select ${rowColumns} from jobs indexed by jobs_ready_idx
      where status = 'queued' and not_before is null and kind = @kind
      order by created_at, id limit @limit`,
  );
  const wokenQueued = database.sqlite.prepare<{ kind: string; now: number; limit: number }, JobRow>(
    `select ${rowColumns} ${debounced} and kind = @kind and not_before <= @now order by not_before limit @limit`,
  );
  const dueRetrying = database.sqlite.prepare<{ kind: string; now: number; limit: number }, JobRow>(
    `select ${rowColumns} ${retrying} and kind = @kind and next_attempt_at <= @now order by next_attempt_at limit @limit`,
  );
  // When the next debounced or backed-off job of the kinds (a JSON array) wakes: one seek per
  // kind into each index for its first time after now.
  const nextWake = database.sqlite
    .prepare<{ now: number; kinds: string }, number | null>(
      `select min(at) from (
        select (select min(not_before) ${debounced} and kind = kinds.value and not_before > @now) as at from json_each(@kinds) as kinds
        union all
        select (select min(next_attempt_at) ${retrying} and kind = kinds.value and next_attempt_at > @now) from json_each(@kinds) as kinds
      )`,
    )
    .pluck();
  /** One prepared update per set of patched columns (a handful: start, progress, finish, retry…). */
  const updates = new Map<string, { get(values: Record<string, unknown>): JobRow | undefined }>();
  const updateFor = (keys: readonly string[]) => {
    const signature = keys.join(',');
    let statement = updates.get(signature);
    if (!statement) {
      const set = Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(key)}`]));
      statement = db
        .update(jobs)
        .set({ ...set, seq: sql`${jobs.seq} + 1` })
        .where(eq(jobs.id, sql.placeholder('id')))
        .returning()
        .prepare();
      updates.set(signature, statement);
    }
    return statement;
  };

  return {
    find(id: string): JobRow | undefined {
      return byId.get({ id });
    },

    insert(row: Omit<JobInsert, 'seq'>): JobRow {
      return insertRow.get({ ...INSERT_DEFAULTS, ...withoutUndefined(row) }) as JobRow;
    },

    /**
     * Applies `patch` and returns the changed row (undefined if the job is gone). `flush: false`
     * commits without waiting for the disk (see `withoutFlush`): for what the runner can redo
     * after a power cut.
     */
    update(id: string, patch: JobPatch, options: { flush?: boolean } = {}): JobRow | undefined {
      const keys = Object.keys(patch)
        .filter((key) => patch[key as keyof JobPatch] !== undefined)
        .sort();
      const values: Record<string, unknown> = { id };
      for (const key of keys) values[key] = patch[key as keyof JobPatch];
      const statement = updateFor(keys);
      // Progress is redrawn by the next report and started over by a restarted job: not worth
      // a flush each (~1–2 ms of the core's thread, several a second per running job).
      if (options.flush === false || keys.every((key) => PROGRESS_COLUMNS.has(key))) return withoutFlush(database.sqlite, () => statement.get(values));
      return statement.get(values);
    },

    /** The unfinished job holding `key`, if any. */
    findActiveByKey(key: string): JobRow | undefined {
      return activeByKey.get({ key });
    },

    withStatus(status: JobStatus): JobRow[] {
      return db.select().from(jobs).where(eq(jobs.status, status)).all();
    },

    /** Queued or retrying jobs of `kind` whose time has come, oldest first. */
    due(kind: string, now: number, limit: number): JobRow[] {
      const rows = [...readyQueued.all({ kind, limit }), ...wokenQueued.all({ kind, now, limit }), ...dueRetrying.all({ kind, now, limit })];
      return rows.sort(byAge).slice(0, limit);
    },

    /**
     * The earliest time after `now` a waiting job of one of `kinds` becomes due, if any (jobs
     * already due but held back by a concurrency limit start when a slot frees instead).
     */
    nextDueAt(kinds: string[], now: number): number | null {
      if (kinds.length === 0) return null;
      return nextWake.get({ kinds: JSON.stringify(kinds), now }) ?? null;
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
