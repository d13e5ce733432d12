import { FlaskConical } from 'lucide-react';
import type { UsageArmRow } from '../../../../shared/models/llm';
import { formatNumber } from '../../ui/format';
import { formatLatency, formatUsd } from './ai-format';
import { experimentReports } from './usage-table';
import { TokenCell } from './TokenCell';

/** A/B experiments: each arm's calls, tokens, cost, speed and failures side by side, with the models that answered. */
export function ExperimentUsage({ rows }: { rows: readonly UsageArmRow[] }) {
  return (
    <section className="ai-usage__experiments" data-testid="usage-experiments">
      <h4 className="ai-subtitle">
        <FlaskConical size={14} aria-hidden="true" /> A/B experiments
      </h4>
      {experimentReports(rows).map((report) => (
        <table key={report.experiment} className="ai-table ai-usage__table" data-testid="usage-experiment" data-experiment={report.experiment}>
          <caption className="ai-usage__caption">{report.experiment}</caption>
          <thead>
            <tr>
              <th scope="col">Arm · model</th>
              <th scope="col">Calls</th>
              <th scope="col">Tokens in</th>
              <th scope="col">Tokens out</th>
              <th scope="col">Est. cost</th>
              <th scope="col">First token</th>
              <th scope="col">Avg. latency</th>
              <th scope="col">Errors</th>
              <th scope="col">Stopped</th>
            </tr>
          </thead>
          {report.arms.map((arm) => (
            <tbody key={arm.arm} data-testid="usage-arm" data-arm={arm.arm}>
              <tr className="ai-usage__arm">
                <th scope="row">
                  Arm {arm.arm}
                  {arm.models.length === 1 && (
                    <>
                      {' · '}
                      <code>{arm.models[0]?.model}</code>
                    </>
                  )}
                </th>
                <td>{formatNumber(arm.total.calls)}</td>
                <TokenCell value={arm.total.tokensIn} estimatedCalls={arm.total.estimatedCalls} />
                <TokenCell value={arm.total.tokensOut} estimatedCalls={arm.total.estimatedCalls} />
                <td>{formatUsd(arm.total.costUsd)}</td>
                <td>{arm.avgFirstTokenMs === null ? '—' : formatLatency(arm.avgFirstTokenMs)}</td>
                <td>{formatLatency(arm.total.avgLatencyMs)}</td>
                <td className={arm.total.errors > 0 ? 'ai-usage__errors' : undefined}>{formatNumber(arm.total.errors)}</td>
                <td>{formatNumber(arm.cancelled)}</td>
              </tr>
              {arm.models.length > 1 &&
                arm.models.map((m) => (
                  <tr key={`${m.provider}/${m.model}`} className="ai-usage__model">
                    <th scope="row">
                      <code>{m.model}</code>
                    </th>
                    <td>{formatNumber(m.calls)}</td>
                    <TokenCell value={m.tokensIn} estimatedCalls={m.estimatedCalls} />
                    <TokenCell value={m.tokensOut} estimatedCalls={m.estimatedCalls} />
                    <td>{formatUsd(m.costUsd)}</td>
                    <td>{m.avgFirstTokenMs === null ? '—' : formatLatency(m.avgFirstTokenMs)}</td>
                    <td>{formatLatency(m.avgLatencyMs)}</td>
                    <td>{formatNumber(m.errors)}</td>
                    <td>{formatNumber(m.cancelled)}</td>
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      ))}
      <p className="ai-muted">An arm’s fallbacks are listed under it: a call counts for the arm it was assigned to, whichever model answered.</p>
    </section>
  );
}
