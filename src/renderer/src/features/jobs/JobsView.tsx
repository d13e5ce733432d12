import { ListChecks } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import type { Job } from '../../../../shared/models/jobs';
import { useStores } from '../../app/services';
import { Button, Dialog, ProgressBar, Spinner } from '../../ui';
import { groupJobs, jobsSummary, recentFailures, workingNow } from './jobs.store';
import './jobs.css';

const STATUS_WORDS: Record<Job['status'], string> = {
  queued: 'Waiting',
  running: 'Running',
  retrying: 'Will retry',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Keeps the jobs list current while the calling component is shown. */
function useJobsSync() {
  const { useJobs } = useStores();
  useEffect(() => useJobs.getState().retain(), [useJobs]);
}

/**
 * The app-wide indicator of background work ("2 jobs running"), shown only while there is
 * something to say; it opens the jobs view.
 */
export function JobsIndicator({ onOpen }: { onOpen: () => void }) {
  const { useJobs } = useStores();
  useJobsSync();
  const jobs = useJobs((s) => s.jobs);
  const groups = useMemo(() => groupJobs(jobs), [jobs]);
  const now = Date.now();
  const summary = jobsSummary(groups, now);
  const failedNow = recentFailures(groups, now).length > 0;
  if (!summary) return null;
  return (
    <button
      type="button"
      className={['jobs-indicator', failedNow ? 'jobs-indicator--failed' : ''].filter(Boolean).join(' ')}
      onClick={onOpen}
      aria-haspopup="dialog"
      data-testid="jobs-indicator"
    >
      {workingNow(groups, now).length > 0 ? <Spinner size={13} /> : <ListChecks size={14} aria-hidden="true" />}
      <span aria-live="polite">{summary}</span>
    </button>
  );
}

/** The jobs view: what runs in the background, with progress, Cancel and Retry. */
export function JobsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Background jobs" description="Indexing and other long work runs here without slowing your writing." size="lg" data-testid="jobs-dialog">
      <JobsList />
    </Dialog>
  );
}

function JobsList() {
  const { useJobs } = useStores();
  useJobsSync();
  const jobs = useJobs((s) => s.jobs);
  const status = useJobs((s) => s.status);
  const error = useJobs((s) => s.error);
  const groups = useMemo(() => groupJobs(jobs), [jobs]);

  if (status === 'error' && Object.keys(jobs).length === 0) return <p role="alert" className="jobs-empty">{error}</p>;
  if (status !== 'ready' && Object.keys(jobs).length === 0) return <p className="jobs-empty">Loading jobs…</p>;
  if (Object.keys(jobs).length === 0) return <p className="jobs-empty">No background jobs yet. Indexing and checks will show here while they run.</p>;
  return (
    <div className="jobs-view">
      <JobSection title="Running and waiting" jobs={groups.active} empty="Nothing is running." />
      {groups.failed.length > 0 && <JobSection title="Failed" jobs={groups.failed} />}
      {groups.finished.length > 0 && (
        <details className="jobs-finished">
          <summary>Finished recently ({groups.finished.length})</summary>
          <JobList jobs={groups.finished} label="Finished recently" />
        </details>
      )}
    </div>
  );
}

function JobSection({ title, jobs, empty }: { title: string; jobs: Job[]; empty?: string }) {
  return (
    <section className="jobs-section" aria-label={title}>
      <h3 className="jobs-section__title">{title}</h3>
      {jobs.length === 0 && empty ? <p className="jobs-empty">{empty}</p> : <JobList jobs={jobs} label={title} />}
    </section>
  );
}

function JobList({ jobs, label }: { jobs: Job[]; label: string }) {
  return (
    <ul className="jobs-list" aria-label={label}>
      {jobs.map((job) => (
        <JobRow key={job.id} job={job} />
      ))}
    </ul>
  );
}

function JobRow({ job }: { job: Job }) {
  const { useJobs } = useStores();
  const actionError = useJobs((s) => (s.actionError?.jobId === job.id ? s.actionError.message : null));
  const active = job.status === 'running' || job.status === 'queued' || job.status === 'retrying';
  const canRetry = job.status === 'failed' || job.status === 'cancelled';
  const { done, total, message } = job.progress;
  return (
    <li className={`job-row job-row--${job.status}`} data-testid="job-row" data-status={job.status} aria-label={job.title}>
      <div className="job-row__head">
        <span className="job-row__title">{job.title}</span>
        <span className="job-row__status">{statusText(job)}</span>
      </div>
      {(active || total > 0) && (
        <div className="job-row__progress">
          <ProgressBar value={done} max={total} label={`Progress of ${job.title}`} size="sm" />
          <span className="job-row__count">{total > 0 ? `${formatCount(done)} / ${formatCount(total)}` : ''}</span>
        </div>
      )}
      {message && active && <p className="job-row__message">{message}</p>}
      {job.error && job.status !== 'succeeded' && (
        <p className="job-row__error" role={job.status === 'failed' ? 'alert' : undefined}>
          {job.error.message}
        </p>
      )}
      {actionError && (
        <p className="job-row__error" role="alert">
          {actionError}
        </p>
      )}
      <div className="job-row__actions">
        {active && (
          <Button size="sm" variant="ghost" onClick={() => void useJobs.getState().cancel(job.id)} aria-label={`Cancel ${job.title}`}>
            Cancel
          </Button>
        )}
        {canRetry && (
          <Button size="sm" onClick={() => void useJobs.getState().retry(job.id)} aria-label={`Retry ${job.title}`}>
            Retry
          </Button>
        )}
      </div>
    </li>
  );
}

function statusText(job: Job): string {
  if (job.status === 'retrying' && job.nextAttemptAt !== null) {
    const seconds = Math.max(1, Math.round((job.nextAttemptAt - Date.now()) / 1000));
    return `Will retry in ${seconds} s (attempt ${job.attempts + 1} of ${job.maxAttempts})`;
  }
  if (job.status === 'running' && job.attempts > 1) return `Running (attempt ${job.attempts} of ${job.maxAttempts})`;
  return STATUS_WORDS[job.status];
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString();
}
