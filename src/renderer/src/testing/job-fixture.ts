import type { Job } from '../../../shared/models/jobs';

/** A running memory-index job with every field set; tests override what they look at. */
export function testJob(patch: Partial<Job> & Pick<Job, 'id'>): Job {
  return {
    kind: 'memory.index',
    projectId: null,
    title: 'Index “The Salt Road”',
    status: 'running',
    progress: { done: 0, total: 10 },
    attempts: 1,
    maxAttempts: 5,
    error: null,
    createdAt: 1,
    startedAt: 1,
    finishedAt: null,
    nextAttemptAt: null,
    seq: 1,
    ...patch,
  };
}
