import { Workflow } from 'lucide-react';
import type { JSX } from 'react';
import { useStores } from '../../app/services';
import { Button, EmptyState, formatRelativeTime, Spinner } from '../../ui';
import { formatCost, RUN_STATUS_LABEL } from './run-format';
import { useRunView } from './run-view.store';

/** A project's runs, newest first; each opens its run view. */
export function RunsList({ projectId, onShowPlaybooks }: { projectId: string; onShowPlaybooks: () => void }): JSX.Element {
  const { useRuns } = useStores();
  const store = useRuns();
  const mine = store.projectId === projectId;
  const runs = mine ? store.runs : [];
  return (
    <div className="crew-section" data-testid="runs-list">
      {!mine || (store.status === 'loading' && runs.length === 0) ? (
        <div className="ui-panel__center">
          <Spinner label="Loading runs…" />
        </div>
      ) : store.status === 'error' && runs.length === 0 ? (
        <EmptyState size="sm" title="Runs could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
          {store.error}
        </EmptyState>
      ) : runs.length === 0 ? (
        <EmptyState size="sm" icon={<Workflow size={22} />} title="No runs yet" action={<Button onClick={onShowPlaybooks}>Browse playbooks</Button>} data-testid="runs-empty">
          Ask the crew in the chat (“draft chapter 4 from the outline”) or start a playbook. Its steps, streamed text and proposals show here.
        </EmptyState>
      ) : (
        <ul className="ui-panel__list runs-list" aria-label="Runs">
          {runs.map((run) => (
            <li key={run.id}>
              <button type="button" className="runs-list__row" onClick={() => useRunView.getState().open(run.id)} data-testid="run-row" data-status={run.status}>
                <span className="runs-list__title">
                  <span className={`run-status-dot is-${run.status}`} aria-hidden="true" />
                  {run.title}
                </span>
                <span className="runs-list__meta">
                  {RUN_STATUS_LABEL[run.status]} · {formatRelativeTime(run.createdAt)}
                  {run.costUsd > 0 && ` · ${formatCost(run.costUsd)}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
