import { estimateTokens as estimateTextTokens, type LlmMessage } from '../llm';

/** Each message costs a few tokens of framing (role, separators) beside its text. */
const MESSAGE_OVERHEAD_TOKENS = 4;

/** The tokens one chat message takes in a model's context window. */
export function estimateTokens(text: string): number {
  return estimateTextTokens(text) + MESSAGE_OVERHEAD_TOKENS;
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
