import { AlertTriangle, CheckCircle2, Database, RefreshCw, XCircle } from 'lucide-react';
import type { JSX } from 'react';
import { useStores } from '../../app/services';
import { Button, ProgressBar, Spinner } from '../../ui';
import { useAiSettings } from '../ai-settings';
import { describeIndexStatus, type IndexStatusView, type IndexTone } from './index-status-view';
import { useIndexStatusWatch } from './index-status.store';
import './memory.css';

export interface IndexStatusAreaProps {
  projectId: string;
  /** `compact`: only when something needs saying (search panel); `full`: always, with counts (memory view). */
  variant?: 'compact' | 'full';
}

const ICONS: Record<IndexTone, JSX.Element> = {
  ok: <CheckCircle2 size={15} aria-hidden="true" />,
  busy: <RefreshCw size={15} aria-hidden="true" className="index-status__spin" />,
  warning: <AlertTriangle size={15} aria-hidden="true" />,
  error: <XCircle size={15} aria-hidden="true" />,
};

function progressText(progress: NonNullable<IndexStatusView['progress']>, percent: number | null): string {
  if (progress.status === 'queued') return 'Waiting to start…';
  if (progress.status === 'retrying') return 'The embedding model did not answer; trying again shortly…';
  const numbers = progress.total > 0 ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}${percent !== null ? ` · ${percent}%` : ''}` : 'Starting…';
  // The core's message often repeats the numbers ("Embedding passages: 3 of 10"); say them once.
  const repeats = progress.message?.includes(`${progress.done} of ${progress.total}`) ?? false;
  return progress.message && !repeats ? `${numbers} · ${progress.message}` : numbers;
}

/**
 * The project's index: whether meaning search is on, the running indexing job's progress,
 * counts and model, and Re-index. Live from `job.changed`; says what to do when there is no
 * embedding model, when the model changed, and while the index is rebuilt.
 */
export function IndexStatusArea({ projectId, variant = 'full' }: IndexStatusAreaProps): JSX.Element | null {
  useIndexStatusWatch(projectId);
  const { useIndexStatus } = useStores();
  const state = useIndexStatus();
  const status = state.projectId === projectId ? state.status : null;
  if (!status) {
    if (variant === 'compact') return null;
    return (
      <section className="index-status index-status--full" aria-label="Index" data-testid="index-status">
        {state.error ? <p role="alert" className="index-status__detail">{state.error}</p> : <Spinner size={14} label="Reading the index…" />}
      </section>
    );
  }
  const view = describeIndexStatus(status, state.failedJob);
  if (variant === 'compact' && !view.needsAttention) return null;
  const { progress } = view;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;

  return (
    <section className={`index-status index-status--${variant} index-status--${view.tone}`} aria-label="Index" data-testid="index-status" data-meaning={status.meaning}>
      <div className="index-status__head">
        <span className="index-status__icon">{ICONS[view.tone]}</span>
        <strong className="index-status__title" data-testid="index-status-title">{view.title}</strong>
        {view.canReindex && (variant === 'full' || status.meaning === 'not-indexed') && (
          <Button
            size="sm"
            variant="ghost"
            icon={<Database size={14} />}
            busy={state.reindexing}
            onClick={() => void useIndexStatus.getState().reindex(projectId)}
            className="index-status__action"
            title="Index the whole project again from scratch, in the background"
            data-testid="index-reindex"
          >
            {status.meaning === 'not-indexed' ? 'Index now' : 'Re-index'}
          </Button>
        )}
      </div>
      <p className="index-status__detail" data-testid="index-status-detail">{view.detail}</p>
      {progress && (
        <div className="index-status__progress" data-testid="index-progress">
          <ProgressBar size="sm" value={progress.done} max={progress.total} label="Indexing progress" />
          <span className="index-status__numbers" aria-live="polite">
            {progressText(progress, percent)}
          </span>
        </div>
      )}
      {view.offerSettings && (
        <button type="button" className="ui-link-button index-status__link" onClick={() => useAiSettings.getState().openSettings('models')} data-testid="index-open-models">
          Open AI settings → Models
        </button>
      )}
    </section>
  );
}
