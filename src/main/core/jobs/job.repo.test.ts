import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../db/connection';
import { createJobRepo, type JobRepo } from './job.repo';

let database: AppDatabase;
let repo: JobRepo;

beforeEach(() => {
  database = openDatabase({ file: ':memory:' });
  repo = createJobRepo(database);
});
afterEach(() => database.close());

const job = (id: string, kind: string, createdAt: number, extra: Partial<Parameters<JobRepo['insert']>[0]> = {}) =>
  repo.insert({ id, kind, title: id, payload: '{}', status: 'queued', createdAt, maxAttempts: 3, ...extra });

describe('the job repository’s prepared hot path', () => {
  it('writes progress without a flush of its own, and leaves every other write flushed (synchronous=FULL), in or out of a transaction', () => {
    const levels: number[] = [];
    const pragma = database.sqlite.pragma.bind(database.sqlite);
    database.sqlite.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) levels.push(source.endsWith('NORMAL') ? 1 : 2);
      return pragma(source, options);
    }) as typeof database.sqlite.pragma;
    job('a', 'a', 1);
    expect(repo.update('a', { progressDone: 1, progressTotal: 4, progressMessage: 'one' })).toMatchObject({ progressDone: 1, progressMessage: 'one' });
    expect(levels).toEqual([1, 2]);
    repo.update('a', { status: 'running', progressDone: 2 });
    expect(levels).toEqual([1, 2]);
    database.sqlite.transaction(() => repo.update('a', { progressDone: 3 }))();
    expect(levels).toEqual([1, 2]);
    expect(repo.find('a')).toMatchObject({ status: 'running', progressDone: 3 });
    expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('inserts with the schema’s defaults where the caller names no value, and every value it names', () => {
    const plain = job('plain', 'a', 5, { projectId: undefined });
    expect(plain).toEqual({
      id: 'plain', kind: 'a', projectId: null, title: 'plain', payload: '{}', status: 'queued', progressDone: 0, progressTotal: 0, progressMessage: null,
      attempts: 0, maxAttempts: 3, idempotencyKey: null, errorCode: null, errorMessage: null, errorCategory: null, createdAt: 5, startedAt: null,
      finishedAt: null, nextAttemptAt: null, notBefore: null, seq: 1,
    });
    const named = job('named', 'b', 6, { projectId: 'p1', idempotencyKey: 'k', notBefore: 60, attempts: 2, progressMessage: 'half', progressDone: 1, progressTotal: 2 });
    expect(named).toMatchObject({ projectId: 'p1', idempotencyKey: 'k', notBefore: 60, attempts: 2, progressMessage: 'half', progressDone: 1, progressTotal: 2, seq: 1 });
    expect(repo.find('named')).toEqual(named);
  });

  it('gives the due jobs of a kind oldest first across queued and retrying, within the limit', () => {
    job('new', 'a', 30);
    job('retry-old', 'a', 10, { status: 'retrying', nextAttemptAt: 100 });
    job('debounced', 'a', 5, { notBefore: 500 });
    job('retry-later', 'a', 1, { status: 'retrying', nextAttemptAt: 900 });
    job('middle', 'a', 20);
    job('other-kind', 'b', 0);
    job('done', 'a', 0, { status: 'succeeded' });

    expect(repo.due('a', 200, 10).map((row) => row.id)).toEqual(['retry-old', 'middle', 'new']);
    expect(repo.due('a', 200, 2).map((row) => row.id)).toEqual(['retry-old', 'middle']);
    expect(repo.due('a', 1000, 10).map((row) => row.id)).toEqual(['retry-later', 'debounced', 'retry-old', 'middle', 'new']);
  });

  it('reads past older jobs still waiting out a debounce to the ready ones; woken ones come in wake order', () => {
    for (let i = 0; i < 50; i += 1) job(`waiting-${i}`, 'a', i, { notBefore: 10_000 });
    job('woken-late', 'a', 60, { notBefore: 90 });
    job('ready', 'a', 70);
    job('woken-early', 'a', 80, { notBefore: 50 });
    expect(repo.due('a', 100, 10).map((row) => row.id)).toEqual(['woken-late', 'ready', 'woken-early']);
    // One slot: the first woken (at 50) and the first ready are the candidates; the older starts.
    expect(repo.due('a', 100, 1).map((row) => row.id)).toEqual(['ready']);
    const waiting = Array.from({ length: 50 }, (_, i) => `waiting-${i}`);
    expect(repo.due('a', 20_000, 60).map((row) => row.id)).toEqual([...waiting, 'woken-late', 'ready', 'woken-early']);
  });

  it('finds the next wake among the given kinds only: the earliest debounce or back-off still ahead', () => {
    job('debounced', 'a', 1, { notBefore: 700 });
    job('retrying', 'b', 2, { status: 'retrying', nextAttemptAt: 400 });
    job('elsewhere', 'c', 3, { notBefore: 100 });
    job('already-due', 'a', 4, { notBefore: 50 });

    expect(repo.nextDueAt(['a', 'b'], 60)).toBe(400);
    expect(repo.nextDueAt(['a'], 60)).toBe(700);
    expect(repo.nextDueAt(['a', 'b'], 800)).toBeNull();
    expect(repo.nextDueAt([], 0)).toBeNull();
  });

  it('updates any set of columns (nulls included, undefined left alone) and bumps seq each time', () => {
    job('j', 'a', 1, { notBefore: 10 });
    const started = repo.update('j', { status: 'running', attempts: 1, startedAt: 5, notBefore: null, errorCode: undefined });
    expect(started).toMatchObject({ status: 'running', attempts: 1, startedAt: 5, notBefore: null, seq: 2 });
    const ticked = repo.update('j', { progressDone: 3, progressTotal: 4 });
    expect(ticked).toMatchObject({ status: 'running', progressDone: 3, progressTotal: 4, seq: 3 });
    expect(repo.update('j', { progressDone: 4, progressTotal: 4 })?.seq).toBe(4);
    expect(repo.update('missing', { progressDone: 1 })).toBeUndefined();
    expect(repo.find('j')).toMatchObject({ progressDone: 4, seq: 4 });
  });

  it('finds the unfinished job holding an idempotency key, not a finished one', () => {
    job('finished', 'a', 1, { idempotencyKey: 'k', status: 'succeeded' });
    expect(repo.findActiveByKey('k')).toBeUndefined();
    job('active', 'a', 2, { idempotencyKey: 'k' });
    expect(repo.findActiveByKey('k')?.id).toBe('active');
  });
});
