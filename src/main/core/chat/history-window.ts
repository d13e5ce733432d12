import type { LlmMessage } from '../llm/providers/provider';

/** A rough, provider-independent token estimate: about four characters per token in English prose. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4) + 4;
}

/**
 * Keeps the newest messages that fit in `budget` tokens, in order. Returns how many older
 * messages were left out so the caller can tell the writer — trimming is never silent.
 */
export function fitHistory(history: readonly LlmMessage[], budget: number): { kept: LlmMessage[]; dropped: number } {
  const kept: LlmMessage[] = [];
  let used = 0;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const message = history[i] as LlmMessage;
    const cost = estimateTokens(message.content);
    if (used + cost > budget) break;
    kept.unshift(message);
    used += cost;
  }
  return { kept, dropped: history.length - kept.length };
}
