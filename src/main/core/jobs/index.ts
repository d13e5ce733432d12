export type { JobKind, JobContext, JobRunner, EnqueueRequest } from './job.types';
export { CategorisedFailure } from './job.types';
export { createJobRunner, DEFAULT_MAX_ATTEMPTS, type JobRunnerDeps } from './job-runner';
export { categoryOfCode, toJobError, backoffMs, attemptsAllowed, DEFAULT_BACKOFF } from './job-errors';
export { PROGRESS_INTERVAL_MS } from './job-progress';
export { createJobsHandlers } from './handlers';
