import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, estimateCostUsd, findPrice } from './pricing';

describe('pricing', () => {
  it('finds the longest matching family, including dated and tagged names', () => {
    expect(findPrice(DEFAULT_PRICING, 'openai', 'gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(findPrice(DEFAULT_PRICING, 'openai', 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(findPrice(DEFAULT_PRICING, 'openai', 'gpt-4-0613')).toEqual({ input: 30, output: 60 });
    expect(findPrice(DEFAULT_PRICING, 'anthropic', 'claude-3-5-sonnet-20241022')).toEqual({ input: 3, output: 15 });
    expect(findPrice(DEFAULT_PRICING, 'anthropic', 'claude-opus-4-5-20251101')).toEqual({ input: 5, output: 25 });
    expect(findPrice(DEFAULT_PRICING, 'anthropic', 'claude-opus-4-1-20250805')).toEqual({ input: 15, output: 75 });
  });

  it('does not price a different model that merely shares letters', () => {
    expect(findPrice(DEFAULT_PRICING, 'openai', 'gpt-4.5-preview')).toBeNull();
    expect(findPrice(DEFAULT_PRICING, 'openai', 'o1x')).toBeNull();
    expect(findPrice(DEFAULT_PRICING, 'ollama', 'llama3.1:8b')).toBeNull();
  });

  it('estimates USD from tokens; local and unknown models cost nothing', () => {
    expect(estimateCostUsd(DEFAULT_PRICING, 'openai', 'gpt-4o-mini', 1000, 500)).toBeCloseTo(0.00045, 10);
    expect(estimateCostUsd(DEFAULT_PRICING, 'anthropic', 'claude-sonnet-4-20250514', 1_000_000, 0)).toBe(3);
    expect(estimateCostUsd(DEFAULT_PRICING, 'ollama', 'llama3.1:8b', 1_000_000, 1_000_000)).toBe(0);
    expect(estimateCostUsd(DEFAULT_PRICING, 'openai', 'some-future-model', 1_000_000, 1_000_000)).toBe(0);
  });
});
