import { z } from 'zod';
import { taskClassSchema } from './llm';
import { memoryKindSchema } from './memory';

/**
 * The agent crew as data (seeds 000, 001, 003, 004). An agent is a registry entry — persona,
 * capabilities, prompts, model route, context budget, memory scope — loaded from
 * `resources/agents/*.yaml` (and later from plugins), never a switch statement.
 */
export const AgentCrew = { writing: 'writing', media: 'media', planning: 'planning' } as const;
export type AgentCrew = (typeof AgentCrew)[keyof typeof AgentCrew];
export const agentCrewSchema = z.enum(Object.values(AgentCrew) as [AgentCrew, ...AgentCrew[]]);

/** `character_architect`, `plot_alchemist`: lower snake case, as the models file's `agents:` keys. */
export const agentIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,47}$/u, 'An agent id is lower_snake_case, like plot_alchemist.');
/** `develop-character`, `draft-scene`: lower kebab case, unique within its agent. */
export const capabilityIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/u, 'A capability id is lower-kebab-case, like draft-scene.');

/**
 * What a capability's output may become once the writer approves it (see `runs.ts`):
 * `scene-text` replaces a scene's text, `new-scene` adds a scene to a chapter, `codex` creates or
 * changes an entry, `memory` adds a memory. An agent that only informs (an editor's report) proposes nothing.
 */
export const ProposalTargetType = { sceneText: 'scene-text', newScene: 'new-scene', codex: 'codex', memory: 'memory' } as const;
export type ProposalTargetType = (typeof ProposalTargetType)[keyof typeof ProposalTargetType];
export const proposalTargetTypeSchema = z.enum(Object.values(ProposalTargetType) as [ProposalTargetType, ...ProposalTargetType[]]);

/** One thing an agent can do: the prompt it uses and what its output can be proposed as. */
export const agentCapabilitySchema = z
  .object({
    id: capabilityIdSchema,
    /** One sentence the router reads when it composes a plan ("Drafts one scene's prose from its beats"). */
    description: z.string().trim().min(1).max(500),
    /** The prompt in `prompts/` (each has an output JSON Schema). */
    promptId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/u),
    /** The prompt variables a step must supply (besides those the agent fills itself: persona, memory). */
    inputs: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,47}$/u)).max(20).default([]),
    proposes: z.array(proposalTargetTypeSchema).max(4).default([]),
  })
  .strict();
export type AgentCapability = z.infer<typeof agentCapabilitySchema>;

/**
 * Which memories an agent is given and what it writes back. `reads.kinds` empty: no memory;
 * `reads.markerTypes` empty: every marker type (else only memories with a marker of these types,
 * e.g. `character`). Memories scoped to other agents are never read (memory's `agentScope`).
 */
export const memoryScopeSchema = z
  .object({
    reads: z.object({ kinds: z.array(memoryKindSchema).max(3), markerTypes: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/u)).max(20).default([]) }).strict(),
    /** What the agent may propose to remember (a `memory` proposal), or null. */
    writes: z.object({ kind: memoryKindSchema, markers: z.array(z.string()).max(10).default([]) }).strict().nullable(),
  })
  .strict();
export type MemoryScope = z.infer<typeof memoryScopeSchema>;

export const agentDefinitionSchema = z
  .object({
    id: agentIdSchema,
    name: z.string().trim().min(1).max(80),
    crew: agentCrewSchema,
    /** Who the agent is, put at the top of each of its prompts' system text. */
    persona: z.string().trim().min(1).max(4_000),
    /** One line for pickers and the router. */
    description: z.string().trim().min(1).max(500),
    capabilities: z.array(agentCapabilitySchema).min(1).max(20),
    /** The route its calls take unless the models file names this agent (`agents: {id: [...]}`). */
    taskClass: taskClassSchema,
    /** Tokens of context (memory, earlier results, the book) its prompts may carry. */
    contextBudget: z.number().int().min(256).max(200_000),
    memoryScope: memoryScopeSchema,
  })
  .strict();
export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;

/** An agent as the app lists it: where it came from (shipped, or a plugin later). */
export const agentSchema = agentDefinitionSchema.extend({ source: z.enum(['builtin', 'plugin']) });
export type Agent = z.infer<typeof agentSchema>;
