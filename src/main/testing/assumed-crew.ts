import type { Agent, AgentCapability, AgentDefinition } from '../../shared/models/agents';
import type { AgentCatalog } from '../core/playbooks';

/*
 * A test double of the agent registry with the capabilities the shipped playbooks and the router
 * were written against (the agents domain ships the real ones). Each capability's inputs and
 * what it proposes are the ASSUMPTIONS to reconcile with resources/agents/*.yaml; the output
 * shapes assumed are in the comments.
 */
type Cap = Omit<AgentCapability, 'promptId'>;

const cap = (id: string, description: string, inputs: string[], proposes: AgentCapability['proposes'] = []): Cap => ({ id, description, inputs, proposes });

const AGENTS: Array<{ id: string; name: string; description: string; capabilities: Cap[] }> = [
  {
    id: 'plot_alchemist',
    name: 'Plot Alchemist',
    description: 'Shapes the plot: beats, turns and what happens next.',
    capabilities: [
      // → { scenes: [{ sceneId: string | null, title: string, beats: string }] } (sceneId from `scenes`, null for a new scene)
      cap('outline-beats', 'Turns a chapter’s outline into beats for each of its scenes.', ['chapter_title', 'chapter_synopsis', 'scenes', 'request']),
      // → { options: [{ title: string, summary: string }] } (`count` of them)
      cap('what-next', 'Brainstorms different ways the story could go next.', ['request', 'count']),
    ],
  },
  {
    id: 'writer',
    name: 'Writer',
    description: 'Drafts prose in the book’s voice.',
    // → { sceneId: string | null, title: string, text: string } (sceneId and title copied from the inputs)
    capabilities: [cap('draft-scene', 'Drafts one scene’s prose from its beats.', ['chapter_title', 'scene_id', 'scene_title', 'beats'], ['scene-text', 'new-scene'])],
  },
  {
    id: 'editor',
    name: 'Editor',
    description: 'Edits drafts and reviews pacing and style.',
    capabilities: [
      // → { text: string, notes: string[] }
      cap('edit-pass', 'Edits a scene draft for clarity, rhythm and voice.', ['scene_title', 'text'], ['scene-text', 'new-scene']),
      // → { summary: string, notes: [{ quote: string, note: string }] }
      cap('pacing-review', 'Reviews a chapter’s pacing and says where it drags or rushes.', ['chapter_title', 'chapter_text']),
      cap('style-review', 'Reviews a chapter’s style: voice, repetition, clarity.', ['chapter_title', 'chapter_text']),
    ],
  },
  {
    id: 'character_architect',
    name: 'Character Architect',
    description: 'Builds characters: backstory, motives, voice.',
    // → { description: string, fields: Record<string, string> }
    capabilities: [cap('develop-character', 'Develops a character’s backstory, motives and voice.', ['name', 'profile', 'request'], ['codex'])],
  },
  {
    id: 'world_builder',
    name: 'World Builder',
    description: 'Builds places, cultures and how the world works.',
    capabilities: [
      // → { name: string, description: string, fields: Record<string, string> }
      cap('develop-setting', 'Develops a place or culture of the world.', ['request'], ['codex']),
      // → { description: string, fields: Record<string, string> } (the character's entry with the world added)
      cap('character-world', 'Ties a character to the world: origin, home, allegiances.', ['name', 'profile', 'request'], ['codex']),
    ],
  },
  {
    id: 'researcher',
    name: 'Researcher',
    description: 'Researches facts the book relies on.',
    // → { notes: string }
    capabilities: [cap('research-notes', 'Writes research notes on a topic the book needs.', ['request'], ['memory'])],
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
