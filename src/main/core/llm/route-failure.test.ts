import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { routeFailure } from './route-failure';

const url = 'http://127.0.0.1:11434';
const ollamaDown = { model: { provider: 'ollama' as const, model: 'llama3.2' }, error: new AppError(ErrorCode.PROVIDER_UNREACHABLE, `Ollama is not running at ${url}.`, { retryable: true }) };
const missing = { model: { provider: 'ollama' as const, model: 'llama3.2' }, error: new AppError(ErrorCode.MODEL_MISSING, 'The model “llama3.2” is not installed in Ollama.') };
const badKey = { model: { provider: 'openai' as const, model: 'gpt-4o-mini' }, error: new AppError(ErrorCode.PROVIDER_AUTH, 'OpenAI rejected the API key.') };

describe('the one error when no model in a route can answer', () => {
  it('names every real problem and one fix for each, keeping the first failure’s code', () => {
    const error = routeFailure({ taskClass: 'creative', failures: [ollamaDown], missingKeys: ['openai', 'anthropic'], ollamaBaseUrl: url });
    expect(error).toMatchObject({
      code: 'PROVIDER_UNREACHABLE',
      retryable: true,
      message: `Ollama isn’t running at ${url} and no OpenAI or Anthropic key is set. Start Ollama or add a key in AI settings → Keys.`,
    });
    expect(routeFailure({ taskClass: 'rewrite', failures: [missing, badKey], missingKeys: ['anthropic'], ollamaBaseUrl: url }).message).toBe(
      'The model llama3.2 isn’t installed in Ollama, OpenAI rejected your key and no Anthropic key is set. Download llama3.2 in AI settings → Models, check your OpenAI key in AI settings → Keys or add a key in AI settings → Keys.',
    );
  });

  it('keeps a lone failure’s own message, which already says what to do', () => {
    expect(routeFailure({ taskClass: 'creative', failures: [ollamaDown], missingKeys: [], ollamaBaseUrl: url })).toBe(ollamaDown.error);
  });

  it('names a provider once, however many of its models failed', () => {
    const second = { ...missing, model: { provider: 'ollama' as const, model: 'mistral' } };
    expect(routeFailure({ taskClass: 'creative', failures: [missing, second], missingKeys: ['openai'], ollamaBaseUrl: url }).message).toBe(
      'The model llama3.2 isn’t installed in Ollama and no OpenAI key is set. Download llama3.2 in AI settings → Models or add a key in AI settings → Keys.',
    );
  });

  it('says a route of keyless cloud models has nothing to run', () => {
    expect(routeFailure({ taskClass: 'structured', failures: [], missingKeys: ['openai'], ollamaBaseUrl: url })).toMatchObject({
      code: 'NO_MODEL_AVAILABLE',
      message: 'No OpenAI key is set, and the structured route lists no other model. Add a key in AI settings → Keys, or add a model to the route in AI settings → Routes.',
    });
  });
});
