import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/models/jobs';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { testJob } from '../../testing/job-fixture';
import { createJobsStore, FAILED_SHOWN_MS, groupJobs, jobsSummary } from './jobs.store';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function job(id: string, patch: Partial<Job> = {}): Job {
  return testJob({ id, title: `Job ${id.slice(-1)}`, progress: { done: 1, total: 10 }, seq: 2, ...patch });
}

describe('jobs store', () => {
  it('loads the list, then follows job.changed, ignoring events not newer than what it holds', async () => {
    const api = createFakeApi({ 'jobs.list': [job(A, { seq: 5, progress: { done: 5, total: 10 } })] });
    const store = createJobsStore(api);
    const release = store.getState().retain();
    api.setStatus('open');
    await expect.poll(() => store.getState().status).toBe('ready');
    expect(api.inputsOf('jobs.list')).toEqual([{ limit: 100 }]);
    api.emit('job.changed', job(A, { seq: 4, progress: { done: 4, total: 10 } }));
    expect(store.getState().jobs[A]?.progress.done).toBe(5);
    api.emit('job.changed', job(A, { seq: 6, progress: { done: 6, total: 10 } }));
    api.emit('job.changed', job(B, { seq: 1, status: 'queued' }));
    expect(store.getState().jobs[A]?.progress.done).toBe(6);
    expect(Object.keys(store.getState().jobs).sort()).toEqual([A, B]);
    release();
    api.emit('job.changed', job(A, { seq: 7, status: 'succeeded' }));
    expect(store.getState().jobs[A]?.status).toBe('running');
  });

  it('re-reads the list after a reconnect, catching up on what it missed while keeping newer events', async () => {
    const api = createFakeApi({ 'jobs.list': [job(A, { seq: 2 })] });
    const store = createJobsStore(api);
    store.getState().retain();
    api.setStatus('open');
    await expect.poll(() => store.getState().status).toBe('ready');
    api.setStatus('closed');
    // While the page was away the job ended; the list now says so.
    api.answer('jobs.list', [job(A, { seq: 9, status: 'succeeded', progress: { done: 10, total: 10 } })]);
    api.setStatus('open');
    await expect.poll(() => store.getState().jobs[A]?.status).toBe('succeeded');
    expect(api.inputsOf('jobs.list')).toHaveLength(2);
  });

  it('cancels and retries through the core, and says why when the core refuses', async () => {
    const api = createFakeApi({
      'jobs.cancel': job(A, { seq: 3 }),
      'jobs.retry': () => {
        throw new ApiError('CONFLICT', 'Only a failed or cancelled job can be run again.', false);
      },
    });
    const store = createJobsStore(api);
    await store.getState().cancel(A);
    expect(api.inputsOf('jobs.cancel')).toEqual([{ id: A }]);
    expect(store.getState().jobs[A]?.seq).toBe(3);
    await store.getState().retry(A);
    expect(store.getState().actionError).toEqual({ jobId: A, message: 'Only a failed or cancelled job can be run again.' });
  });

  it('groups jobs for the view and sums them up for the indicator', () => {
    const jobs = {
      [A]: job(A),
      [B]: job(B, { status: 'failed', error: { code: 'NOT_FOUND', message: 'Gone.', category: 'permanent' } }),
    };
    const groups = groupJobs(jobs);
    expect(groups.active.map((j) => j.id)).toEqual([A]);
    expect(groups.failed.map((j) => j.id)).toEqual([B]);
    expect(jobsSummary(groups, 1_000)).toBe('1 job running, 1 failed');
    expect(jobsSummary(groupJobs({ [A]: job(A), [B]: job(B, { status: 'queued' }) }), 1_000)).toBe('2 jobs running');
    // A queued job debounced to start later (a summary waiting for quiet) is listed, not "running".
    const waiting = groupJobs({ [B]: job(B, { status: 'queued', nextAttemptAt: 5_000 }) });
    expect(waiting.active.map((j) => j.id)).toEqual([B]);
    expect(jobsSummary(waiting, 1_000)).toBeNull();
    expect(jobsSummary(waiting, 5_000)).toBe('1 job running');
    expect(jobsSummary(groupJobs({ [A]: job(A, { status: 'succeeded' }) }), 1_000)).toBeNull();
    // A failure from days ago stays in the view but no longer calls for attention.
    const old = groupJobs({ [B]: job(B, { status: 'failed', finishedAt: 1_000 }) });
    expect(jobsSummary(old, 1_000 + FAILED_SHOWN_MS)).toBe('1 job failed');
    expect(jobsSummary(old, 1_001 + FAILED_SHOWN_MS)).toBeNull();
  });
});
