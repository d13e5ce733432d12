import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { agentDefinitionSchema, type Agent, type AgentCapability, type AgentDefinition } from '../../../shared/models/agents';
import type { PromptDefinition } from '../../../shared/models/prompts';
import { problemsFromZod } from '../platform/zod-issues';
import { answersJson, isAgentVariable } from './agent-variables';

/** What the registry needs to know of a prompt to check a capability against it. */
export type PromptShape = Pick<PromptDefinition, 'taskClass' | 'variables' | 'outputSchema'>;

export interface AgentRegistryDeps {
  /** The prompt registry's active definition of a prompt, or undefined when there is none. */
  prompt(id: string): PromptShape | undefined;
}

/** The crew as data: shipped agents now, plugins' agents later, all through {@link AgentRegistry.register}. */
export interface AgentRegistry {
  /** Every agent, in the order registered (shipped ones by id first). */
  list(): Agent[];
  get(id: string): Agent | undefined;
  capability(agentId: string, capabilityId: string): AgentCapability | undefined;
  /**
   * Adds an agent after checking it: the definition schema, a free id, unique capability ids,
   * and each capability's prompt (it exists, has an output schema, takes the capability's inputs
   * and needs nothing else a step could not give). Throws INVALID_INPUT (or CONFLICT for a
   * taken id) with every problem in one sentence.
   */
  register(def: AgentDefinition, source: 'builtin' | 'plugin'): void;
}

/** The registry, empty; compose-agents registers the shipped agents into it. */
export function createAgentRegistry(deps: AgentRegistryDeps): AgentRegistry {
  const agents = new Map<string, Agent>();

  return {
    list: () => [...agents.values()],
    get: (id) => agents.get(id),
    capability: (agentId, capabilityId) => agents.get(agentId)?.capabilities.find((c) => c.id === capabilityId),
    register(def, source) {
      const parsed = agentDefinitionSchema.safeParse(def);
      const name = typeof (def as { id?: unknown }).id === 'string' ? `“${(def as { id: string }).id}”` : 'without an id';
      if (!parsed.success) {
        const problems = problemsFromZod(parsed.error, def).map((p) => `${p.field} ${p.message}`);
        throw new AppError(ErrorCode.INVALID_INPUT, `The agent ${name} cannot be registered: ${problems.join('; ')}.`);
      }
      const agent = parsed.data;
      const existing = agents.get(agent.id);
      if (existing) throw new AppError(ErrorCode.CONFLICT, `The agent ${name} cannot be registered: an agent with that id is already registered (${existing.source}).`);
      const problems = capabilityProblems(agent, deps.prompt);
      if (problems.length > 0) throw new AppError(ErrorCode.INVALID_INPUT, `The agent ${name} cannot be registered: ${problems.join('; ')}.`);
      agents.set(agent.id, { ...agent, source });
    },
  };
}

/** What is wrong between an agent's capabilities and their prompts, one sentence each. */
export function capabilityProblems(agent: AgentDefinition, prompt: AgentRegistryDeps['prompt']): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  agent.capabilities.forEach((capability, index) => {
    const where = `capabilities.${index} (${capability.id})`;
    if (seen.has(capability.id)) problems.push(`${where} repeats the capability id "${capability.id}"`);
    seen.add(capability.id);
    const definition = prompt(capability.promptId);
    if (!definition) return void problems.push(`${where} uses the prompt "${capability.promptId}", which does not exist`);
    if (!definition.outputSchema) problems.push(`${where} uses the prompt "${capability.promptId}", which has no outputSchema`);
    else if (!answersJson(definition.taskClass) && !isProseSchema(definition.outputSchema)) {
      problems.push(`${where} uses the prose prompt "${capability.promptId}", whose outputSchema must be an object with "text" and "notes"`);
    }
    const variables = new Set(definition.variables.map((v) => v.name));
    for (const input of capability.inputs) {
      if (isAgentVariable(input)) problems.push(`${where} lists "${input}" as an input, but the agent fills it itself`);
      else if (!variables.has(input)) problems.push(`${where} lists the input "${input}", which the prompt "${capability.promptId}" does not take`);
    }
    const missing = definition.variables.filter((v) => v.required && !isAgentVariable(v.name) && !capability.inputs.includes(v.name)).map((v) => v.name);
    if (missing.length > 0) problems.push(`${where} does not list the prompt's required ${missing.length === 1 ? 'variable' : 'variables'} ${missing.map((m) => `"${m}"`).join(', ')} as inputs`);
  });
  return problems;
}

function isProseSchema(schema: Record<string, unknown>): boolean {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return schema.type === 'object' && properties !== undefined && 'text' in properties && 'notes' in properties;
}
