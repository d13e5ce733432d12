import { describe, expect, it } from 'vitest';
import type { UsageArmRow, UsageRow } from '../../../../shared/models/llm';
import { experimentReports, usageByDay, usageTotals } from './usage-table';

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
  estimatedCalls: 0,
  ...extra,
});

describe('usage table', () => {
  it('merges projects into one line per day, newest first, weighting latency by calls', () => {
    const lines = usageByDay([row('2024-05-01', 1, 100), row('2024-05-02', 3, 400, { errors: 1, estimatedCalls: 1 }), row('2024-05-02', 1, 800)]);
    expect(lines.map((l) => l.day)).toEqual(['2024-05-02', '2024-05-01']);
    expect(lines[0]).toMatchObject({ calls: 4, tokensIn: 40, tokensOut: 80, errors: 1, avgLatencyMs: 500, estimatedCalls: 1 });
    expect(lines[0]?.costUsd).toBeCloseTo(0.04);
  });

  it('totals everything', () => {
    expect(usageTotals([row('2024-05-01', 1, 100), row('2024-05-02', 1, 300)])).toMatchObject({ day: 'Total', calls: 2, avgLatencyMs: 200 });
    expect(usageTotals([])).toMatchObject({ calls: 0, avgLatencyMs: 0 });
  });

  it('groups A/B rows by experiment and arm, A first, with call-weighted first-token times', () => {
    const arm = (experiment: string, a: 'A' | 'B', model: string, calls: number, avgFirstTokenMs: number | null, extra: Partial<UsageArmRow> = {}): UsageArmRow => ({
      experiment,
      arm: a,
      provider: 'ollama',
      model,
      calls,
      tokensIn: calls * 10,
      tokensOut: calls * 20,
      costUsd: 0,
      avgLatencyMs: 100,
      avgFirstTokenMs,
      errors: 0,
      cancelled: 0,
      estimatedCalls: 0,
      ...extra,
    });
    const reports = experimentReports([
      arm('tone', 'B', 'mistral', 1, 300, { cancelled: 1 }),
      arm('tone', 'A', 'llama3.2', 3, 100),
      arm('tone', 'A', 'gpt-4o-mini', 1, null, { errors: 1 }),
      arm('speed', 'A', 'llama3.2', 2, 50),
    ]);
    expect(reports.map((r) => [r.experiment, r.arms.map((a) => a.arm)])).toEqual([
      ['tone', ['A', 'B']],
      ['speed', ['A']],
    ]);
    const [a, b] = reports[0]?.arms ?? [];
    expect(a).toMatchObject({ total: { calls: 4, tokensIn: 40, errors: 1 }, avgFirstTokenMs: 100 });
    expect(a?.models.map((m) => m.model)).toEqual(['llama3.2', 'gpt-4o-mini']);
    expect(b).toMatchObject({ total: { calls: 1 }, avgFirstTokenMs: 300, cancelled: 1 });
  });
});
