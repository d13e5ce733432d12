import type { ProviderId } from '../../../shared/models/llm';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Prices by provider and model-name prefix; the longest matching prefix wins, so dated names
 * (`gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`) and `-latest` aliases find their family.
 */
export type PricingTable = Record<ProviderId, Record<string, ModelPrice>>;

/**
 * List prices as published by OpenAI and Anthropic in 2025 (standard tier, no caching or batch
 * discounts). They are estimates for the usage view, not a bill: an unknown model costs 0.
 * Ollama runs on the user's machine and costs nothing.
 */
export const DEFAULT_PRICING: PricingTable = {
  ollama: {},
  openai: {
    'gpt-5': { input: 1.25, output: 10 },
    'gpt-5-mini': { input: 0.25, output: 2 },
    'gpt-5-nano': { input: 0.05, output: 0.4 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4 },
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4-turbo': { input: 10, output: 30 },
    'gpt-4': { input: 30, output: 60 },
    'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
    o1: { input: 15, output: 60 },
    'o1-mini': { input: 1.1, output: 4.4 },
    o3: { input: 2, output: 8 },
    'o3-mini': { input: 1.1, output: 4.4 },
    'o4-mini': { input: 1.1, output: 4.4 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'text-embedding-ada-002': { input: 0.1, output: 0 },
  },
  anthropic: {
    'claude-opus-4-5': { input: 5, output: 25 },
    'claude-opus-4': { input: 15, output: 75 },
    'claude-sonnet-4': { input: 3, output: 15 },
    'claude-haiku-4-5': { input: 1, output: 5 },
    'claude-3-7-sonnet': { input: 3, output: 15 },
    'claude-3-5-sonnet': { input: 3, output: 15 },
    'claude-3-5-haiku': { input: 0.8, output: 4 },
    'claude-3-opus': { input: 15, output: 75 },
    'claude-3-sonnet': { input: 3, output: 15 },
    'claude-3-haiku': { input: 0.25, output: 1.25 },
  },
};

/** The price of a model, or null when the table does not know it. */
export function findPrice(pricing: PricingTable, provider: ProviderId, model: string): ModelPrice | null {
  const name = model.trim().toLowerCase();
  let best: { prefix: string; price: ModelPrice } | null = null;
  for (const [prefix, price] of Object.entries(pricing[provider])) {
    // A prefix must end at a name boundary: `gpt-4` must not price `gpt-4o` or `gpt-4.5`.
    const matches = name === prefix || (name.startsWith(prefix) && /[-:@]/.test(name.charAt(prefix.length)));
    if (matches && (!best || prefix.length > best.prefix.length)) best = { prefix, price };
  }
  return best?.price ?? null;
}

/** Estimated cost of one call in USD (0 for local or unknown models). */
export function estimateCostUsd(pricing: PricingTable, provider: ProviderId, model: string, tokensIn: number, tokensOut: number): number {
  const price = findPrice(pricing, provider, model);
  if (!price) return 0;
  return (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
}
