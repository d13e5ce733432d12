import { useEffect, useRef } from 'react';
import type { Job } from '../../../../shared/models/jobs';
import { useStores } from '../../app/services';
import { ProgressBar } from '../../ui';
import { formatBytes } from '../ai-settings/ai-format';

export interface JobProgressProps {
  jobId: string;
  /** What the job is, for the bar's accessible name ("Backup", "Restore"). */
  label: string;
  /** What to say once it succeeded (default: "<label> finished."). */
  doneText?: string;
  /** Called once when the job finishes (any way). */
  onFinished?: (job: Job) => void;
}

/** A backup's or restore's progress as the jobs store follows it (`job.changed`), with its outcome. */
export function JobProgress({ jobId, label, doneText, onFinished }: JobProgressProps) {
  const { useJobs } = useStores();
  const job = useJobs((s) => s.jobs[jobId]);
  const reported = useRef<string | null>(null);
  useEffect(() => useJobs.getState().retain(), [useJobs]);
  useEffect(() => {
    if (!job || reported.current === job.id) return;
    if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') {
      reported.current = job.id;
      onFinished?.(job);
    }
  }, [job, onFinished]);

  if (!job) return <p className="sync-muted">{label}: starting…</p>;
  const { done, total, message } = job.progress;
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <p className="sync-note sync-note--danger" role="alert" data-testid="sync-job-failed">
        {job.status === 'cancelled' ? `${label} cancelled.` : `${label} failed: ${job.error?.message ?? 'an unknown problem.'}`} Open Background jobs to retry it.
      </p>
    );
  }
  if (job.status === 'succeeded') {
    return (
      <p className="sync-note sync-note--success" role="status" data-testid="sync-job-done">
        {doneText ?? `${label} finished.`}
      </p>
    );
  }
  return (
    <div data-testid="sync-job-progress">
      <ProgressBar value={done} max={total} label={`${label} progress`} />
      <p className="sync-muted" aria-live="polite">
        {message ?? (total > 0 ? `${formatBytes(done)} of ${formatBytes(total)}` : `${label} is waiting to start…`)}
      </p>
    </div>
  );
}
