import { describe, expect, it } from 'vitest';
import type { LlmStatus, ModelsConfig } from '../../../../shared/models/llm';
import { configIssues, describePath, issueAt, moveItem, newExperiment, removeItem, renameKey, replaceItem, suggestModel, withoutKey } from './route-edit';

const config: ModelsConfig = {
  version: 1,
  ollama: { baseUrl: 'http://127.0.0.1:11434', tags: {} },
  routes: {
    creative: [{ provider: 'ollama', model: 'llama3.2' }],
    structured: [{ provider: 'ollama', model: 'llama3.2' }],
    rewrite: [{ provider: 'ollama', model: 'llama3.2' }],
    classify: [{ provider: 'ollama', model: 'llama3.2' }],
    embed: [{ provider: 'ollama', model: 'nomic-embed-text' }],
  },
  agents: {},
  prompts: {},
  experiments: [],
  recommendedOllamaModel: 'llama3.2',
};

const status: LlmStatus = {
  ollamaBaseUrl: 'http://127.0.0.1:11434',
  providers: [
    { provider: 'ollama', configured: true, reachable: true, models: [{ provider: 'ollama', name: 'qwen2.5:7b' }] },
    { provider: 'openai', configured: false, reachable: false, models: [] },
  ],
  readyTaskClasses: [],
  taskRoutes: [],
  ollamaTags: {},
  recommendedOllamaModel: 'llama3.2',
};

describe('route list editing', () => {
  it('moves, removes and replaces entries without touching the input', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(list, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(list, 2, 5)).toEqual(['a', 'b', 'c']);
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(removeItem(list, 1)).toEqual(['a', 'c']);
    expect(replaceItem(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('renames an override key in place', () => {
    const record = { one: 1, two: 2, three: 3 };
    expect(Object.keys(renameKey(record, 'two', 'deux'))).toEqual(['one', 'deux', 'three']);
    expect(withoutKey(record, 'one')).toEqual({ two: 2, three: 3 });
  });

  it('suggests a model the provider has, else the recommended one', () => {
    expect(suggestModel(status)).toEqual({ provider: 'ollama', model: 'qwen2.5:7b' });
    expect(suggestModel(null)).toEqual({ provider: 'ollama', model: 'llama3.2' });
    expect(suggestModel(status, 'openai')).toEqual({ provider: 'openai', model: '' });
  });

  it('names new experiments uniquely', () => {
    const first = newExperiment(config, status);
    expect(first.name).toBe('experiment-1');
    expect(newExperiment({ ...config, experiments: [first] }, status).name).toBe('experiment-2');
  });
});

describe('config validation', () => {
  it('accepts a valid config', () => {
    expect(configIssues(config)).toEqual([]);
  });

  it('names the route and entry of an empty model', () => {
    const bad: ModelsConfig = { ...config, routes: { ...config.routes, creative: [{ provider: 'ollama', model: 'llama3.2' }, { provider: 'openai', model: '' }] } };
    const issues = configIssues(bad);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ key: 'routes.creative.1.model', where: 'Creative route, model 2, model name', message: 'Enter a model name.' });
    expect(issueAt(issues, 'routes.creative')).toBe('Enter a model name.');
    expect(issueAt(issues, 'routes.rewrite')).toBeNull();
  });

  it('flags duplicate experiment names', () => {
    const experiment = newExperiment(config, status);
    const issues = configIssues({ ...config, experiments: [experiment, experiment] });
    expect(issues.map((i) => i.key)).toEqual(['experiments.1.name']);
  });

  it('describes paths in words', () => {
    expect(describePath(['prompts', 'chat', 0, 'provider'])).toBe('Prompt override “chat”, model 1, provider');
    expect(describePath(['experiments', 0, 'arm', 'model'])).toBe('Experiment 1, arm model name');
    expect(describePath(['ollama', 'baseUrl'])).toBe('Ollama address');
  });
});
