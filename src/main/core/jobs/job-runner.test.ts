import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Job, JobStatus } from '../../../shared/models/jobs';
import { openDatabase, type AppDatabase } from '../db/connection';
import { createEventBus } from '../events';
import { silentLogger } from '../platform/logger';
import { sequentialIds } from '../testing/domain-fixture';
import { createJobRunner, FAILED_JOBS_KEPT_MS, FINISHED_JOBS_KEPT_MS } from './job-runner';
import type { JobContext, JobKind, JobRunner } from './job.types';
import { createManualTime, fixedRandom, settle } from './testing/manual-time';

const payload = z.object({ n: z.number() });
type Payload = z.infer<typeof payload>;

let database: AppDatabase;
let time: ReturnType<typeof createManualTime>;
let seen: Job[];
let runner: JobRunner;
const ids = sequentialIds();

function makeRunner(random = 0.5): JobRunner {
  const events = createEventBus((error) => {
    throw error;
  });
  events.subscribe((name, job) => {
    if (name === 'job.changed') seen.push(job as Job);
  });
  return createJobRunner({ database, events, clock: time.clock, timers: time.timers, random: fixedRandom(random), ids, logger: silentLogger(), progressIntervalMs: 100 });
}

/** A kind whose runs the test controls: each run waits until the test ends it, or its signal aborts. */
function controlledKind(options: Partial<JobKind<Payload>> = {}) {
  const runs: { context: JobContext<Payload>; resolve(): void; reject(error: unknown): void }[] = [];
  const kind: JobKind<Payload> = {
    kind: 'test.work',
    payload,
    title: (p) => `Work ${p.n}`,
    run: (context) =>
      new Promise<void>((resolve, reject) => {
        context.signal.addEventListener('abort', () => reject(context.signal.reason));
        runs.push({ context, resolve, reject });
      }),
    ...options,
  };
  return { kind, runs };
}

/** Resolves when `job.changed` reports `status` for the job. */
function statusOf(jobId: string): JobStatus | undefined {
  return seen.filter((job) => job.id === jobId).at(-1)?.status;
}

beforeEach(() => {
  database = openDatabase({ file: ':memory:' });
  time = createManualTime();
  seen = [];
  runner = makeRunner();
});

afterEach(async () => {
  await runner.close();
  database.close();
});

describe('job runner', () => {
  it('runs a job to success, recording throttled progress with a seq that grows by one per change', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 }, projectId: null });
    expect(job).toMatchObject({ status: 'queued', title: 'Work 1', attempts: 0, seq: 1 });
    await settle();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.context.attempt).toBe(1);
    run.context.progress({ done: 1, total: 10, message: 'one' });
    run.context.progress({ done: 2, total: 10 });
    run.context.progress({ done: 3, total: 10, message: 'three' });
    // The first report is written at once; the rest wait for the interval, then only the last.
    expect(runner.get(job.id).progress).toEqual({ done: 1, total: 10, message: 'one' });
    await time.advance(100);
    expect(runner.get(job.id).progress).toEqual({ done: 3, total: 10, message: 'three' });
    run.context.progress({ done: 10, total: 10 });
    run.context.progress({ done: 12, total: 10 });
    run.resolve();
    const done = await runner.whenFinished(job.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, error: null, progress: { done: 10, total: 10 } });
    const mine = seen.filter((event) => event.id === job.id);
    expect(mine.map((event) => event.seq)).toEqual(mine.map((_, index) => index + 1));
    // queued, started, progress 1, progress 3, then the end carrying the last progress.
    expect(mine.map((event) => event.status)).toEqual(['queued', 'running', 'running', 'running', 'succeeded']);
    expect(runner.get(job.id).seq).toBe(mine.at(-1)?.seq);
  });

  it('writes its own start and end without a flush of their own, the queueing and a cancel flushed', async () => {
    // One log, in order: the connection's safety level changes and the statuses written.
    const log: string[] = [];
    const pragma = database.sqlite.pragma.bind(database.sqlite);
    database.sqlite.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) log.push(source.slice('synchronous = '.length));
      return pragma(source, options);
    }) as typeof database.sqlite.pragma;
    const push = seen.push.bind(seen);
    seen.push = (...jobs: Job[]) => {
      log.push(...jobs.map((job) => job.status));
      return push(...jobs);
    };
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    runner.enqueue({ kind: 'test.work', payload: { n: 1 }, projectId: null });
    await settle();
    runs[0]?.resolve();
    await settle();
    const stopped = runner.enqueue({ kind: 'test.work', payload: { n: 2 }, projectId: null });
    await settle();
    runner.cancel(stopped.id);
    await settle();
    expect(log).toEqual(['queued', 'NORMAL', 'FULL', 'running', 'NORMAL', 'FULL', 'succeeded', 'queued', 'NORMAL', 'FULL', 'running', 'cancelled']);
  });

  it('retries a transient failure after a full-jitter exponential back-off, up to its attempts', async () => {
    const { kind, runs } = controlledKind({ maxAttempts: 3, backoff: { baseMs: 1_000, maxMs: 60_000 } });
    runner.register(kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    await settle();
    runs[0]!.reject(new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not running.', { retryable: true }));
    await settle();
    const waiting = runner.get(job.id);
    // random 0.5 × ceiling 1000 ms (first retry).
    expect(waiting).toMatchObject({ status: 'retrying', attempts: 1, error: { code: 'PROVIDER_UNREACHABLE', category: 'transient' } });
    expect(waiting.nextAttemptAt).toBe(time.clock.now() + 500);
    await time.advance(499);
    expect(runs).toHaveLength(1);
    await time.advance(1);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.context.attempt).toBe(2);
    runs[1]!.reject(new AppError(ErrorCode.TIMEOUT, 'The model took too long.'));
    await settle();
    // Second retry: ceiling doubled to 2000 ms.
    expect(runner.get(job.id).nextAttemptAt).toBe(time.clock.now() + 1_000);
    await time.advance(1_000);
    runs[2]!.reject(new AppError(ErrorCode.RATE_LIMITED, 'Slow down.'));
    const failed = await runner.whenFinished(job.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'RATE_LIMITED', message: 'Slow down.', category: 'transient' } });
    expect(runs).toHaveLength(3);
  });

  it('does not retry validation or permanent failures, and retries an unknown failure once with a sentence, not a stack', async () => {
    const { kind, runs } = controlledKind({ concurrency: 3 });
    runner.register(kind);
    runner.start();
    const invalid = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    const missing = runner.enqueue({ kind: 'test.work', payload: { n: 2 } });
    const odd = runner.enqueue({ kind: 'test.work', payload: { n: 3 } });
    await settle();
    runs[0]!.reject(new AppError(ErrorCode.INVALID_INPUT, 'The chunk size is wrong.'));
    runs[1]!.reject(new AppError(ErrorCode.NOT_FOUND, 'The scene was not found.'));
    runs[2]!.reject(new TypeError('x is undefined'));
    expect(await runner.whenFinished(invalid.id)).toMatchObject({ status: 'failed', attempts: 1, error: { category: 'validation' } });
    expect(await runner.whenFinished(missing.id)).toMatchObject({ status: 'failed', attempts: 1, error: { category: 'permanent' } });
    expect(runner.get(odd.id)).toMatchObject({ status: 'retrying', attempts: 1, error: { code: 'INTERNAL', category: 'unknown' } });
    await time.advance(2_000);
    expect(runs).toHaveLength(4);
    runs[3]!.reject(new TypeError('x is undefined'));
    const failed = await runner.whenFinished(odd.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.error?.message).toBe('Something went wrong while the job ran. The details were written to the log.');
    expect(JSON.stringify(seen)).not.toContain('x is undefined');
  });

  it('runs at most `concurrency` jobs of a kind at once and starts the next when one ends', async () => {
    const { kind, runs } = controlledKind({ concurrency: 2 });
    runner.register(kind);
    runner.start();
    const queued = [1, 2, 3, 4].map((n) => runner.enqueue({ kind: 'test.work', payload: { n } }));
    await settle();
    expect(runs.map((run) => run.context.payload.n)).toEqual([1, 2]);
    expect(queued.map((job) => runner.get(job.id).status)).toEqual(['running', 'running', 'queued', 'queued']);
    runs[0]!.resolve();
    await runner.whenFinished(queued[0]!.id);
    await settle();
    expect(runs.map((run) => run.context.payload.n)).toEqual([1, 2, 3]);
  });

  it('returns the unfinished job for a repeated idempotency key, and moves a debounced start later', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const now = time.clock.now();
    const first = runner.enqueue({ kind: 'test.work', payload: { n: 1 }, idempotencyKey: 'scene:1', notBefore: now + 1_000 });
    const again = runner.enqueue({ kind: 'test.work', payload: { n: 1 }, idempotencyKey: 'scene:1', notBefore: now + 3_000 });
    expect(again.id).toBe(first.id);
    await time.advance(2_000);
    expect(runs).toHaveLength(0);
    await time.advance(1_000);
    expect(runs).toHaveLength(1);
    // Running: the same key still answers with this job.
    expect(runner.enqueue({ kind: 'test.work', payload: { n: 1 }, idempotencyKey: 'scene:1' }).id).toBe(first.id);
    runs[0]!.resolve();
    await runner.whenFinished(first.id);
    // Finished: a new request is new work.
    expect(runner.enqueue({ kind: 'test.work', payload: { n: 1 }, idempotencyKey: 'scene:1' }).id).not.toBe(first.id);
  });

  it('cancels a running job through its signal and a waiting one at once', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const running = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    const waiting = runner.enqueue({ kind: 'test.work', payload: { n: 2 } });
    await settle();
    const run = runs[0]!;
    expect(runner.cancel(waiting.id).status).toBe('cancelled');
    expect(runner.cancel(running.id).status).toBe('running');
    expect(run.context.signal.aborted).toBe(true);
    expect(await runner.whenFinished(running.id)).toMatchObject({ status: 'cancelled', error: null });
    await settle();
    // The cancelled waiting job never ran.
    expect(runs).toHaveLength(1);
    expect(statusOf(waiting.id)).toBe('cancelled');
  });

  it('ends a cancelled job `cancelled` even when its handler finishes normally', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    await settle();
    runner.cancel(job.id);
    runs[0]!.resolve();
    expect((await runner.whenFinished(job.id)).status).toBe('cancelled');
  });

  it('runs a failed job again from its first attempt on retry, and refuses to retry a running one', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    await settle();
    expect(() => runner.retry(job.id)).toThrow(/Only a failed or cancelled job/);
    runs[0]!.reject(new AppError(ErrorCode.NOT_FOUND, 'Gone.'));
    await runner.whenFinished(job.id);
    expect(runner.retry(job.id)).toMatchObject({ status: 'queued', attempts: 0, error: null });
    await settle();
    expect(runs[1]!.context.attempt).toBe(1);
    runs[1]!.resolve();
    expect((await runner.whenFinished(job.id)).status).toBe('succeeded');
  });

  it('refuses an unknown kind and a payload its schema rejects', () => {
    runner.register(controlledKind().kind);
    expect(() => runner.enqueue({ kind: 'test.nothing', payload: {} })).toThrow(AppError);
    expect(() => runner.enqueue({ kind: 'test.work', payload: { n: 'one' } })).toThrow(/not valid/);
  });

  it('resumes jobs a killed core left running as a new attempt, and fails one interrupted too often', async () => {
    const first = controlledKind({ maxAttempts: 2 });
    runner.register(first.kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    await settle();
    expect(runner.get(job.id).status).toBe('running');
    // A crash: nothing is recorded, the row stays `running`. A new runner opens the same table.
    runner = makeRunner();
    const second = controlledKind({ maxAttempts: 2 });
    runner.register(second.kind);
    runner.start();
    await settle();
    expect(second.runs).toHaveLength(1);
    expect(second.runs[0]!.context.attempt).toBe(2);
    runner = makeRunner();
    const third = controlledKind({ maxAttempts: 2 });
    runner.register(third.kind);
    runner.start();
    await settle();
    expect(third.runs).toHaveLength(0);
    expect(runner.get(job.id)).toMatchObject({ status: 'failed', error: { message: 'The job was interrupted 2 times before it could finish.' } });
  });

  it('on close aborts running work and leaves it to resume at the next start', async () => {
    const { kind, runs } = controlledKind();
    runner.register(kind);
    runner.start();
    const job = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    await settle();
    const run = runs[0]!;
    await runner.close();
    expect(run.context.signal.aborted).toBe(true);
    expect(runner.get(job.id).status).toBe('running');
  });

  it('forgets finished jobs at start-up after a week (failed ones after a month)', async () => {
    const { kind, runs } = controlledKind({ concurrency: 2 });
    runner.register(kind);
    runner.start();
    const done = runner.enqueue({ kind: 'test.work', payload: { n: 1 } });
    const failed = runner.enqueue({ kind: 'test.work', payload: { n: 2 } });
    await settle();
    runs[0]!.resolve();
    runs[1]!.reject(new AppError(ErrorCode.NOT_FOUND, 'Gone.'));
    await runner.whenFinished(failed.id);
    await time.advance(FINISHED_JOBS_KEPT_MS + 1);
    runner = makeRunner();
    runner.register(controlledKind().kind);
    runner.start();
    expect(runner.list({}).map((job) => job.id)).toEqual([failed.id]);
    expect(() => runner.get(done.id)).toThrow(/not found/);
    await time.advance(FAILED_JOBS_KEPT_MS);
    runner = makeRunner();
    runner.start();
    expect(runner.list({})).toEqual([]);
  });

  it('lists jobs newest first, filtered by project, kind and status', async () => {
    const { kind } = controlledKind();
    runner.register(kind);
    const projectId = ids.newId();
    const a = runner.enqueue({ kind: 'test.work', payload: { n: 1 }, projectId });
    await time.advance(10);
    const b = runner.enqueue({ kind: 'test.work', payload: { n: 2 } });
    expect(runner.list({}).map((job) => job.id)).toEqual([b.id, a.id]);
    expect(runner.list({ projectId }).map((job) => job.id)).toEqual([a.id]);
    runner.cancel(b.id);
    expect(runner.list({ statuses: ['queued'] }).map((job) => job.id)).toEqual([a.id]);
    expect(runner.list({ kinds: ['other.kind'] })).toEqual([]);
  });
});
