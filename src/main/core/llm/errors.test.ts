import * as AnthropicSdk from '@anthropic-ai/sdk';
import * as OpenAISdk from 'openai';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { classifyProviderError, parseRetryAfterMs, ProviderError, redactSecrets, retryAfterMsOf } from './errors';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';

/** What the ollama package throws for a non-2xx answer (its ResponseError is not exported). */
function ollamaResponseError(message: string, status: number): Error {
  return Object.assign(new Error(message), { name: 'ResponseError', error: message, status_code: status });
}

/** What Node's fetch throws when nothing listens on the port. */
function connectionRefused(): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }) });
}

const openaiError = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  OpenAISdk.APIError.generate(status, { error: body }, undefined, new Headers(headers));
const anthropicError = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  AnthropicSdk.APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers(headers));

describe('classifyProviderError', () => {
  it('passes AppErrors through', () => {
    const error = new AppError(ErrorCode.LOCKED, 'locked');
    expect(classifyProviderError(error, { provider: 'ollama' })).toBe(error);
  });

  it('says Ollama is not running, at which address, and what to do', () => {
    const error = classifyProviderError(connectionRefused(), { provider: 'ollama', model: 'llama3.2', baseUrl: 'http://127.0.0.1:11434' });
    expect(error.code).toBe(ErrorCode.PROVIDER_UNREACHABLE);
    expect(error.message).toBe('Ollama is not running at http://127.0.0.1:11434. Start Ollama, or change its address in AI settings → Models.');
    expect(error.retryable).toBe(false);
  });

  it('reads connection failures wrapped by the cloud SDKs (and AggregateErrors)', () => {
    const aggregate = new TypeError('fetch failed', { cause: Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}) });
    const wrapped = new OpenAISdk.APIConnectionError({ message: 'Connection error.', cause: aggregate });
    expect(classifyProviderError(wrapped, { provider: 'openai' }).code).toBe(ErrorCode.PROVIDER_UNREACHABLE);
  });

  it('names a missing Ollama model and says to pull it', () => {
    const error = classifyProviderError(ollamaResponseError('model "llama3.2" not found, try pulling it first', 404), { provider: 'ollama', model: 'llama3.2' });
    expect(error.code).toBe(ErrorCode.MODEL_MISSING);
    expect(error.message).toBe('The model “llama3.2” is not installed in Ollama. Download it in AI settings → Models.');
  });

  it('maps a cloud 404 to MODEL_MISSING for that key', () => {
    const error = classifyProviderError(openaiError(404, { message: 'The model `gpt-9` does not exist', code: 'model_not_found' }), { provider: 'openai', model: 'gpt-9' });
    expect(error.code).toBe(ErrorCode.MODEL_MISSING);
    expect(error.message).toContain('“gpt-9” is not available with your OpenAI key');
  });

  it('reports a rejected key without repeating it', () => {
    const error = classifyProviderError(openaiError(401, { message: `Incorrect API key provided: ${KEY}.`, code: 'invalid_api_key' }), { provider: 'openai', model: 'gpt-4o' });
    expect(error.code).toBe(ErrorCode.PROVIDER_AUTH);
    expect(error.message).toBe('OpenAI rejected the API key. Check it in AI settings → Keys.');
    expect(error.message).not.toContain(KEY);
    expect(classifyProviderError(anthropicError(401, 'authentication_error', 'invalid x-api-key'), { provider: 'anthropic' }).code).toBe(ErrorCode.PROVIDER_AUTH);
  });

  it('keeps the Retry-After of a rate limit, retryable', () => {
    const error = classifyProviderError(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' }), { provider: 'anthropic' });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryable: true, retryAfterMs: 7_000 });
    expect(retryAfterMsOf(error)).toBe(7_000);
    expect(error.message).toContain('wait 7 s');
  });

  it('does not retry an exhausted quota', () => {
    const error = classifyProviderError(openaiError(429, { message: 'You exceeded your current quota', code: 'insufficient_quota' }), { provider: 'openai' });
    expect(error).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryable: false });
  });

  it('recognises each provider’s “context too long”', () => {
    const cases: Array<[unknown, 'ollama' | 'openai' | 'anthropic']> = [
      [openaiError(400, { message: "This model's maximum context length is 8 tokens.", code: 'context_length_exceeded' }), 'openai'],
      [anthropicError(400, 'invalid_request_error', 'prompt is too long: 9 tokens > 8 maximum'), 'anthropic'],
      [ollamaResponseError('the input length exceeds the context length', 400), 'ollama'],
      [new Error('the input length exceeds the context length'), 'ollama'],
    ];
    for (const [raw, provider] of cases) {
      expect(classifyProviderError(raw, { provider, model: 'm' }).code, provider).toBe(ErrorCode.CONTEXT_TOO_LONG);
    }
  });

  it('treats 5xx, overload and dropped connections as retryable PROVIDER_FAILED', () => {
    const dropped = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const inStream = new AnthropicSdk.APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, undefined);
    for (const raw of [openaiError(500, { message: 'boom' }), anthropicError(529, 'overloaded_error', 'Overloaded'), dropped, inStream]) {
      expect(classifyProviderError(raw, { provider: 'anthropic', model: 'm' })).toMatchObject({ code: ErrorCode.PROVIDER_FAILED, retryable: true });
    }
  });

  it('maps cancellation and timeouts from the signal and the SDKs', () => {
    const cancelled = classifyProviderError(new OpenAISdk.APIUserAbortError(), { provider: 'openai', signal: AbortSignal.abort() });
    expect(cancelled).toMatchObject({ code: ErrorCode.CANCELLED, message: 'Stopped.' });
    const timedOut = AbortSignal.abort(new DOMException('late', 'TimeoutError'));
    expect(classifyProviderError(new Error('aborted'), { provider: 'ollama', signal: timedOut })).toMatchObject({ code: ErrorCode.TIMEOUT, retryable: true });
    expect(classifyProviderError(new OpenAISdk.APIConnectionTimeoutError(), { provider: 'openai' }).code).toBe(ErrorCode.TIMEOUT);
    expect(classifyProviderError(new AnthropicSdk.APIConnectionTimeoutError(), { provider: 'anthropic' }).code).toBe(ErrorCode.TIMEOUT);
    expect(classifyProviderError(new DOMException('stop', 'AbortError'), { provider: 'ollama' }).code).toBe(ErrorCode.CANCELLED);
  });

  it('redacts key-like text from provider details it repeats', () => {
    const error = classifyProviderError(openaiError(400, { message: `Bad header value ${KEY}` }), { provider: 'openai' });
    expect(error.code).toBe(ErrorCode.PROVIDER_FAILED);
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain(KEY);
    expect(redactSecrets(`key ${KEY} and sk-ant-api03-abcdef`)).toBe('key [redacted] and [redacted]');
  });
});

describe('parseRetryAfterMs', () => {
  it('reads milliseconds, seconds and HTTP dates', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1_500);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
