import { describe, expect, it } from 'vitest';
import type { LlmStatus } from '../../../../shared/models/llm';
import { describeRoute, tagPickers } from './route-models';

const llama = { provider: 'ollama', model: 'llama3.2' } as const;
const status = (models: Array<[string, number]>, ollamaTags: Record<string, string> = {}): LlmStatus => ({
  ollamaBaseUrl: 'http://127.0.0.1:11434',
  providers: [{ provider: 'ollama', configured: true, reachable: true, models: models.map(([name, sizeBytes]) => ({ provider: 'ollama', name, sizeBytes })) }],
  readyTaskClasses: [],
  taskRoutes: [
    { taskClass: 'creative', route: [llama, { provider: 'openai', model: 'gpt-4o-mini' }], uses: null },
    { taskClass: 'rewrite', route: [llama, { provider: 'ollama', model: 'mistral:7b' }], uses: null },
    { taskClass: 'embed', route: [{ provider: 'ollama', model: 'nomic-embed-text' }], uses: null },
  ],
  ollamaTags,
  recommendedOllamaModel: 'llama3.2',
});

describe('tag pickers', () => {
  it('offers the installed tags of each family the routes name without a tag', () => {
    const [picker, ...rest] = tagPickers(status([['llama3.2:3b', 2_000], ['llama3.2:1b', 1_000], ['mistral:7b', 4_000], ['mistral:latest', 4_000], ['nomic-embed-text:latest', 300]]));
    // mistral:7b is named with its tag; nomic-embed-text has one tag: nothing to choose.
    expect(rest).toEqual([]);
    expect(picker).toEqual({
      family: 'llama3.2',
      tags: [{ name: 'llama3.2:1b', tag: '1b', sizeBytes: 1_000 }, { name: 'llama3.2:3b', tag: '3b', sizeBytes: 2_000 }],
      automatic: 'llama3.2:1b',
      picked: null,
      uses: 'llama3.2:1b',
      usedBy: ['creative', 'rewrite'],
    });
  });

  it('shows the writer’s pick while it is installed', () => {
    expect(tagPickers(status([['llama3.2:3b', 2_000], ['llama3.2:1b', 1_000]], { 'llama3.2': '3b' }))[0]).toMatchObject({ picked: '3b', uses: 'llama3.2:3b' });
    expect(tagPickers(status([['llama3.2:1b', 1_000], ['llama3.2:8b', 8_000]], { 'llama3.2': '3b' }))[0]).toMatchObject({ picked: null, uses: 'llama3.2:1b' });
  });

  it('words a route in order', () => {
    expect(describeRoute([llama, { provider: 'openai', model: 'gpt-4o-mini' }, { provider: 'anthropic', model: 'claude-haiku-4-5' }], { ollama: 'Ollama', openai: 'OpenAI', anthropic: 'Anthropic' })).toBe(
      'llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic)',
    );
  });
});
