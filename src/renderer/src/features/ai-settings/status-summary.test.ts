import { describe, expect, it } from 'vitest';
import type { LlmStatus } from '../../../../shared/models/llm';
import { describeMissing, hasModel, isSetupComplete, providerState, refAvailability, summarizeStatus } from './status-summary';

const llama = { provider: 'ollama', model: 'llama3.2' } as const;
const cloud = [
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'anthropic', model: 'claude-haiku-4-5' },
] as const;
const embedRoute = [{ provider: 'ollama', model: 'nomic-embed-text' }, { provider: 'openai', model: 'text-embedding-3-small' }] as const;

/** A status as llm.status gives it: each route, and the model it uses when one is ready. */
function statusWith(models: string[], ready: Partial<Record<'creative' | 'rewrite' | 'structured' | 'classify' | 'embed', string>>): LlmStatus {
  const route = (taskClass: 'creative' | 'rewrite' | 'structured' | 'classify' | 'embed') => ({
    taskClass,
    route: taskClass === 'embed' ? [...embedRoute] : [llama, ...cloud],
    uses: ready[taskClass] ? { provider: 'ollama' as const, model: ready[taskClass] } : null,
  });
  const taskRoutes = (['creative', 'structured', 'rewrite', 'classify', 'embed'] as const).map(route);
  return {
    ollamaBaseUrl: 'http://127.0.0.1:11434',
    providers: [
      { provider: 'ollama', configured: true, reachable: true, models: models.map((name) => ({ provider: 'ollama', name })) },
      { provider: 'openai', configured: false, reachable: false, models: [] },
      { provider: 'anthropic', configured: false, reachable: false, models: [] },
    ],
    readyTaskClasses: taskRoutes.filter((r) => r.uses).map((r) => r.taskClass),
    taskRoutes,
    ollamaTags: {},
    recommendedOllamaModel: 'llama3.2',
  };
}

const base = statusWith(['llama3.2:latest'], { creative: 'llama3.2:latest', rewrite: 'llama3.2:latest' });
const writing = { creative: 'llama3.2:3b', rewrite: 'llama3.2:3b', structured: 'llama3.2:3b' };

describe('AI status summary', () => {
  it('is ready only when creative, rewrite and structured each have a model', () => {
    expect(summarizeStatus(statusWith(['llama3.2:3b'], writing), null)).toEqual({ tone: 'ready', label: 'AI ready', detail: 'Ready for creative, structured, rewrite. No model for classify, embed yet.' });
    expect(summarizeStatus(base, null)).toMatchObject({ tone: 'partial', label: 'AI: partly ready', detail: expect.stringContaining('No model for structured') });
    expect(summarizeStatus(statusWith(['nomic-embed-text:latest'], { embed: 'nomic-embed-text:latest' }), null)).toMatchObject({ tone: 'partial', detail: expect.stringMatching(/No model can write yet/) });
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

  it('follows the last call: not ready after Ollama died mid-reply, with the reason, though it still lists its models', () => {
    const ready = statusWith(['llama3.2:3b'], writing);
    const dropped: LlmStatus = {
      ...ready,
      lastCallFailure: {
        at: 1,
        provider: 'ollama',
        model: 'llama3.2',
        error: { code: 'PROVIDER_FAILED', message: 'The connection to Ollama dropped while “llama3.2” was answering. Try again.', retryable: true },
      },
    };
    expect(summarizeStatus(dropped, null)).toEqual({
      tone: 'problem',
      label: 'AI: Ollama not answering',
      detail: 'The connection to Ollama dropped while “llama3.2” was answering. Try again. This clears with the next AI reply that works.',
    });
    const refused: LlmStatus = { ...ready, lastCallFailure: { at: 1, provider: 'openai', error: { code: 'PROVIDER_AUTH', message: 'OpenAI rejected the API key.', retryable: false } } };
    expect(summarizeStatus(refused, null)).toMatchObject({ tone: 'problem', label: 'AI: OpenAI key rejected' });
    expect(summarizeStatus({ ...ready, lastCallFailure: null }, null).tone).toBe('ready');
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
    expect(hasModel(['llama3.2:1b'], 'llama3.2:3b')).toBe(false);
  });

  it('lets a family without a tag match any installed tag', () => {
    expect(hasModel(['llama3.2:1b'], 'llama3.2')).toBe(true);
    expect(hasModel(['llama3.1:8b'], 'llama3.2')).toBe(false);
  });
});

describe('setup', () => {
  it('is complete only when every writing route has a model', () => {
    expect(isSetupComplete(statusWith(['llama3.2:3b'], writing))).toBe(true);
    expect(isSetupComplete(statusWith(['nomic-embed-text:latest'], { embed: 'nomic-embed-text:latest' }))).toBe(false);
    expect(isSetupComplete(base)).toBe(false);
    expect(isSetupComplete(null)).toBe(false);
  });

  it('says what is missing and which models the routes need', () => {
    expect(describeMissing(statusWith(['nomic-embed-text:latest'], { embed: 'nomic-embed-text:latest' }))).toBe(
      'No model can write yet: nomic-embed-text:latest only indexes text for search. Creative, rewrite and structured work need llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic).',
    );
    expect(describeMissing(base)).toBe('No model for structured work yet. It needs llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic).');
    expect(describeMissing(statusWith([], {}))).toBe(
      'No model can write yet. Creative, rewrite and structured work need llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic).',
    );
  });
});

describe('route entry availability', () => {
  it('says which entries can run and why the others are skipped', () => {
    expect(refAvailability(base, { provider: 'ollama', model: 'llama3.2' })).toEqual({ tone: 'ready', text: 'Available as llama3.2:latest' });
    expect(refAvailability(base, { provider: 'ollama', model: 'llama3.2:latest' })).toEqual({ tone: 'ready', text: 'Available' });
    expect(refAvailability(base, { provider: 'ollama', model: 'mistral' }).text).toBe('Not downloaded in Ollama: skipped');
    expect(refAvailability(base, { provider: 'openai', model: 'gpt-4o-mini' })).toEqual({ tone: 'off', text: 'No OpenAI key: skipped' });
    expect(refAvailability(null, { provider: 'openai', model: 'x' }).tone).toBe('unknown');
  });

  it('names the installed tag a family uses: the writer’s pick, else latest, else the smallest', () => {
    const tagged = statusWith([], {});
    tagged.providers[0] = { provider: 'ollama', configured: true, reachable: true, models: [{ provider: 'ollama', name: 'llama3.2:3b', sizeBytes: 2_000 }, { provider: 'ollama', name: 'llama3.2:1b', sizeBytes: 1_000 }] };
    expect(refAvailability(tagged, llama)).toEqual({ tone: 'ready', text: 'Available as llama3.2:1b' });
    expect(refAvailability({ ...tagged, ollamaTags: { 'llama3.2': '3b' } }, llama)).toEqual({ tone: 'ready', text: 'Available as llama3.2:3b' });
  });
});
