import { APIConnectionTimeoutError as AnthropicTimeoutError } from '@anthropic-ai/sdk';
import { APIConnectionTimeoutError as OpenAITimeoutError } from 'openai';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ProviderId } from '../../../shared/models/llm';
import { aiSettingsTab } from '../../../shared/text/settings-names';

/** How each provider is named in sentences shown to the writer. */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = { ollama: 'Ollama', openai: 'OpenAI', anthropic: 'Anthropic' };

/** What a classification needs to know about the call that failed. */
export interface ProviderErrorContext {
  provider: ProviderId;
  /** The model the call was for; absent for calls about the provider as a whole (listing models). */
  model?: string;
  /** The address the SDK talked to, named in "not running at …" messages. */
  baseUrl?: string;
  /** The caller's signal: once it is aborted the failure is a cancellation (or a timeout, when it timed out). */
  signal?: AbortSignal;
}

/**
 * An {@link AppError} from a model provider. It keeps which provider and model failed, and for
 * RATE_LIMITED the wait the provider asked for (Retry-After), which `withRetry` honours.
 */
export class ProviderError extends AppError {
  readonly provider: ProviderId;
  readonly model: string | undefined;
  /** Milliseconds the provider asked us to wait before trying again, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { provider: ProviderId; model?: string; retryable?: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(code, message, { retryable: options.retryable ?? false, cause: options.cause });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.model = options.model;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The Retry-After wait in an error, if it carries one. */
export function retryAfterMsOf(error: unknown): number | undefined {
  return error instanceof ProviderError ? error.retryAfterMs : undefined;
}

interface HeaderBag {
  get(name: string): string | null;
}

/** What we can read off any SDK, HTTP or network error without knowing its class. */
interface ErrorFacts {
  status: number | undefined;
  headers: HeaderBag | undefined;
  /** OpenAI `code`, Anthropic `type` (e.g. `context_length_exceeded`, `rate_limit_error`). */
  providerCode: string | undefined;
  /** The provider's own explanation, or the error message. */
  detail: string;
  /** Network error codes (ECONNREFUSED, UND_ERR_SOCKET, …) and messages along the cause chain. */
  chain: string;
}

const UNREACHABLE = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|ECONNABORTED)\b|fetch failed|connection error/i;
const DROPPED = /\b(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)\b|terminated|other side closed|socket hang up|did not receive done/i;
const CONTEXT = /context[_ ]length|context window|maximum context|prompt is too long|too many tokens|input is too long|exceeds the context/i;
const IN_STREAM_SERVER_ERRORS = new Set(['overloaded_error', 'api_error', 'server_error']);
const MODEL_NOT_FOUND = /model\b.*\bnot found|model_not_found|does not exist/i;

function readFacts(error: unknown): ErrorFacts {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const status = typeof record.status === 'number' ? record.status : typeof record.status_code === 'number' ? record.status_code : undefined;
  const headers = isHeaderBag(record.headers) ? record.headers : undefined;
  const body = record.error;
  const bodyMessage =
    typeof body === 'string' ? body : typeof body === 'object' && body !== null ? (body as Record<string, unknown>).message : undefined;
  const codeField = typeof record.code === 'string' ? record.code : typeof record.type === 'string' ? record.type : undefined;
  const detail = typeof bodyMessage === 'string' ? bodyMessage : error instanceof Error ? error.message : String(error);
  return { status, headers, providerCode: codeField, detail, chain: causeChain(error) };
}

function isHeaderBag(value: unknown): value is HeaderBag {
  return typeof value === 'object' && value !== null && typeof (value as HeaderBag).get === 'function';
}

/** Codes, names and messages of an error and its causes (bounded: cause chains can loop). */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    for (const part of [e.code, e.name, e.message]) if (typeof part === 'string') parts.push(part);
    // Node reports "connection refused" on both ::1 and 127.0.0.1 as an AggregateError.
    if (Array.isArray(e.errors)) for (const inner of e.errors) parts.push(causeChain(inner));
    current = e.cause;
  }
  return parts.join(' | ');
}

/**
 * Reads Retry-After: `retry-after-ms` (OpenAI, Anthropic), else `retry-after` in seconds or as
 * an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: HeaderBag | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Removes anything that looks like an API key from provider text we may show or log. */
export function redactSecrets(text: string): string {
  return text.replace(/\b(sk|key|api)[-_][\w*.-]{6,}/gi, '[redacted]').replace(/\b[\w-]{32,}\b/g, '[redacted]');
}

function quoted(model: string | undefined): string {
  return model ? `“${model}”` : 'the model';
}

/**
 * Turns whatever an SDK, `fetch` or the network threw into a {@link ProviderError} with a code and
 * a sentence that says what to do. Messages are our own words: provider text only appears,
 * redacted and shortened, for unexpected refusals — so an API key never reaches a message.
 */
export function classifyProviderError(error: unknown, context: ProviderErrorContext): AppError {
  if (error instanceof AppError) return error;
  const { provider, model } = context;
  const name = PROVIDER_NAMES[provider];
  const make = (code: ErrorCode, message: string, extra: { retryable?: boolean; retryAfterMs?: number } = {}) =>
    new ProviderError(code, message, { provider, ...(model !== undefined && { model }), ...extra, cause: error });

  if (context.signal?.aborted) {
    const reason: unknown = context.signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') return timeout(make, name, model);
    return make(ErrorCode.CANCELLED, 'Stopped.');
  }
  if (error instanceof OpenAITimeoutError || error instanceof AnthropicTimeoutError) return timeout(make, name, model);
  if (error instanceof Error && error.name === 'TimeoutError') return timeout(make, name, model);
  if (error instanceof Error && error.name === 'AbortError') return make(ErrorCode.CANCELLED, 'Stopped.');

  const facts = readFacts(error);
  if (facts.status !== undefined) return byStatus(facts, context, make);
  return byMessage(facts, context, make);
}

type Make = (code: ErrorCode, message: string, extra?: { retryable?: boolean; retryAfterMs?: number }) => ProviderError;

function timeout(make: Make, name: string, model: string | undefined): ProviderError {
  return make(ErrorCode.TIMEOUT, `${name} took too long to answer${model ? ` with ${quoted(model)}` : ''}. Try again, or choose a faster model.`, {
    retryable: true,
  });
}

function modelMissing(make: Make, context: ProviderErrorContext): ProviderError {
  const name = PROVIDER_NAMES[context.provider];
  return context.provider === 'ollama'
    ? make(ErrorCode.MODEL_MISSING, `The model ${quoted(context.model)} is not installed in Ollama. Download it in ${aiSettingsTab('Models')}.`)
    : make(ErrorCode.MODEL_MISSING, `The model ${quoted(context.model)} is not available with your ${name} key. Choose another model in ${aiSettingsTab('Routes')}.`);
}

function contextTooLong(make: Make, model: string | undefined): ProviderError {
  return make(
    ErrorCode.CONTEXT_TOO_LONG,
    `The text sent to ${quoted(model)} is longer than its context window. Shorten the selection or the conversation, or choose a model with a larger context.`,
  );
}

function byStatus(facts: ErrorFacts, context: ProviderErrorContext, make: Make): ProviderError {
  const name = PROVIDER_NAMES[context.provider];
  const status = facts.status ?? 0;
  const where = context.baseUrl ? ` at ${context.baseUrl}` : '';
  if (status === 401 || status === 403) {
    return context.provider === 'ollama'
      ? make(ErrorCode.PROVIDER_AUTH, `Ollama${where} refused access (HTTP ${status}). Check its address in ${aiSettingsTab('Models')}.`)
      : make(ErrorCode.PROVIDER_AUTH, `${name} rejected the API key. Check it in ${aiSettingsTab('Keys')}.`);
  }
  if (status === 429) return rateLimited(facts, name, make);
  if (status === 413 || CONTEXT.test(`${facts.providerCode ?? ''} ${facts.detail}`)) return contextTooLong(make, context.model);
  if (status === 404) {
    if (context.model !== undefined) return modelMissing(make, context);
    return make(ErrorCode.PROVIDER_FAILED, `${name}${where} answered “not found”. Check the address in ${aiSettingsTab('Models')}.`);
  }
  if (MODEL_NOT_FOUND.test(facts.detail) && context.model !== undefined) return modelMissing(make, context);
  if (status === 408 || status === 504) return timeout(make, name, context.model);
  if (status >= 500) {
    return make(ErrorCode.PROVIDER_FAILED, `${name} had a problem answering (HTTP ${status}). Try again in a moment.`, { retryable: true });
  }
  const detail = redactSecrets(facts.detail).slice(0, 200);
  return make(ErrorCode.PROVIDER_FAILED, `${name} refused the request (HTTP ${status}): ${detail}`);
}

function rateLimited(facts: ErrorFacts, name: string, make: Make): ProviderError {
  if (facts.providerCode === 'insufficient_quota') {
    return make(ErrorCode.RATE_LIMITED, `${name} says this key has run out of credit. Check the billing of your ${name} account, or use another model.`);
  }
  const retryAfterMs = parseRetryAfterMs(facts.headers);
  const wait = retryAfterMs !== undefined ? ` (it asked to wait ${Math.ceil(retryAfterMs / 1000)} s)` : '';
  return make(ErrorCode.RATE_LIMITED, `${name} is receiving too many requests right now${wait}. Wait a moment and try again.`, {
    retryable: true,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
}

function byMessage(facts: ErrorFacts, context: ProviderErrorContext, make: Make): ProviderError {
  const name = PROVIDER_NAMES[context.provider];
  const text = `${facts.detail} | ${facts.chain}`;
  // Errors sent inside a stream (after a 200) carry the provider's error type but no status.
  if (facts.providerCode === 'rate_limit_error' || facts.providerCode === 'rate_limit_exceeded') return rateLimited(facts, name, make);
  if (facts.providerCode !== undefined && IN_STREAM_SERVER_ERRORS.has(facts.providerCode)) {
    return make(ErrorCode.PROVIDER_FAILED, `${name} had a problem answering. Try again in a moment.`, { retryable: true });
  }
  if (CONTEXT.test(text)) return contextTooLong(make, context.model);
  if (MODEL_NOT_FOUND.test(facts.detail) && context.model !== undefined) return modelMissing(make, context);
  if (DROPPED.test(text)) {
    return make(ErrorCode.PROVIDER_FAILED, `The connection to ${name} dropped while ${quoted(context.model)} was answering. Try again.`, {
      retryable: true,
    });
  }
  if (UNREACHABLE.test(text)) {
    if (context.provider === 'ollama') {
      const at = context.baseUrl ?? 'its usual address';
      return make(ErrorCode.PROVIDER_UNREACHABLE, `Ollama is not running at ${at}. Start Ollama, or change its address in ${aiSettingsTab('Models')}.`);
    }
    const where = context.baseUrl ? ` at ${context.baseUrl}` : '';
    return make(ErrorCode.PROVIDER_UNREACHABLE, `Could not reach ${name}${where}. Check your internet connection and try again.`);
  }
  if (facts.chain.includes('SyntaxError')) {
    return make(ErrorCode.PROVIDER_FAILED, `${name} answered with something that is not its API. Check the address in ${aiSettingsTab('Models')}.`);
  }
  return make(ErrorCode.PROVIDER_FAILED, `${name} failed unexpectedly: ${redactSecrets(facts.detail).slice(0, 200)}`);
}
