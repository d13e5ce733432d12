import type { DomainHandlers } from '../handlers';
import type { JobRunner } from './job.types';

type JobsMethods = 'jobs.list' | 'jobs.get' | 'jobs.cancel' | 'jobs.retry';

/** The contract's `jobs.*` methods over the runner. */
export function createJobsHandlers(runner: JobRunner): DomainHandlers<JobsMethods> {
  return {
    'jobs.list': (input) => runner.list(input),
    'jobs.get': (input) => runner.get(input.id),
    'jobs.cancel': (input) => runner.cancel(input.id),
    'jobs.retry': (input) => runner.retry(input.id),
  };
}
