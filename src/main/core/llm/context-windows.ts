import type { ModelRef } from '../../../shared/models/llm';

/**
 * Context windows (tokens) by model family. Ollama's default `num_ctx` is small whatever the
 * model could do, so local models get a conservative budget.
 */
const KNOWN: Array<[RegExp, number]> = [
  [/^gpt-4o|^gpt-4\.1|^o\d/, 128_000],
  [/^gpt-3\.5/, 16_000],
  [/^claude/, 200_000],
];

export function contextWindowFor(ref: ModelRef): number {
  if (ref.provider === 'ollama') return 4_096;
  for (const [pattern, size] of KNOWN) if (pattern.test(ref.model)) return size;
  return 16_000;
}
