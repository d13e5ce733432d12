import { authorRequest, firstSentence, lines, requestText, slug, tagged, type AgentRequestText } from './fake-agent-parts';
import type { FakeChatRequest } from './fake-llm-server.types';
import { mediaAnswers } from './fake-media-agents';

/**
 * Rule-based stand-ins for the agent crew's prompts (prompts/agent-*.yaml), so tests and the
 * browser mode with fake providers get deterministic, schema-valid answers that reflect the
 * request: JSON prompts are recognised by their schema's title, the two prose prompts by their
 * user text. A failure `{ invalidAnswer: true }` makes the fake answer off-schema instead.
 */

/** What the fake answers when a test forces an invalid answer: JSON no agent schema accepts, or blank prose. */
export const INVALID_AGENT_JSON = '{"unexpected": true}';
export const INVALID_AGENT_PROSE = ' ';

const schemaTitle = (request: FakeChatRequest): string | undefined => {
  const schema = request.jsonSchema as { title?: unknown } | undefined;
  return typeof schema === 'object' && schema !== null && typeof schema.title === 'string' ? schema.title : undefined;
};

type ProseKind = 'draft' | 'edit';
function proseKind(request: FakeChatRequest): ProseKind | null {
  if (request.jsonSchema !== undefined) return null;
  const { system, user } = requestText(request);
  if (user.startsWith('Draft this scene.') && user.includes('<beats>')) return 'draft';
  if (system.includes('Return the whole passage, edited') && user.includes('<text>')) return 'edit';
  return null;
}

/** Whether a request is one of the crew's prompts (the fake answers it by rule). */
export function answersAgentPrompt(request: FakeChatRequest): boolean {
  const title = schemaTitle(request);
  return (title !== undefined && title in jsonAnswers) || proseKind(request) !== null;
}

/** The answer to an agent prompt; `invalid` gives an answer its schema rejects. */
export function fakeAgentAnswer(request: FakeChatRequest, invalid = false): string {
  const kind = proseKind(request);
  if (kind !== null) return invalid ? INVALID_AGENT_PROSE : kind === 'draft' ? draftScene(requestText(request)) : editPass(requestText(request));
  if (invalid) return INVALID_AGENT_JSON;
  const answer = jsonAnswers[schemaTitle(request) ?? ''];
  return JSON.stringify(answer ? answer(requestText(request)) : {});
}

/** The writer's draft: mentions the scene's title and dramatises each beat, 150+ words. */
function draftScene({ user }: AgentRequestText): string {
  const title = tagged(user, 'scene_title');
  const beats = lines(tagged(user, 'beats'));
  const opening = `The scene “${title}” began before anyone was ready for it. The light came in low over the water, and the house held its breath the way old houses do when something is about to change.`;
  const body = beats.map(
    (beat, index) =>
      `${beat.replace(/[.!?]*$/, '.')} ${index % 2 === 0 ? 'Nobody said what they were thinking; the silence said it for them, thick as the fog pressing at the glass.' : 'A door closed somewhere below, and the sound carried through the boards like a warning no one would heed.'} It was the kind of moment that would be remembered later, turned over and over, its edges worn smooth by retelling.`,
  );
  // Enough words that a one-beat draft still passes the shipped policy's 150-word minimum.
  const middle =
    'Outside, the weather kept its own counsel. Gulls wheeled and complained above the rocks, the tide worked at the foot of the cliff, and the old clock on the landing counted out the minutes with the patience of something that had outlived three keepers already and expected to outlive a fourth.';
  const closing = 'When it was over, the room looked the same as before, and nothing in it was the same at all. Somewhere below, the sea went on with its work, as if none of it had happened.';
  return `${[opening, ...body, middle, closing].join('\n\n')}\n\nNotes:\n- Drafted from ${beats.length} ${beats.length === 1 ? 'beat' : 'beats'}, in order.`;
}

/** The editor's pass: cuts filler words and doubled spaces, says what it did. */
function editPass({ user }: AgentRequestText): string {
  const text = tagged(user, 'text');
  const fillers = text.match(/\b(?:very|really|just|quite)\s+/gi) ?? [];
  const edited = text.replace(/\b(?:very|really|just|quite)\s+/gi, '').replace(/[ \t]{2,}/g, ' ').trim();
  return `${edited}\n\nNotes:\n- Cut ${fillers.length} filler ${fillers.length === 1 ? 'word' : 'words'} (very, really, just, quite).\n- Kept the voice, the events and the point of view.`;
}

const entryName = (user: string) => tagged(user, 'name') || 'Unnamed';

const review = (focus: string) => ({ user }: AgentRequestText) => {
  const chapter = tagged(user, 'chapter');
  const title = /the chapter "([^"]+)"/.exec(user)?.[1] ?? 'this chapter';
  return {
    summary: `The ${focus} of “${title}” mostly works; one passage could move better.`,
    strengths: ['The opening lands quickly.'],
    issues: chapter ? [{ quote: firstSentence(chapter).slice(0, 200), problem: `The ${focus} slackens here.`, suggestion: 'Cut the sentence to its strongest clause.', severity: 'minor' }] : [],
  };
};

const jsonAnswers: Record<string, (request: AgentRequestText) => unknown> = {
  ...mediaAnswers,
  'agent-plot-alchemist-outline-beats': ({ user }) => {
    const chapter = tagged(user, 'chapter_title') || 'The chapter';
    const outline = tagged(user, 'outline')
      .split('\n')
      .map((line) => /^\s*(?:\[([^\]]+)\]\s*)?(.+?)(?:\s+[—–-]\s+(.*))?$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null && Boolean(m[2]));
    const scenes = outline.map((m) => ({ id: m[1], title: (m[2] ?? '').trim(), synopsis: (m[3] ?? '').trim() }));
    const planned = scenes.length > 0 ? scenes : [{ id: undefined, title: `${chapter}: the arrival`, synopsis: '' }, { id: undefined, title: `${chapter}: the turn`, synopsis: '' }];
    return {
      scenes: planned.map((scene) => ({
        ...(scene.id !== undefined && { sceneId: scene.id }),
        title: scene.title,
        beats: [`- ${scene.synopsis || `${scene.title} opens`}`, `- An obstacle blocks the way in “${scene.title}”`, '- A choice is made that cannot be undone', '- The scene ends on a new question'].join('\n'),
      })),
    };
  },
  'agent-plot-alchemist-what-next': ({ user }) => {
    const chapter = tagged(user, 'chapter_title') || 'the story';
    return {
      options: ['The storm', 'The letter', 'The return'].map((title, index) => ({
        title,
        summary: `After ${chapter}, ${['a storm cuts the island off', 'a letter reveals who lied', 'someone thought lost comes back'][index]}.`,
        why: 'It raises the stakes from what is already set up.',
        consequences: ['Everyone is trapped together.', 'A friendship breaks.', 'An old debt is called in.'][index] ?? '',
      })),
    };
  },
  'agent-character-architect-develop-character': ({ user }) => {
    const name = entryName(user);
    const known = tagged(user, 'description');
    const request = authorRequest(user);
    return {
      name,
      description: `${known ? `${known} ` : ''}${name} keeps their promises and their secrets with the same care.`.trim(),
      fields: {
        Role: `${name} is the one the story leans on.`,
        Motivation: `${name} wants to be needed, and fears being left behind.`,
        Flaw: 'Will not ask for help.',
        Backstory: request ? `Shaped by this: ${request}` : `${name} grew up carrying more than their share.`,
        Voice: 'Short sentences; dry humour under pressure.',
      },
    };
  },
  'agent-world-builder-develop-setting': ({ user, system }) => {
    const name = entryName(user);
    const kind = /\(it is a (location|lore|object)\)/.exec(system)?.[1] ?? 'location';
    return { name, kind, description: `${name} is older than anyone remembers, and it shows in every stone.`, fields: { History: `${name} has changed hands three times.`, 'Sensory details': 'Salt, tar and wet rope.' } };
  },
  'agent-world-builder-character-world': ({ user }) => {
    const name = entryName(user);
    return { fields: { Homeland: `The island where ${name} was born.`, Culture: 'Keepers and fishers; debts are remembered.', 'Social standing': 'Respected, not trusted.' }, notes: [`The island ${name} comes from could get its own codex entry.`] };
  },
  'agent-researcher-research-notes': ({ user }) => {
    const topic = tagged(user, 'topic') || 'the topic';
    return {
      summary: `What a novelist needs to know about ${topic}.`,
      notes: [
        { content: `${topic}: the daily routine shaped everything else.`, markers: [`topic:${slug(topic)}`] },
        { content: `${topic}: the tools were simple, and failures were dangerous (uncertain).`, markers: [`topic:${slug(topic)}`] },
      ],
      questions: [`How much of ${topic} should the reader see on the page?`],
    };
  },
  'agent-editor-pacing-review': review('pacing'),
  'agent-editor-style-review': review('style'),
  'agent-illustrator-image-prompts': ({ user }) => {
    const subject = tagged(user, 'subject') || 'the subject';
    return {
      prompts: ['Portrait', 'Moment', 'Detail'].map((title, index) => ({
        title: `${title}: ${subject}`.slice(0, 200),
        prompt: `${subject}, ${['a quiet portrait', 'caught mid-action', 'a close detail'][index]}, soft window light, muted palette, ink and watercolour.`,
        negativePrompt: 'text, letters, logos',
        style: 'ink and watercolour',
        aspectRatio: index === 0 ? '2:3' : '3:2',
      })),
    };
  },
};
