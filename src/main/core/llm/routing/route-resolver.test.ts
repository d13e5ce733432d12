import { describe, expect, it } from 'vitest';
import type { Experiment, ModelsConfig } from '../../../../shared/models/llm';
import { createModelsConfigStore, DEFAULT_MODELS_FILE } from './models-config.store';
import { assignArm, resolveRoute } from './route-resolver';

const shipped = createModelsConfigStore({ defaultsFile: DEFAULT_MODELS_FILE, userFile: '/nonexistent/models.yaml' }).defaults();
const ollama = (model: string) => ({ provider: 'ollama' as const, model });
const openai = (model: string) => ({ provider: 'openai' as const, model });
const anthropic = (model: string) => ({ provider: 'anthropic' as const, model });

const experiment = (changes: Partial<Experiment> = {}): Experiment => ({
  name: 'creative-trial',
  enabled: true,
  taskClass: 'creative',
  share: 0.3,
  arm: openai('gpt-4o'),
  ...changes,
});
const withExperiments = (...experiments: Experiment[]): ModelsConfig => ({ ...shipped, experiments });

describe('resolveRoute', () => {
  it('uses the task class route of the shipped defaults', () => {
    expect(resolveRoute(shipped, { taskClass: 'creative', assignmentKey: 'p1' })).toEqual({
      models: [ollama('llama3.2'), openai('gpt-4o-mini'), anthropic('claude-haiku-4-5')],
    });
    expect(resolveRoute(shipped, { taskClass: 'embed', assignmentKey: 'p1' }).models).toEqual([ollama('nomic-embed-text'), openai('text-embedding-3-small')]);
  });

  it('prefers a prompt override to an agent override to the task class route', () => {
    const config: ModelsConfig = {
      ...shipped,
      agents: { editor: [anthropic('claude-agent')] },
      prompts: { rewrite: [openai('gpt-prompt')] },
    };
    const route = (request: { agentId?: string; promptId?: string }) => resolveRoute(config, { taskClass: 'rewrite', assignmentKey: 'k', ...request }).models;
    expect(route({ agentId: 'editor', promptId: 'rewrite' })).toEqual([openai('gpt-prompt')]);
    expect(route({ agentId: 'editor', promptId: 'continue' })).toEqual([anthropic('claude-agent')]);
    expect(route({ agentId: 'writer', promptId: 'continue' })).toEqual(shipped.routes.rewrite);
    expect(route({})).toEqual(shipped.routes.rewrite);
  });

  it('returns copies, so a caller cannot change the config', () => {
    resolveRoute(shipped, { taskClass: 'creative', assignmentKey: 'k' }).models.pop();
    expect(shipped.routes.creative).toHaveLength(3);
  });

  it('ignores disabled experiments and experiments of other task classes', () => {
    expect(resolveRoute(shipped, { taskClass: 'creative', assignmentKey: 'k' }).experiment).toBeUndefined();
    const config = withExperiments(experiment({ enabled: false, share: 1 }), experiment({ name: 'other', taskClass: 'rewrite', share: 1 }));
    expect(resolveRoute(config, { taskClass: 'creative', assignmentKey: 'k' })).toEqual({ models: shipped.routes.creative });
  });

  it('puts arm B first and keeps the route as fallbacks; arm A keeps the route; both are reported', () => {
    const always = withExperiments(experiment({ share: 1, arm: openai('gpt-4o-mini') }));
    expect(resolveRoute(always, { taskClass: 'creative', assignmentKey: 'k' })).toEqual({
      models: [openai('gpt-4o-mini'), ollama('llama3.2'), anthropic('claude-haiku-4-5')],
      experiment: { name: 'creative-trial', arm: 'B' },
    });
    const never = withExperiments(experiment({ share: 0 }));
    expect(resolveRoute(never, { taskClass: 'creative', assignmentKey: 'k' })).toEqual({
      models: shipped.routes.creative,
      experiment: { name: 'creative-trial', arm: 'A' },
    });
  });

  it('leaves overridden calls out of experiments', () => {
    const config = { ...withExperiments(experiment({ share: 1 })), prompts: { chat: [anthropic('claude-chat')] } };
    expect(resolveRoute(config, { taskClass: 'creative', promptId: 'chat', assignmentKey: 'k' })).toEqual({ models: [anthropic('claude-chat')] });
  });

  it('assigns the same key to the same arm every time', () => {
    const config = withExperiments(experiment({ share: 0.5 }));
    for (let i = 0; i < 50; i += 1) {
      const key = `project-${i}`;
      const first = resolveRoute(config, { taskClass: 'creative', assignmentKey: key });
      for (let again = 0; again < 3; again += 1) expect(resolveRoute(config, { taskClass: 'creative', assignmentKey: key })).toEqual(first);
    }
    // Fixed points: the hash is part of the contract with recorded calls, so it must not drift.
    expect(['a', 'b', 'c', 'd'].map((key) => assignArm('creative-trial', key, 0.5))).toEqual(['B', 'A', 'B', 'A']);
  });

  it.each([0.1, 0.3, 0.5, 0.9])('sends about %s of 1,000 keys to arm B', (share) => {
    let b = 0;
    for (let i = 0; i < 1000; i += 1) if (assignArm('creative-trial', `key-${i}`, share) === 'B') b += 1;
    // Binomial standard deviation at n=1000 is at most ~16 keys; allow about four of them.
    expect(Math.abs(b - share * 1000)).toBeLessThan(65);
  });

  it('assigns keys independently per experiment', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `key-${i}`);
    const inBoth = keys.filter((k) => assignArm('one', k, 0.5) === 'B' && assignArm('two', k, 0.5) === 'B').length;
    expect(Math.abs(inBoth - 250)).toBeLessThan(60);
  });
});
