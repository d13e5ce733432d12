import type { Agent, AgentCapability, AgentDefinition } from '../../shared/models/agents';
import type { AgentCatalog } from '../core/playbooks';

/*
 * A test double of the agent registry with the writing crew's capabilities as crew/agents
 * declares them in resources/agents/*.yaml (inputs and what they propose, read at 06:30 on
 * 26 Nov), so playbooks and routing are tested without that branch. The output shapes the
 * playbooks read are in the comments.
 */
type Cap = Omit<AgentCapability, 'promptId'>;

const cap = (id: string, description: string, inputs: string[], proposes: AgentCapability['proposes'] = []): Cap => ({ id, description, inputs, proposes });

const AGENTS: Array<{ id: string; name: string; description: string; capabilities: Cap[] }> = [
  {
    id: 'plot_alchemist',
    name: 'Plot Alchemist',
    description: 'Shapes the plot: beats, turns and what happens next.',
    capabilities: [
      // → { scenes: [{ sceneId?: string, title: string, beats: string }] } (sceneId copied from the outline; absent for a new scene)
      cap('outline-beats', 'Turns a chapter’s outline into beats for each of its scenes.', ['chapter_title', 'chapter_synopsis', 'chapter_outline', 'request']),
      // → { options: [{ title, summary, why, consequences }] } (three)
      cap('what-next', 'Brainstorms three ways the story could go next.', ['story_so_far', 'chapter_title', 'request']),
    ],
  },
  {
    id: 'writer',
    name: 'Writer',
    description: 'Drafts prose in the book’s voice.',
    // → { text: string, notes: string[] }
    capabilities: [cap('draft-scene', 'Drafts one scene’s prose from its beats.', ['scene_title', 'beats', 'chapter_title', 'scene_synopsis', 'previous_text', 'request'], ['scene-text', 'new-scene'])],
  },
  {
    id: 'editor',
    name: 'Editor',
    description: 'Edits drafts and reviews pacing and style.',
    capabilities: [
      // → { text: string, notes: string[] }
      cap('edit-pass', 'Edits a scene draft for clarity, rhythm and voice.', ['text', 'scene_title', 'focus'], ['scene-text', 'new-scene']),
      // → { summary: string, notes: [{ quote: string, note: string }] }
      cap('pacing-review', 'Reviews a chapter’s pacing and says where it drags or rushes.', ['chapter_title', 'chapter_text']),
      cap('style-review', 'Reviews a chapter’s style: voice, repetition, clarity.', ['chapter_title', 'chapter_text']),
    ],
  },
  {
    id: 'character_architect',
    name: 'Character Architect',
    description: 'Builds characters: backstory, motives, voice.',
    // → { name: string, description: string, fields: Record<string, string> }
    capabilities: [cap('develop-character', 'Develops a character’s backstory, motives and voice.', ['name', 'description', 'profile', 'request'], ['codex'])],
  },
  {
    id: 'world_builder',
    name: 'World Builder',
    description: 'Builds places, cultures and how the world works.',
    capabilities: [
      // → { name, kind, description, fields }
      cap('develop-setting', 'Develops a place or culture of the world.', ['name', 'kind', 'description', 'profile', 'request'], ['codex']),
      // → { fields: Record<string, string>, notes: string[] } (world fields for the character's entry)
      cap('character-world', 'Ties a character to the world: origin, home, allegiances.', ['name', 'description', 'profile', 'request'], ['codex']),
    ],
  },
  {
    id: 'researcher',
    name: 'Researcher',
    description: 'Researches facts the book relies on.',
    // → { notes: [...] }
    capabilities: [cap('research-notes', 'Writes research notes on a topic the book needs.', ['topic', 'request', 'context'], ['memory'])],
  },
];

function toAgent(a: (typeof AGENTS)[number]): Agent {
  const definition: AgentDefinition = {
    id: a.id,
    name: a.name,
    crew: 'writing',
    persona: `You are the ${a.name}.`,
    description: a.description,
    capabilities: a.capabilities.map((c) => ({ ...c, promptId: `agent-${c.id}` })),
    taskClass: 'creative',
    contextBudget: 4_000,
    memoryScope: { reads: { kinds: [], markerTypes: [] }, writes: null },
  };
  return { ...definition, source: 'builtin' };
}

/** A registry double holding the assumed writing crew (or the agents given). */
export function assumedCrewRegistry(agents: Agent[] = AGENTS.map(toAgent)): AgentCatalog {
  return {
    list: () => agents,
    get: (id) => agents.find((a) => a.id === id),
    capability: (agentId, capabilityId) => agents.find((a) => a.id === agentId)?.capabilities.find((c) => c.id === capabilityId),
  };
}
