import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { agentDefinitionSchema, type AgentDefinition } from '../../../shared/models/agents';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from '../prompts';
import { DEFAULT_AGENTS_FOLDER, loadAgentDefinitions } from './agent-loader';
import { createAgentRegistry } from './agent-registry';
import { AGENT_VARIABLES, answersJson, isAgentVariable } from './agent-variables';

const prompts = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER);
const promptById = new Map(prompts.map((p) => [p.id, p]));
const agents = loadAgentDefinitions(DEFAULT_AGENTS_FOLDER);
const shippedRegistry = () => {
  const registry = createAgentRegistry({ prompt: (id) => promptById.get(id) });
  for (const agent of agents) registry.register(agent, 'builtin');
  return registry;
};

const caught = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('the shipped crew (resources/agents)', () => {
  it('has the writing and media crews, each agent valid against the definition schema', () => {
    expect(agents.map((a) => [a.id, a.crew])).toEqual([
      ['character_architect', 'writing'],
      ['editor', 'writing'],
      ['ideation', 'media'],
      ['illustrator', 'writing'],
      ['outline', 'media'],
      ['plot_alchemist', 'writing'],
      ['researcher', 'writing'],
      ['rewrite', 'media'],
      ['scene_describer', 'media'],
      ['script', 'media'],
      ['world_builder', 'writing'],
      ['writer', 'writing'],
    ]);
    for (const agent of agents) expect(agentDefinitionSchema.safeParse(agent).success).toBe(true);
  });

  it('declares the capabilities the playbooks use', () => {
    const capabilities = Object.fromEntries(agents.map((a) => [a.id, a.capabilities.map((c) => c.id)]));
    expect(capabilities).toMatchObject({
      plot_alchemist: ['outline-beats', 'what-next'],
      writer: ['draft-scene'],
      editor: ['edit-pass', 'pacing-review', 'style-review'],
      character_architect: ['develop-character'],
      world_builder: ['develop-setting', 'character-world'],
      researcher: ['research-notes'],
      illustrator: ['image-prompts'],
    });
  });

  it('gives every capability a prompt with an output schema titled after it, taking exactly its inputs', () => {
    for (const agent of agents) {
      for (const capability of agent.capabilities) {
        const prompt = promptById.get(capability.promptId);
        expect(prompt, capability.promptId).toBeDefined();
        if (!prompt) continue;
        expect(capability.promptId).toBe(`agent-${agent.id.replaceAll('_', '-')}-${capability.id}`);
        expect(prompt.outputSchema?.title).toBe(capability.promptId);
        const variables = prompt.variables.map((v) => v.name);
        expect(variables.filter((name) => !isAgentVariable(name)).sort(), capability.promptId).toEqual([...capability.inputs].sort());
        expect(variables.filter(isAgentVariable).sort(), capability.promptId).toEqual([...AGENT_VARIABLES].sort());
        // The persona comes first; only it and the project title are required of the agent's own variables.
        expect(prompt.system.startsWith('{{persona}}')).toBe(true);
        expect(prompt.variables.filter((v) => v.required && isAgentVariable(v.name)).map((v) => v.name)).toEqual(['persona', 'project_title']);
      }
    }
  });

  it('has no agent prompt that no capability uses, and prose prompts answer {text, notes}', () => {
    const used = new Set(agents.flatMap((a) => a.capabilities.map((c) => c.promptId)));
    expect(prompts.filter((p) => p.id.startsWith('agent-') && !used.has(p.id)).map((p) => p.id)).toEqual([]);
    const prose = prompts.filter((p) => p.id.startsWith('agent-') && !answersJson(p.taskClass)).map((p) => p.id);
    expect(prose).toEqual(['agent-editor-edit-pass', 'agent-writer-draft-scene']);
    for (const id of prose) expect(promptById.get(id)?.outputSchema).toMatchObject({ required: ['text', 'notes'] });
  });

  it('registers every shipped agent as builtin', () => {
    const registry = shippedRegistry();
    expect(registry.list()).toHaveLength(12);
    expect(registry.get('writer')).toMatchObject({ source: 'builtin', taskClass: 'creative' });
    expect(registry.capability('writer', 'draft-scene')?.proposes).toEqual(['scene-text', 'new-scene']);
    expect(registry.capability('writer', 'fly')).toBeUndefined();
    expect(registry.get('nobody')).toBeUndefined();
  });
});

describe('registering an agent (plugins later)', () => {
  const pluginAgent = (): AgentDefinition => ({
    id: 'poet',
    name: 'Poet',
    crew: 'writing',
    persona: 'You are a poet.',
    description: 'Drafts verse.',
    taskClass: 'creative',
    contextBudget: 1000,
    memoryScope: { reads: { kinds: ['core'], markerTypes: [] }, writes: null },
    capabilities: [{ id: 'draft-scene', description: 'Drafts a scene as verse.', promptId: 'agent-writer-draft-scene', inputs: ['scene_title', 'beats'], proposes: ['scene-text'] }],
  });

  it('adds a valid definition with its source', () => {
    const registry = shippedRegistry();
    registry.register(pluginAgent(), 'plugin');
    expect(registry.get('poet')).toMatchObject({ source: 'plugin', name: 'Poet' });
    expect(registry.list().at(-1)?.id).toBe('poet');
  });

  it('refuses a definition that breaks the schema, naming the fields', () => {
    const registry = shippedRegistry();
    const error = caught(() => registry.register({ ...pluginAgent(), id: 'Bad-Id', contextBudget: 5 }, 'plugin'));
    expect(error.code).toBe(ErrorCode.INVALID_INPUT);
    expect(error.message).toContain('The agent “Bad-Id” cannot be registered');
    expect(error.message).toContain('id An agent id is lower_snake_case');
    expect(error.message).toContain('contextBudget');
    expect(registry.get('Bad-Id')).toBeUndefined();
  });

  it('refuses a taken id, and capabilities that do not fit their prompts', () => {
    const registry = shippedRegistry();
    expect(caught(() => registry.register({ ...pluginAgent(), id: 'writer' }, 'plugin'))).toMatchObject({
      code: ErrorCode.CONFLICT,
      message: expect.stringContaining('already registered (builtin)') as unknown,
    });
    const broken = pluginAgent();
    broken.capabilities = [
      { id: 'a-thing', description: 'x', promptId: 'agent-nowhere', inputs: [], proposes: [] },
      { id: 'b-thing', description: 'x', promptId: 'agent-writer-draft-scene', inputs: ['scene_title', 'mood', 'persona'], proposes: [] },
      { id: 'b-thing', description: 'x', promptId: 'rewrite', inputs: ['selection'], proposes: [] },
    ];
    const error = caught(() => registry.register(broken, 'plugin'));
    expect(error.code).toBe(ErrorCode.INVALID_INPUT);
    expect(error.message).toContain('capabilities.0 (a-thing) uses the prompt "agent-nowhere", which does not exist');
    expect(error.message).toContain('capabilities.1 (b-thing) lists the input "mood", which the prompt "agent-writer-draft-scene" does not take');
    expect(error.message).toContain('lists "persona" as an input, but the agent fills it itself');
    expect(error.message).toContain('does not list the prompt\'s required variable "beats" as inputs');
    expect(error.message).toContain('capabilities.2 (b-thing) repeats the capability id "b-thing"');
    expect(error.message).toContain('uses the prompt "rewrite", which has no outputSchema');
    expect(registry.get('poet')).toBeUndefined();
  });
});

describe('loading agent files', () => {
  it('lists every broken file and field in one error', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'nova-agents-'));
    try {
      writeFileSync(path.join(folder, 'ok_agent.yaml'), 'id: other_name\nname: A\n');
      writeFileSync(path.join(folder, 'broken.yaml'), 'id: [unclosed\n');
      writeFileSync(path.join(folder, 'not_writer.yaml'), readFileSync(path.join(DEFAULT_AGENTS_FOLDER, 'writer.yaml'), 'utf8'));
      const error = caught(() => loadAgentDefinitions(folder));
      expect(error.code).toBe(ErrorCode.INVALID_INPUT);
      expect(error.message).toMatch(/broken\.yaml: line \d+, column \d+: is not valid YAML/);
      expect(error.message).toContain('ok_agent.yaml: persona: is missing');
      expect(error.message).toContain('not_writer.yaml: id: is "writer" but must equal the file name "not_writer"');
      expect(error.message).toContain('ok_agent.yaml: capabilities: is missing');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
