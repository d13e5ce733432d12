/**
 * What the audit log keeps of an agent action's input and output: prompt variables and model
 * output, never a credential. The log is searchable, shown in the app and exported as a file a
 * writer may share, so anything that looks like a key, a token or an HTTP header is replaced
 * before it is stored — whatever a caller passes by mistake.
 */

export const REDACTED = '[redacted]';

/** Longest string kept whole: a chapter's text fits, a runaway output is cut (the log is bounded). */
export const MAX_AUDIT_STRING = 50_000;
const MAX_DEPTH = 12;

/**
 * Object keys whose values are credentials or transport details, in any spelling (`apiKey`,
 * `x-api-key`, `Authorization`, `headers`). A bare "secret" is kept: a codex field named
 * Secret (a character's secret) is story, not a credential.
 */
const SECRET_KEY =
  /(?:api[-_]?key|api[-_]?secret|client[-_]?secret|secret[-_]?key|passw(?:or)?d|authori[sz]ation|(?:access|refresh|auth|session)[-_]?token|private[-_]?key|credential)|^(?:headers?|(?:set-)?cookie|bearer)$/iu;

/**
 * Credentials as they appear inside text: provider keys (`sk-…`, `sk-ant-…`, Google `AIza…`,
 * GitHub, Slack, AWS), `Bearer …` and `Basic …` header values, JWTs.
 */
const SECRET_TEXT: readonly RegExp[] = [
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/gu,
  /\bAIza[0-9A-Za-z_-]{30,}/gu,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/gu,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/gu,
  /\bAKIA[0-9A-Z]{16}\b/gu,
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gu,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/gu,
];

function redactText(text: string): string {
  let result = text;
  for (const pattern of SECRET_TEXT) result = result.replace(pattern, REDACTED);
  if (result.length > MAX_AUDIT_STRING) {
    result = `${result.slice(0, MAX_AUDIT_STRING)}… [${result.length - MAX_AUDIT_STRING} more characters not kept]`;
  }
  return result;
}

/**
 * A JSON-safe copy of `value` with credentials replaced by {@link REDACTED}: values under a
 * secret-looking key, and secret-looking runs inside any string. Functions, symbols and cycles
 * are dropped; very deep structures are cut.
 */
export function redactForAudit(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactForAudit(item, depth + 1, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactForAudit(item, depth + 1, seen);
  }
  return out;
}

/** The words of a (redacted) value for the full-text index: its string values, not its keys. */
export function searchableText(value: unknown): string {
  const parts: string[] = [];
  const walk = (item: unknown) => {
    if (typeof item === 'string') parts.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') parts.push(String(item));
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item !== null && typeof item === 'object') Object.values(item).forEach(walk);
  };
  walk(value);
  return parts.join('\n');
}
