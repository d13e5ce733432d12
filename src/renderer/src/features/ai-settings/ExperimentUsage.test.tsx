// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageArmRow } from '../../../../shared/models/llm';
import { ExperimentUsage } from './ExperimentUsage';

const row = (arm: 'A' | 'B', model: string, extra: Partial<UsageArmRow> = {}): UsageArmRow => ({
  experiment: 'mistral-for-prose',
  arm,
  provider: 'ollama',
  model,
  calls: 2,
  tokensIn: 1200,
  tokensOut: 300,
  costUsd: 0,
  avgLatencyMs: 900,
  avgFirstTokenMs: 250,
  errors: 0,
  cancelled: 0,
  estimatedCalls: 0,
  ...extra,
});

afterEach(cleanup);

describe('the A/B experiments table (Settings → AI → Usage)', () => {
  it('shows each arm with its model, calls, tokens and first-token time, estimated tokens marked', () => {
    render(<ExperimentUsage rows={[row('A', 'llama3.2'), row('B', 'mistral', { calls: 1, tokensOut: 40, cancelled: 1, estimatedCalls: 1, avgFirstTokenMs: 1800 })]} />);
    const table = screen.getByTestId('usage-experiment');
    expect(table.getAttribute('data-experiment')).toBe('mistral-for-prose');
    const [a, b] = within(table).getAllByTestId('usage-arm');
    expect(a?.textContent).toContain('Arm A · llama3.2');
    expect(a?.textContent).toContain('250 ms');
    expect(b?.textContent).toContain('Arm B · mistral');
    expect(b?.textContent).toContain('≈40');
    expect(b?.textContent).toContain('1.8 s');
  });

  it('lists the models that answered in an arm when fallbacks did', () => {
    render(<ExperimentUsage rows={[row('B', 'mistral'), row('B', 'gpt-4o-mini', { provider: 'openai', calls: 1, avgFirstTokenMs: null, costUsd: 0.02 })]} />);
    const arm = screen.getByTestId('usage-arm');
    expect(arm.textContent).toContain('Arm B');
    expect(within(arm).getAllByRole('row')).toHaveLength(3);
    expect(arm.textContent).toContain('gpt-4o-mini');
    expect(arm.textContent).toContain('$0.02');
  });
});
