import type { UsageRow } from '../../../../shared/models/llm';

export interface UsageLine {
  day: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Weighted by calls, so a busy day counts for more than a quiet one. */
  avgLatencyMs: number;
  errors: number;
}

const EMPTY = (day: string): UsageLine => ({ day, calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, avgLatencyMs: 0, errors: 0 });

function add(into: UsageLine, row: UsageLine): UsageLine {
  const calls = into.calls + row.calls;
  return {
    day: into.day,
    calls,
    tokensIn: into.tokensIn + row.tokensIn,
    tokensOut: into.tokensOut + row.tokensOut,
    costUsd: into.costUsd + row.costUsd,
    avgLatencyMs: calls === 0 ? 0 : (into.avgLatencyMs * into.calls + row.avgLatencyMs * row.calls) / calls,
    errors: into.errors + row.errors,
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
