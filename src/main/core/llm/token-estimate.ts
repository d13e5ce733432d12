/**
 * A rough, provider-independent token count: about four characters a token in English prose.
 * Used where a provider reports no usage, and to fit chat history into a context window.
 */
export function estimateTokens(text: string): number {
  return estimateTokensOfLength(text.length);
}

/** {@link estimateTokens} of a text known only by its length (e.g. a stream counted as it went). */
export function estimateTokensOfLength(length: number): number {
  return Math.ceil(length / 4);
}
