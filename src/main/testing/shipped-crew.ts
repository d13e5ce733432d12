import { createAgentRegistry, DEFAULT_AGENTS_FOLDER, loadAgentDefinitions, type AgentRegistry } from '../core/agents';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from '../core/prompts';

/**
 * The shipped agent registry (resources/agents, checked against the shipped prompts) without a
 * core, for tests of what is written against it: playbooks, plan validation, intent routing.
 */
export function shippedCrewRegistry(): AgentRegistry {
  const prompts = new Map(loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER).map((p) => [p.id, p]));
  const registry = createAgentRegistry({ prompt: (id) => prompts.get(id) });
  for (const definition of loadAgentDefinitions(DEFAULT_AGENTS_FOLDER)) registry.register(definition, 'builtin');
  return registry;
}
