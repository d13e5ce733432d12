/**
 * Shapes of secrets that must never reach a log line or an error shown to the user, whatever
 * field or message they hide in. Field-based redaction (the logger's `redact` paths) catches
 * keys by name; these patterns are the second line for keys pasted into free text.
 */
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // OpenAI (sk-…, sk-proj-…) and Anthropic (sk-ant-api03-…) keys. `\b` keeps words like "task-…" intact.
  [/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-[redacted]'],
  // Authorization headers quoted in messages ("Bearer …").
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]'],
  // Keys passed in URLs (?key=…, &api_key=…, ?access_token=…).
  [/([?&](?:api[_-]?key|key|access_token|token)=)[^&\s"'\\]+/gi, '$1[redacted]'],
];

/** Replaces anything that looks like an API key or bearer token in `text`. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Scrubs `text` of the given secret values (exact matches) and of every known key shape. */
export function scrubKnownSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return scrubSecrets(out);
}
