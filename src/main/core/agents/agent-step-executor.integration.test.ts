import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { AgentDefinition } from '../../../shared/models/agents';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { FAKE_OPENAI_KEY } from '../../testing/fake-llm-server';
import { settleJobs } from '../../testing/memory-test-setup';
import type { TestCore } from '../../testing/test-core';
import type { AgentStepRequest } from './agent-step-executor';

let ai: AiTestCore;
let t: TestCore;
let projectId: string;

beforeEach(async () => {
  ai = await startAiTestCore({
    ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'],
    config: (fake) => ({ memory: { indexDelayMs: 0 }, ai: { providerEndpoints: { openai: fake.openaiBaseUrl, anthropic: fake.anthropicBaseUrl } } }),
  });
  ({ t } = ai);
  projectId = (await t.call('project.create', { title: 'The Lighthouse' })).id;
});
afterEach(() => ai.close());

const executor = () => t.core.services.agents.executor;
const step = (agentId: string, capability: string, inputs: Record<string, string>): AgentStepRequest => ({
  runId: 'run-1',
  stepKey: 'step-1',
  projectId,
  agentId,
  capability,
  inputs,
  signal: new AbortController().signal,
});
const remember = (content: string, extra: { agentScope?: string[]; markers?: string[]; kind?: 'core' | 'episodic' | 'associative'; pinned?: boolean } = {}) =>
  t.call('memory.create', { projectId, kind: extra.kind ?? 'core', content, ...(extra.agentScope && { agentScope: extra.agentScope }), ...(extra.markers && { markers: extra.markers }) }).then(async (m) => {
    if (extra.pinned) await t.call('memory.setPinned', { id: m.id, pinned: true });
    return m;
  });
/** The system prompt of the last chat request the fake received. */
const lastSystem = () => {
  const chats = ai.fake.requests.filter((r) => r.path === '/api/chat' || r.path === '/v1/chat/completions');
  const body = chats.at(-1)?.body as { messages: Array<{ role: string; content: string }> } | undefined;
  return body?.messages.find((m) => m.role === 'system')?.content ?? '';
};
const failure = async (request: AgentStepRequest) => executor().execute(request).then(() => null, (error: unknown) => error);

describe('the agent step executor', () => {
  it('drafts a scene: persona and project in the prompt, prose streamed, output read as {text, notes}', async () => {
    const deltas: string[] = [];
    const result = await executor().execute({ ...step('writer', 'draft-scene', { scene_title: 'The Wick', beats: '- Mara trims the wick\n- A ship appears' }), onDelta: (d) => deltas.push(d) });
    expect(result.output).toEqual({ text: expect.stringContaining('“The Wick”') as unknown, notes: ['Drafted from 2 beats, in order.'] });
    expect((result.output as { text: string }).text).toContain('A ship appears.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(result.text);
    expect(result).toMatchObject({ model: expect.stringMatching(/^ollama\/llama3\.2/) as unknown, promptId: 'agent-writer-draft-scene', promptVersion: 1, costUsd: 0 });
    expect(result.tokensIn).toBeGreaterThan(0);
    expect(result.tokensOut).toBeGreaterThan(0);
    expect(Object.values(result.timings).every((ms) => ms >= 0)).toBe(true);
    const system = lastSystem();
    expect(system.startsWith("You are the studio's writer")).toBe(true);
    expect(system).toContain('The book: "The Lighthouse"');
  });

  it('answers JSON capabilities through the schema check', async () => {
    const result = await executor().execute(step('plot_alchemist', 'outline-beats', { chapter_title: 'Arrivals', chapter_outline: '[s-1] The Wick — Mara keeps the light' }));
    expect(result.output).toEqual({ scenes: [{ sceneId: 's-1', title: 'The Wick', beats: expect.stringContaining('- Mara keeps the light') as unknown }] });
    expect(JSON.parse(result.text)).toEqual(result.output);
    expect(result.promptId).toBe('agent-plot-alchemist-outline-beats');
  });

  it('gives an agent the memories of its scope: its own and everyone’s, never another agent’s', async () => {
    await remember('Always write in the past tense.', { pinned: true });
    await remember('PINNED-FOR-EDITOR: cut every adverb.', { agentScope: ['editor'], pinned: true });
    await remember('The lighthouse wick is trimmed at dusk with silver scissors.', { agentScope: ['writer'] });
    await remember('The lighthouse wick secret only the editor knows: the scissors are brass.', { agentScope: ['editor'] });
    await settleJobs(t);

    await executor().execute(step('writer', 'draft-scene', { scene_title: 'Lighthouse wick', beats: '- The lighthouse wick is trimmed with scissors' }));
    const writer = lastSystem();
    expect(writer).toContain('- Always write in the past tense.');
    expect(writer).toContain('silver scissors');
    expect(writer).not.toContain('PINNED-FOR-EDITOR');
    expect(writer).not.toContain('brass');

    await executor().execute(step('editor', 'edit-pass', { text: 'The lighthouse wick was trimmed with scissors.' }));
    const editor = lastSystem();
    expect(editor).toContain('PINNED-FOR-EDITOR');
    expect(editor).toContain('brass');
    expect(editor).not.toContain('silver scissors');
  });

  it('reads only the memory kinds and marker types of the agent’s scope', async () => {
    await remember('Mara fears deep water.', { markers: ['character:Mara'], pinned: true });
    await remember('UNMARKED: the book is set in 1890.', { pinned: true });
    await remember('EPISODIC: chapter one ended at dawn.', { kind: 'episodic', pinned: true });
    // The character architect reads memories with a character marker only.
    await executor().execute(step('character_architect', 'develop-character', { name: 'Mara' }));
    expect(lastSystem()).toContain('Mara fears deep water.');
    expect(lastSystem()).not.toContain('UNMARKED');
    // The editor reads core memories only; the media crew's outline reads none.
    await executor().execute(step('editor', 'edit-pass', { text: 'Mara looked at the water.' }));
    expect(lastSystem()).toContain('UNMARKED');
    expect(lastSystem()).not.toContain('EPISODIC');
    await executor().execute(step('outline', 'outline-sections', { idea: 'A trailer.' }));
    expect(lastSystem()).not.toContain('UNMARKED');
  });

  it('keeps within the agent’s context budget, which the step’s inputs count against', async () => {
    const tiny: AgentDefinition = {
      id: 'tiny_writer',
      name: 'Tiny Writer',
      crew: 'writing',
      persona: 'You are a terse writer.',
      description: 'Drafts with little context.',
      taskClass: 'creative',
      contextBudget: 300,
      memoryScope: { reads: { kinds: ['core'], markerTypes: [] }, writes: null },
      capabilities: [{ id: 'draft-scene', description: 'Drafts a scene.', promptId: 'agent-writer-draft-scene', inputs: ['scene_title', 'beats'], proposes: [] }],
    };
    t.core.services.agents.registry.register(tiny, 'plugin');
    await remember('SHORT: the sea is grey.', { pinned: true });
    await remember(`LONG: ${'the fog rolls in over the rocks and the lamp burns low '.repeat(30)}`, { pinned: true });

    await executor().execute(step('tiny_writer', 'draft-scene', { scene_title: 'Fog', beats: '- The fog comes' }));
    expect(lastSystem()).toContain('SHORT: the sea is grey.');
    // 300+ tokens: more than the budget's share for pinned memories.
    expect(lastSystem()).not.toContain('LONG:');

    // Inputs that fill the budget leave no room for memory at all.
    await executor().execute(step('tiny_writer', 'draft-scene', { scene_title: 'Fog', beats: `- ${'The fog comes and goes again. '.repeat(60)}` }));
    expect(lastSystem()).not.toContain('SHORT:');
  });

  it('takes the agent’s own route from the models file', async () => {
    await t.call('keys.set', { provider: 'openai', key: FAKE_OPENAI_KEY });
    const config = await t.call('routes.get', {});
    await t.call('routes.update', { config: { ...config, agents: { editor: [{ provider: 'openai', model: 'gpt-4o-mini' }] } } });
    const edited = await executor().execute(step('editor', 'edit-pass', { text: 'It was very late.' }));
    expect(edited.model).toBe('openai/gpt-4o-mini');
    expect(edited.output).toEqual({ text: 'It was late.', notes: expect.arrayContaining(['Cut 1 filler word (very, really, just, quite).']) as unknown });
    const drafted = await executor().execute(step('writer', 'draft-scene', { scene_title: 'Dawn', beats: '- Light' }));
    expect(drafted.model).toMatch(/^ollama\//);
  });

  it('fails with INVALID_OUTPUT when the answer does not fit the schema (JSON after one repair, prose at once)', async () => {
    ai.fake.failNext({ invalidAnswer: true }, { path: '/api/chat', times: 2 });
    expect(await failure(step('plot_alchemist', 'what-next', { request: 'What now?' }))).toMatchObject({ code: ErrorCode.INVALID_OUTPUT });
    ai.fake.failNext({ invalidAnswer: true }, { path: '/api/chat', times: 1 });
    expect(await failure(step('writer', 'draft-scene', { scene_title: 'Dawn', beats: '- Light' }))).toMatchObject({ code: ErrorCode.INVALID_OUTPUT, message: expect.stringContaining('Writer') as unknown });
    // One bad JSON answer is repaired.
    ai.fake.failNext({ invalidAnswer: true }, { path: '/api/chat', times: 1 });
    const repaired = await executor().execute(step('plot_alchemist', 'what-next', {}));
    expect((repaired.output as { options: unknown[] }).options).toHaveLength(3);
  });

  it('refuses unknown agents, capabilities and inputs, and missing required inputs, before any call', async () => {
    ai.fake.clearRequests();
    expect(await failure(step('poet', 'draft-scene', {}))).toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await failure(step('writer', 'fly', {}))).toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await failure(step('writer', 'draft-scene', { scene_title: 'A', beats: 'b', mood: 'x' }))).toMatchObject({ code: ErrorCode.INVALID_INPUT, message: expect.stringContaining('“mood”') as unknown });
    expect(await failure(step('writer', 'draft-scene', { scene_title: 'A', beats: '  ' }))).toMatchObject({ code: ErrorCode.INVALID_INPUT, message: expect.stringContaining('{{beats}}') as unknown });
    expect(ai.fake.requests.filter((r) => r.path === '/api/chat')).toEqual([]);
  });

  it('stops with CANCELLED when the run is cancelled, without calling the model', async () => {
    ai.fake.clearRequests();
    const controller = new AbortController();
    controller.abort();
    const cancelled = await failure({ ...step('writer', 'draft-scene', { scene_title: 'A', beats: '- b' }), signal: controller.signal });
    expect(cancelled).toMatchObject({ code: ErrorCode.CANCELLED });
    expect(ai.fake.requests.filter((r) => r.path === '/api/chat')).toEqual([]);
  });
});

describe('the crew’s handlers', () => {
  it('lists the agents and reads, saves and resets the policy', async () => {
    const agents = await t.call('agents.list', {});
    expect(agents.map((a) => a.id)).toContain('plot_alchemist');
    expect(agents.find((a) => a.id === 'writer')).toMatchObject({ source: 'builtin', crew: 'writing' });
    expect(await t.call('policy.get', {})).toMatchObject({ source: 'shipped', problem: null });
    const saved = await t.call('policy.save', { yaml: 'version: 1\nrules:\n  - id: x\n    type: blocked-words\n    words: [fog]\n' });
    expect(saved).toMatchObject({ source: 'user', rules: [{ id: 'x' }] });
    expect(t.core.services.agents.policy.check({ type: 'memory', kind: 'core', content: 'Fog.', markers: [] })).toHaveLength(1);
    expect(await t.raw('policy.save', { yaml: 'version: 1\nrules: [' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.call('policy.reset', {})).toMatchObject({ source: 'shipped' });
  });

  it('is the policy the core’s proposals check: a codex proposal without a description is blocked', () => {
    const proposal = t.core.services.proposals.propose({
      runId: '33333333-3333-4333-8333-333333333333',
      projectId,
      stepKey: 'develop',
      agentId: 'character_architect',
      key: 'codex:Mara',
      change: { type: 'codex', entryId: null, kind: 'character', name: 'Mara', before: null, after: { description: '', fields: { Role: 'Keeper' } } },
    });
    expect(proposal.violations.map((v) => [v.rule, v.blocking])).toEqual([
      ['codex-description', true],
      ['character-essentials', false],
    ]);
  });
});
