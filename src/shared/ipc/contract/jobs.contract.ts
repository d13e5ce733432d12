import { z } from 'zod';
import { jobListQuerySchema, jobSchema } from '../../models/jobs';
import { byId, method } from './method';

/**
 * The jobs domain: background work (indexing, continuity checks…) with progress, cancel and
 * retry. Changes arrive as `job.changed` events carrying the whole job and its `seq`; a UI that
 * reconnects re-reads `jobs.list` and ignores events whose `seq` is not above what it holds.
 */
export const jobsContract = {
  'jobs.list': method({ input: jobListQuerySchema, output: z.array(jobSchema), doc: 'Jobs, newest first, filtered by project, kind and status.' }),
  'jobs.get': method({ input: byId, output: jobSchema, doc: 'One job.' }),
  'jobs.cancel': method({ input: byId, output: jobSchema, doc: 'Cancels a job: a waiting one at once, a running one when its work has stopped.' }),
  'jobs.retry': method({ input: byId, output: jobSchema, doc: 'Runs a failed or cancelled job again from its first attempt.' }),
} as const;
