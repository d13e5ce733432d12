import { BarChart3, RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useStores } from '../../app/services';
import { Button, EmptyState, formatNumber, IconButton, Select, Spinner } from '../../ui';
import { formatLatency, formatUsd } from './ai-format';
import { ExperimentUsage } from './ExperimentUsage';
import { TokenCell } from './TokenCell';
import { formatDay, usageByDay, usageTotals, type UsageLine } from './usage-table';

const ALL = '__all__';
const PERIODS = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last year' },
] as const;

/** Usage tab: calls, tokens, estimated cost, latency and errors per day, for all projects or one. */
export function UsageTab() {
  const { useUsage } = useStores();
  const rows = useUsage((s) => s.rows);
  const arms = useUsage((s) => s.arms);
  const projects = useUsage((s) => s.projects);
  const projectId = useUsage((s) => s.projectId);
  const days = useUsage((s) => s.days);
  const status = useUsage((s) => s.status);
  const error = useUsage((s) => s.error);
  const { load, setProject, setDays } = useUsage.getState();

  useEffect(() => {
    void useUsage.getState().load();
  }, [useUsage]);

  const projectOptions = [{ value: ALL, label: 'All projects' }, ...projects.map((p) => ({ value: p.id, label: p.title }))];
  const lines = usageByDay(rows);
  const totals = usageTotals(rows);

  return (
    <div className="ai-tab" data-testid="ai-usage">
      <div className="ai-usage__filters">
        <Select label="Project" value={projectId ?? ALL} options={projectOptions} onChange={(v) => setProject(v === ALL ? null : v)} data-testid="usage-project" />
        <Select label="Period" value={String(days)} options={PERIODS} onChange={(v) => setDays(Number(v))} data-testid="usage-days" />
        <IconButton label="Refresh" icon={<RefreshCw size={15} />} onClick={() => void load()} />
      </div>
      {status === 'error' ? (
        <p className="ai-note ai-note--danger" role="alert">
          {error}
          <Button size="sm" variant="ghost" onClick={() => void load()}>
            Try again
          </Button>
        </p>
      ) : status !== 'ready' && rows.length === 0 ? (
        <Spinner label="Adding up your usage…" />
      ) : lines.length === 0 ? (
        <EmptyState icon={<BarChart3 size={26} />} title="No AI calls yet" size="sm" data-testid="usage-empty">
          <p>When you chat or use an AI action, each call’s tokens, time and estimated cost show up here.</p>
        </EmptyState>
      ) : (
        <>
          <table className="ai-table ai-usage__table" data-testid="usage-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Calls</th>
                <th scope="col">Tokens in</th>
                <th scope="col">Tokens out</th>
                <th scope="col">Est. cost</th>
                <th scope="col">Avg. latency</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <UsageRowView key={line.day} line={line} label={formatDay(line.day)} />
              ))}
            </tbody>
            <tfoot>
              <UsageRowView line={totals} label="Total" />
            </tfoot>
          </table>
          <p className="ai-muted">
            Costs are estimates from each provider’s list prices. Local Ollama models cost nothing.
            {totals.estimatedCalls > 0 && (
              <span data-testid="usage-estimated-note">
                {' '}
                ≈ marks days with replies that were stopped or failed part-way: their tokens are estimated from the text that arrived.
              </span>
            )}
          </p>
          {arms.length > 0 && <ExperimentUsage rows={arms} />}
        </>
      )}
    </div>
  );
}

function UsageRowView({ line, label }: { line: UsageLine; label: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatNumber(line.calls)}</td>
      <TokenCell value={line.tokensIn} estimatedCalls={line.estimatedCalls} />
      <TokenCell value={line.tokensOut} estimatedCalls={line.estimatedCalls} />
      <td>{formatUsd(line.costUsd)}</td>
      <td>{line.calls > 0 ? formatLatency(line.avgLatencyMs) : '—'}</td>
      <td className={line.errors > 0 ? 'ai-usage__errors' : undefined}>{formatNumber(line.errors)}</td>
    </tr>
  );
}
