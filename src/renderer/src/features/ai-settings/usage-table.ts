import type { UsageArmRow, UsageRow } from '../../../../shared/models/llm';

export interface UsageLine {
  day: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Weighted by calls, so a busy day counts for more than a quiet one. */
  avgLatencyMs: number;
  errors: number;
  /** Calls whose tokens are estimates (stopped or failed streams). */
  estimatedCalls: number;
}

const EMPTY = (day: string): UsageLine => ({ day, calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, avgLatencyMs: 0, errors: 0, estimatedCalls: 0 });

function add(into: UsageLine, row: Omit<UsageLine, 'day'>): UsageLine {
  const calls = into.calls + row.calls;
  return {
    day: into.day,
    calls,
    tokensIn: into.tokensIn + row.tokensIn,
    tokensOut: into.tokensOut + row.tokensOut,
    costUsd: into.costUsd + row.costUsd,
    avgLatencyMs: calls === 0 ? 0 : (into.avgLatencyMs * into.calls + row.avgLatencyMs * row.calls) / calls,
    errors: into.errors + row.errors,
    estimatedCalls: into.estimatedCalls + row.estimatedCalls,
  };
}

/** The core answers per day and project; the table shows one line per day, newest first. */
export function usageByDay(rows: readonly UsageRow[]): UsageLine[] {
  const days = new Map<string, UsageLine>();
  for (const row of rows) days.set(row.day, add(days.get(row.day) ?? EMPTY(row.day), row));
  return [...days.values()].sort((a, b) => b.day.localeCompare(a.day));
}

/** The totals line under the table. */
export function usageTotals(rows: readonly UsageRow[]): UsageLine {
  return rows.reduce<UsageLine>((sum, row) => add(sum, row), EMPTY('Total'));
}

/** "2024-05-03" → "Fri, May 3" in the user's locale (read as a local calendar day, not UTC midnight). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** One experiment's arms side by side, arm A first, each with the models that answered in it. */
export interface ExperimentReport {
  experiment: string;
  arms: Array<{ arm: 'A' | 'B'; total: UsageLine; avgFirstTokenMs: number | null; cancelled: number; models: UsageArmRow[] }>;
}

/** Groups the core's per-arm, per-model rows by experiment and arm (rows arrive sorted). */
export function experimentReports(rows: readonly UsageArmRow[]): ExperimentReport[] {
  const reports = new Map<string, ExperimentReport>();
  for (const row of rows) {
    const report = reports.get(row.experiment) ?? { experiment: row.experiment, arms: [] };
    reports.set(row.experiment, report);
    let arm = report.arms.find((a) => a.arm === row.arm);
    if (!arm) {
      arm = { arm: row.arm, total: EMPTY(row.arm), avgFirstTokenMs: null, cancelled: 0, models: [] };
      report.arms.push(arm);
    }
    arm.avgFirstTokenMs = weightedFirstToken(arm, row);
    arm.total = add(arm.total, row);
    arm.cancelled += row.cancelled;
    arm.models.push(row);
  }
  for (const report of reports.values()) report.arms.sort((a, b) => a.arm.localeCompare(b.arm));
  return [...reports.values()];
}

/** The mean first-token time over the arm's models that have one, weighted by their calls. */
function weightedFirstToken(arm: ExperimentReport['arms'][number], row: UsageArmRow): number | null {
  if (row.avgFirstTokenMs === null) return arm.avgFirstTokenMs;
  const counted = arm.models.filter((m) => m.avgFirstTokenMs !== null);
  const calls = counted.reduce((sum, m) => sum + m.calls, 0);
  const total = counted.reduce((sum, m) => sum + (m.avgFirstTokenMs ?? 0) * m.calls, 0);
  return (total + row.avgFirstTokenMs * row.calls) / (calls + row.calls);
}
