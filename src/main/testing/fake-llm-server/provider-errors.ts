import type { FakeProvider } from './fake-llm-server.types';

/** An error answer: status and the body in the provider's own shape. */
export interface ErrorAnswer {
  status: number;
  body: unknown;
}

const OPENAI_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 404: 'invalid_request_error', 429: 'requests' };
const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Invalid request.',
  401: 'Unauthorized.',
  403: 'Forbidden.',
  404: 'Not found.',
  429: 'Rate limit reached for requests. Please try again later.',
  500: 'The server had an error while processing your request. Sorry about that!',
  503: 'The server is overloaded or not ready yet.',
};

/** `{"error": "..."}` (Ollama), `{"error": {message, type, param, code}}` (OpenAI), `{"type": "error", "error": {type, message}}` (Anthropic). */
export function errorAnswer(provider: FakeProvider, status: number, message?: string, code: string | null = null): ErrorAnswer {
  const text = message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
  if (provider === 'ollama') return { status, body: { error: text } };
  if (provider === 'openai') {
    const type = OPENAI_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    return { status, body: { error: { message: text, type, param: null, code } } };
  }
  const type = ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return { status, body: { type: 'error', error: { type, message: text }, request_id: 'req_fake' } };
}

/** A rejected key, worded as each cloud provider does (OpenAI masks all but the ends of the key). */
export function authError(provider: FakeProvider, key: string): ErrorAnswer {
  if (provider === 'openai') {
    const masked = key.length > 8 ? `${key.slice(0, 3)}***${key.slice(-4)}` : '***';
    return errorAnswer(
      'openai',
      401,
      `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_api_key',
    );
  }
  return errorAnswer(provider, 401, provider === 'anthropic' ? 'invalid x-api-key' : 'unauthorized');
}

/** An unknown model. Ollama's wording differs between chat/embed and show. */
export function modelMissing(provider: FakeProvider, model: string, path: string): ErrorAnswer {
  if (provider === 'ollama') {
    return errorAnswer('ollama', 404, path === '/api/show' ? `model '${model}' not found` : `model "${model}" not found, try pulling it first`);
  }
  if (provider === 'openai') {
    return errorAnswer('openai', 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
  }
  return errorAnswer('anthropic', 404, `model: ${model}`);
}

/** The prompt does not fit the model's context window. */
export function contextTooLong(provider: FakeProvider, tokens: number, window: number): ErrorAnswer {
  if (provider === 'ollama') return errorAnswer('ollama', 400, 'the input length exceeds the context length');
  if (provider === 'openai') {
    return errorAnswer(
      'openai',
      400,
      `This model's maximum context length is ${window} tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`,
      'context_length_exceeded',
    );
  }
  return errorAnswer('anthropic', 400, `prompt is too long: ${tokens} tokens > ${window} maximum`);
}
