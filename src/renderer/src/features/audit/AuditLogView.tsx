import { Download, ScrollText } from 'lucide-react';
import { useEffect, useState, type JSX } from 'react';
import type { AuditEntry } from '../../../../shared/models/runs';
import { useApi, useStores } from '../../app/services';
import { Button, EmptyState, formatDateTime, notify, PanelSearch, Select, Spinner } from '../../ui';
import { downloadText } from '../export';
import { useAgentNames } from '../proposals/use-agent-names';
import { ValueView } from '../runs/StepDetails';
import { formatCost, formatDuration } from '../runs/run-format';
import type { AuditFilters } from './audit.store';

/** The actions the log records (runs.ts `AuditEntry.action`). */
const ACTIONS = ['classify', 'step', 'propose', 'approve', 'edit', 'reject', 'apply', 'cancel'] as const;
const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'ok', label: 'OK' },
  { value: 'error', label: 'Error' },
  { value: 'blocked', label: 'Blocked' },
] as const;
/** The search waits for a pause in typing before asking the core. */
const SEARCH_DELAY_MS = 300;

function AuditRow({ entry, agentName }: { entry: AuditEntry; agentName: string | null }): JSX.Element {
  return (
    <li className={`audit-row is-${entry.status}`} data-testid="audit-row">
      <details>
        <summary>
          <span className="audit-row__action">{entry.action}</span>
          <span className="audit-row__agent">{agentName ?? entry.agentId ?? '—'}</span>
          <span className={`audit-row__status is-${entry.status}`}>{entry.status}</span>
          <span className="audit-row__time">{formatDateTime(entry.createdAt)}</span>
        </summary>
        <dl className="run-step__figures">
          {entry.model && (
            <div>
              <dt>Model</dt>
              <dd>{entry.model}</dd>
            </div>
          )}
          {entry.promptId && (
            <div>
              <dt>Prompt</dt>
              <dd>
                {entry.promptId}
                {entry.promptVersion !== null && ` v${entry.promptVersion}`}
              </dd>
            </div>
          )}
          <div>
            <dt>Tokens</dt>
            <dd>{(entry.tokensIn + entry.tokensOut).toLocaleString()}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{formatCost(entry.costUsd)}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>{formatDuration(entry.durationMs)}</dd>
          </div>
          {entry.traceId && (
            <div>
              <dt>Trace</dt>
              <dd className="run-mono">{entry.traceId}</dd>
            </div>
          )}
        </dl>
        <h4 className="audit-row__label">Input</h4>
        <ValueView value={entry.input} label="Input" />
        <h4 className="audit-row__label">Output</h4>
        <ValueView value={entry.output} label="Output" />
      </details>
    </li>
  );
}

/** The audit log of every agent action in a project: searchable, filtered, paged, exportable as JSON. */
export function AuditLogView({ projectId }: { projectId: string }): JSX.Element {
  const { useAudit } = useStores();
  const store = useAudit();
  const names = useAgentNames(useApi());
  const [filters, setFilters] = useState<AuditFilters>(store.projectId === projectId ? store.filters : { query: '', agentId: '', action: '', status: '' });
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => void useAudit.getState().load(projectId, filters), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, projectId, useAudit]);

  const exportLog = async () => {
    setExporting(true);
    try {
      const file = await useAudit.getState().exportJson();
      downloadText(file.fileName, file.json);
    } catch (error) {
      notify.error(error, { title: 'Could not export the audit log' });
    } finally {
      setExporting(false);
    }
  };

  const agentOptions = [{ value: '', label: 'Any agent' }, ...Object.entries(names).map(([value, label]) => ({ value, label }))];
  const actionOptions = [{ value: '', label: 'Any action' }, ...ACTIONS.map((value) => ({ value, label: value }))];
  const entries = store.projectId === projectId ? store.entries : [];
  return (
    <div className="crew-section" data-testid="audit-log">
      <div className="crew-section__bar audit-filters">
        <PanelSearch className="audit-filters__search" label="Search the audit log" placeholder="Search inputs and outputs" value={filters.query} onChange={(e) => setFilters({ ...filters, query: e.target.value })} />
        <Select label="Agent" value={filters.agentId} options={agentOptions} onChange={(agentId) => setFilters({ ...filters, agentId })} />
        <Select label="Action" value={filters.action} options={actionOptions} onChange={(action) => setFilters({ ...filters, action })} />
        <Select label="Status" value={filters.status} options={STATUSES} onChange={(status) => setFilters({ ...filters, status })} />
        <Button size="sm" icon={<Download size={14} />} busy={exporting} onClick={() => void exportLog()}>
          Export JSON
        </Button>
      </div>
      {store.status === 'error' && entries.length === 0 ? (
        <EmptyState size="sm" title="The audit log could not be read" action={<Button onClick={() => void store.load(projectId, filters)}>Try again</Button>}>
          {store.error}
        </EmptyState>
      ) : entries.length === 0 && store.status !== 'ready' ? (
        <div className="ui-panel__center">
          <Spinner label="Reading the audit log…" />
        </div>
      ) : entries.length === 0 ? (
        <EmptyState size="sm" icon={<ScrollText size={22} />} title="No agent actions match" data-testid="audit-empty">
          Every step, proposal and decision of the crew is written here with its input, output, model and prompt version.
        </EmptyState>
      ) : (
        <div className="crew-section__scroll">
          <ul className="ui-panel__list audit-list" aria-label="Audit entries">
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} agentName={entry.agentId ? (names[entry.agentId] ?? null) : null} />
            ))}
          </ul>
          {store.hasMore && (
            <Button size="sm" busy={store.loadingMore} onClick={() => void store.more()}>
              Show older entries
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
