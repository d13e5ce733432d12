export { createJobsStore, groupJobs, jobsSummary, type JobsStore, type JobGroups } from './jobs.store';
export { JobsDialog, JobsIndicator } from './JobsView';
