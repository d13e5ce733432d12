/**
 * A rough, provider-independent token count: about four characters a token in English prose.
 * Used where a provider reports no usage, and to fit chat history into a context window.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
