import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Intent } from '../../../shared/models/runs';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { shippedCrewRegistry } from '../../testing/shipped-crew';
import { loadShippedPlaybooks } from '../playbooks';
import { createIntentRouter, type IntentRouter } from './intent-router';

/*
 * Intent routing on a labelled set of chat messages: the real route-intent prompt, the real LLM
 * service on the classify route, and the fake provider's rule-based router. Every message must
 * land where its label says (kind, agent or playbook, and the resolved target); vague ones get
 * one clarifying question, never a guess.
 */

let ai: AiTestCore;
let router: IntentRouter;
const audit: Array<Omit<AuditEntry, 'id' | 'createdAt'>> = [];
const ids = { chapters: [] as string[], openScene: '', mara: '', tomas: '', saltmere: '' };

beforeAll(async () => {
  ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest'], config: () => ({ ai: { retry: { maxAttempts: 1 } } }) });
  const { t } = ai;
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const first = (await t.call('outline.get', { projectId: project.id })).chapters[0];
  if (!first) throw new Error('no first chapter');
  await t.call('chapter.update', { id: first.id, title: 'The Harbour' });
  for (const title of ['The Keeper', 'Low Tide', 'The Storm', 'Aftermath']) await t.call('chapter.create', { projectId: project.id, title });
  const outline = await t.call('outline.get', { projectId: project.id });
  ids.chapters = outline.chapters.map((c) => c.id);
  const storm = outline.chapters[3];
  if (!storm) throw new Error('no chapter 4');
  ids.openScene = (await t.call('scene.create', { chapterId: storm.id, title: 'The lamp fails' })).id;
  ids.mara = (await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara' })).id;
  ids.tomas = (await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Tomas' })).id;
  ids.saltmere = (await t.call('codex.create', { projectId: project.id, kind: 'location', name: 'Saltmere' })).id;

  const services = t.core.services;
  const entries = await t.call('codex.list', { projectId: project.id });
  router = createIntentRouter({
    prompts: services.ai.prompts,
    llm: services.ai.llm,
    registry: shippedCrewRegistry(),
    playbooks: { list: () => loadShippedPlaybooks() },
    book: (id) => ({ outline: services.manuscript.outline(id), entries, title: 'The Salt Road' }),
    audit: { record: (entry) => audit.push(entry) },
    clock: { now: () => 0 },
  });
  projectId = project.id;
});

afterAll(() => ai.close());

let projectId = '';

type Expected = (c: typeof ids) => Intent;
const chapter = (n: number) => (c: typeof ids) => ({ chapterId: c.chapters[n - 1] ?? 'missing' });
type Target = (c: typeof ids) => Record<string, string>;
const playbook = (playbookId: string, target: Target = () => ({})): Expected => (c) => ({ kind: 'playbook', playbookId, target: target(c) });
const agent = (agentId: string, capability: string, target: Target = () => ({})): Expected => (c) => ({ kind: 'agent', agentId, capability, target: target(c) });
const chat: Expected = () => ({ kind: 'chat' });

/** [message, open scene?, expected intent]. */
const LABELLED: Array<[string, boolean, Expected]> = [
  ['Draft chapter 4 from the outline', false, playbook('draft-chapter', chapter(4))],
  ['Write chapter two', false, playbook('draft-chapter', chapter(2))],
  ['Draft Low Tide from its outline', false, playbook('draft-chapter', chapter(3))],
  ['Draft this chapter from the outline', true, playbook('draft-chapter', chapter(4))],
  ['Develop Mara’s backstory', false, playbook('develop-character', (c) => ({ entryId: c.mara }))],
  ['Flesh out Tomas as a character', false, playbook('develop-character', (c) => ({ entryId: c.tomas }))],
  ['Check chapter 3 for continuity errors', false, playbook('continuity-style-pass', chapter(3))],
  ['Do a style and continuity pass on chapter 1', false, playbook('continuity-style-pass', chapter(1))],
  ['Check this chapter’s pacing', true, agent('editor', 'pacing-review', chapter(4))],
  ['Chapter 2 drags, can you look at the pacing?', false, agent('editor', 'pacing-review', chapter(2))],
  ['Review the style of chapter 5', false, agent('editor', 'style-review', chapter(5))],
  ['What happens next?', false, playbook('what-next')],
  ['Brainstorm what could happen next after the storm', false, playbook('what-next')],
  ['Give me the beats for chapter 4', false, agent('plot_alchemist', 'outline-beats', chapter(4))],
  ['Research 19th-century lighthouse keeping', false, agent('researcher', 'research-notes')],
  ['Describe the culture of Saltmere in depth', false, agent('world_builder', 'develop-setting', (c) => ({ entryId: c.saltmere }))],
  ['Polish the scene I have open', true, agent('editor', 'edit-pass', (c) => ({ sceneId: c.openScene }))],
  ['What colour are Mara’s eyes?', false, chat],
  ['How do I make dialogue snappier?', false, chat],
  ['Thanks, that helps!', false, chat],
  ['Who is Tomas’s sister?', false, chat],
  ['Summarise what we decided about the ending', false, chat],
];

/** Messages the router must answer with a question, and what the question must mention. */
const VAGUE: Array<[string, RegExp]> = [
  ['Fix it', /What would you like the crew to do/u],
  ['Make it better', /What would you like the crew to do/u],
  ['Can you help me with this?', /What would you like the crew to do/u],
  ['Draft chapter 9', /I couldn’t find chapter “9”\. The book has 5 chapters\. Which chapter should “Draft a chapter from its outline” work on\?/u],
  ['Develop the character', /Which codex entry should “Develop a character” work on\?/u],
  ['Draft the next chapter from the outline', /Which chapter should “Draft a chapter from its outline” work on\?/u],
];

const route = (message: string, open: boolean) =>
  router.route({ projectId, message, ...(open && { openSceneId: ids.openScene }), signal: new AbortController().signal });

describe('intent routing on a labelled set', () => {
  it(`routes all ${LABELLED.length} labelled messages as labelled (100%)`, async () => {
    const wrong: Array<{ message: string; expected: Intent; got: Intent }> = [];
    for (const [message, open, expected] of LABELLED) {
      const { intent } = await route(message, open);
      if (JSON.stringify(intent) !== JSON.stringify(expected(ids))) wrong.push({ message, expected: expected(ids), got: intent });
    }
    const accuracy = (LABELLED.length - wrong.length) / LABELLED.length;
    expect(wrong).toEqual([]);
    expect(accuracy).toBe(1);
  });

  it('composes a plan from capabilities when no playbook fits, validated, each step fed by the one before', async () => {
    const { intent, title, targetLabel } = await route('Develop Mara’s backstory and then research what her work as a diver involved', false);
    expect(intent).toEqual({
      kind: 'plan',
      target: { entryId: ids.mara },
      plan: {
        target: 'entry',
        steps: [
          {
            id: 'character',
            kind: 'agent',
            title: 'Develop the character',
            agent: 'character_architect',
            capability: 'develop-character',
            inputs: { name: '$entry.name', description: '$entry.description', profile: '$entry.profile', request: '$request' },
            dependsOn: [],
            propose: [],
          },
          {
            id: 'research',
            kind: 'agent',
            title: 'Research what it needs',
            agent: 'researcher',
            capability: 'research-notes',
            inputs: { topic: '$request', request: '$request', context: '$steps.character.output' },
            dependsOn: ['character'],
            propose: [],
          },
        ],
      },
    });
    expect([title, targetLabel]).toEqual(['Develop the character, then Research what it needs', 'Mara']);
  });

  it.each(VAGUE)('asks one question for “%s” instead of guessing', async (message, question) => {
    const { intent } = await route(message, false);
    expect(intent.kind).toBe('clarify');
    expect(intent.kind === 'clarify' ? intent.question : '').toMatch(question);
  });

  it('never starts a video’s playbook from the chat: it is not offered to the model, and picking it is refused', () => {
    expect(loadShippedPlaybooks().filter((p) => p.startedFrom === 'video').map((p) => p.id).sort()).toEqual(['video-from-chapter', 'video-from-idea']);
    expect(() => router.explicit({ projectId, message: 'Make a video', pick: { kind: 'playbook', playbookId: 'video-from-idea' } })).toThrow(/not found/);
    expect(router.explicit({ projectId, message: 'What next?', pick: { kind: 'playbook', playbookId: 'what-next' } })).toMatchObject({ intent: { kind: 'playbook', playbookId: 'what-next' } });
  });

  it('names the job and what it works on for the chat’s reply', async () => {
    expect(await route('Draft chapter 4 from the outline', false)).toMatchObject({ title: 'Draft a chapter from its outline', targetLabel: 'Chapter 4: The Storm' });
    expect(await route('Develop Mara’s backstory', false)).toMatchObject({ title: 'Develop a character', targetLabel: 'Mara' });
  });

  it('records each classification in the audit log with the prompt, its version and the model', async () => {
    audit.length = 0;
    await route('What happens next?', false);
    expect(audit).toEqual([
      expect.objectContaining({
        projectId,
        action: 'classify',
        status: 'ok',
        input: { message: 'What happens next?', openSceneId: null },
        output: expect.objectContaining({ intent: { kind: 'playbook', playbookId: 'what-next', target: {} } }),
        promptId: 'route-intent',
        promptVersion: 1,
        model: 'ollama/llama3.2:latest',
      }),
    ]);
  });
});
