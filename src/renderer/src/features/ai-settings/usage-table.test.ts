import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../../../shared/models/llm';
import { usageByDay, usageTotals } from './usage-table';

const row = (day: string, calls: number, avgLatencyMs: number, extra: Partial<UsageRow> = {}): UsageRow => ({
  day,
  projectId: null,
  projectTitle: null,
  calls,
  tokensIn: calls * 10,
  tokensOut: calls * 20,
  costUsd: calls * 0.01,
  avgLatencyMs,
  errors: 0,
  ...extra,
});

describe('usage table', () => {
  it('merges projects into one line per day, newest first, weighting latency by calls', () => {
    const lines = usageByDay([row('2024-05-01', 1, 100), row('2024-05-02', 3, 400, { errors: 1 }), row('2024-05-02', 1, 800)]);
    expect(lines.map((l) => l.day)).toEqual(['2024-05-02', '2024-05-01']);
    expect(lines[0]).toMatchObject({ calls: 4, tokensIn: 40, tokensOut: 80, errors: 1, avgLatencyMs: 500 });
    expect(lines[0]?.costUsd).toBeCloseTo(0.04);
  });

  it('totals everything', () => {
    expect(usageTotals([row('2024-05-01', 1, 100), row('2024-05-02', 1, 300)])).toMatchObject({ day: 'Total', calls: 2, avgLatencyMs: 200 });
    expect(usageTotals([])).toMatchObject({ calls: 0, avgLatencyMs: 0 });
  });
});
