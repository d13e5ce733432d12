import { describe, expect, it } from 'vitest';
import type { LlmStatus } from '../../../../shared/models/llm';
import { hasModel, providerState, refAvailability, summarizeStatus } from './status-summary';

const base: LlmStatus = {
  ollamaBaseUrl: 'http://127.0.0.1:11434',
  providers: [
    { provider: 'ollama', configured: true, reachable: true, models: [{ provider: 'ollama', name: 'llama3.2:latest' }] },
    { provider: 'openai', configured: false, reachable: false, models: [] },
    { provider: 'anthropic', configured: false, reachable: false, models: [] },
  ],
  readyTaskClasses: ['creative', 'rewrite'],
  recommendedOllamaModel: 'llama3.2',
};

describe('AI status summary', () => {
  it('is ready when a creative model is available', () => {
    expect(summarizeStatus(base, null)).toEqual({ tone: 'ready', label: 'AI ready', detail: 'Ready for creative, rewrite. No model for structured, classify, embed yet.' });
    expect(summarizeStatus({ ...base, readyTaskClasses: ['embed'] }, null).tone).toBe('partial');
  });

  it('says Ollama is not running, with the core’s message', () => {
    const down: LlmStatus = {
      ...base,
      readyTaskClasses: [],
      providers: [
        { provider: 'ollama', configured: true, reachable: false, models: [], error: { code: 'PROVIDER_UNREACHABLE', message: 'Ollama is not running at http://127.0.0.1:11434.', retryable: true } },
      ],
    };
    expect(summarizeStatus(down, null)).toEqual({ tone: 'problem', label: 'AI: Ollama not running', detail: 'Ollama is not running at http://127.0.0.1:11434.' });
  });

  it('says there are no models', () => {
    const empty: LlmStatus = { ...base, readyTaskClasses: [], providers: [{ provider: 'ollama', configured: true, reachable: true, models: [] }] };
    expect(summarizeStatus(empty, null)).toMatchObject({ label: 'AI: no models' });
    expect(summarizeStatus({ ...base, readyTaskClasses: [] }, null)).toMatchObject({ label: 'AI: no models' });
  });

  it('is unknown before the first answer', () => {
    expect(summarizeStatus(null, null).label).toBe('AI: checking…');
    expect(summarizeStatus(null, 'Disconnected').tone).toBe('unknown');
  });
});

describe('provider state', () => {
  it('words each provider’s state', () => {
    expect(providerState({ provider: 'ollama', configured: true, reachable: true, models: [{ provider: 'ollama', name: 'a' }] })).toEqual({ text: 'Running · 1 model', tone: 'ready' });
    expect(providerState({ provider: 'ollama', configured: true, reachable: false, models: [] }).text).toBe('Not running');
    expect(providerState({ provider: 'openai', configured: false, reachable: false, models: [] })).toEqual({ text: 'No key', tone: 'off' });
    expect(
      providerState({ provider: 'anthropic', configured: true, reachable: false, models: [], error: { code: 'PROVIDER_AUTH', message: 'x', retryable: false } }).text,
    ).toBe('Key rejected');
  });
});

describe('hasModel', () => {
  it('treats "name" and "name:latest" as the same model', () => {
    expect(hasModel(['llama3.2:latest'], 'llama3.2')).toBe(true);
    expect(hasModel(['llama3.2'], 'llama3.2:latest')).toBe(true);
    expect(hasModel(['llama3.2:1b'], 'llama3.2')).toBe(false);
  });
});

describe('route entry availability', () => {
  it('says which entries can run and why the others are skipped', () => {
    expect(refAvailability(base, { provider: 'ollama', model: 'llama3.2' })).toEqual({ tone: 'ready', text: 'Available' });
    expect(refAvailability(base, { provider: 'ollama', model: 'mistral' }).text).toBe('Not downloaded in Ollama: skipped');
    expect(refAvailability(base, { provider: 'openai', model: 'gpt-4o-mini' })).toEqual({ tone: 'off', text: 'No OpenAI key: skipped' });
    expect(refAvailability(null, { provider: 'openai', model: 'x' }).tone).toBe('unknown');
  });
});
