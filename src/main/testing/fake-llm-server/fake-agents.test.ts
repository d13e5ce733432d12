import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import type { PromptDefinition } from '../../../shared/models/prompts';
import { countWords } from '../../../shared/text/word-count';
import { answersJson, readProseAnswer } from '../../core/agents';
import { DEFAULT_PROMPTS_FOLDER, loadPromptDefinitions } from '../../core/prompts';
import { createTestCore } from '../test-core';
import { answersAgentPrompt, fakeAgentAnswer } from './fake-agents';
import type { FakeChatRequest } from './fake-llm-server.types';

const agentPrompts = loadPromptDefinitions(DEFAULT_PROMPTS_FOLDER).filter((p) => p.id.startsWith('agent-'));
const ajv = new Ajv({ allErrors: true, strict: false });
// The prompt registry renders the prompts as the executor would.
const t = createTestCore({ inMemory: true, config: { textWorker: null } });
afterAll(() => t.dispose());

/** Sample values for every variable a prompt declares, some made recognisable. */
const SAMPLES: Record<string, string> = {
  persona: 'You are a test agent.',
  project_title: 'The Lighthouse',
  scene_title: 'The Wick',
  beats: '- Mara trims the wick\n- A ship appears in the fog',
  chapter_title: 'Arrivals',
  chapter_outline: '[s-1] The Wick — Mara keeps the light\n[s-2] The Ship — strangers land',
  chapter_text: 'Mara climbed the stairs. The lamp was cold.',
  text: 'It was very cold and she was really tired.',
  name: 'Mara',
  topic: 'lighthouse keeping',
  subject: 'Mara at the lamp',
  seed: 'a lighthouse mystery',
  idea: 'A trailer for The Lighthouse.',
  outline: 'Hook: the light goes out\nBuild: the ship\nClose: the keeper waits',
  script: JSON.stringify({ scenes: [{ narration: 'The light went out.' }, { narration: 'Then the ship came.' }] }),
  request: 'make it tense',
};

function requestFor(prompt: PromptDefinition): FakeChatRequest {
  const values = Object.fromEntries(prompt.variables.map((v) => [v.name, SAMPLES[v.name] ?? `sample ${v.name}`]));
  const rendered = t.core.services.ai.prompts.render(prompt.id, values);
  return {
    provider: 'ollama',
    model: 'llama3.2:latest',
    messages: [
      { role: 'system', content: rendered.system },
      { role: 'user', content: rendered.user },
    ],
    ...(answersJson(prompt.taskClass) && { jsonSchema: prompt.outputSchema }),
    body: {},
  };
}

const outputOf = (prompt: PromptDefinition, answer: string): unknown => (answersJson(prompt.taskClass) ? JSON.parse(answer) : readProseAnswer(answer));
const valid = (prompt: PromptDefinition, output: unknown) => ajv.validate(prompt.outputSchema ?? {}, output);

describe('the fake provider’s agent answers', () => {
  it('answers every agent prompt with output its schema accepts', () => {
    expect(agentPrompts.length).toBe(16);
    for (const prompt of agentPrompts) {
      const request = requestFor(prompt);
      expect(answersAgentPrompt(request), prompt.id).toBe(true);
      const output = outputOf(prompt, fakeAgentAnswer(request));
      expect(valid(prompt, output), `${prompt.id}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  it('answers off-schema when a test forces it', () => {
    for (const prompt of agentPrompts) {
      const answer = fakeAgentAnswer(requestFor(prompt), true);
      expect(valid(prompt, outputOf(prompt, answer)), prompt.id).toBe(false);
    }
  });

  it('reflects the request: the draft names the scene and its beats, beats keep the outline’s scene ids', () => {
    const byId = new Map(agentPrompts.map((p) => [p.id, p]));
    const draft = readProseAnswer(fakeAgentAnswer(requestFor(byId.get('agent-writer-draft-scene') as PromptDefinition)));
    expect(draft.text).toContain('“The Wick”');
    expect(draft.text).toContain('Mara trims the wick.');
    expect(draft.text).toContain('A ship appears in the fog.');
    expect(draft.text.split(/\s+/).length).toBeGreaterThan(150);
    expect(draft.notes).toEqual(['Drafted from 2 beats, in order.']);
    // Even a one-beat draft keeps to the shipped policy's length rule.
    const oneBeat = requestFor(byId.get('agent-writer-draft-scene') as PromptDefinition);
    const user = oneBeat.messages[1];
    if (user) user.content = user.content.replace(/<beats>[\s\S]*<\/beats>/, '<beats>\n- Dawn\n</beats>');
    expect(countWords(readProseAnswer(fakeAgentAnswer(oneBeat)).text)).toBeGreaterThanOrEqual(150);

    const beats = JSON.parse(fakeAgentAnswer(requestFor(byId.get('agent-plot-alchemist-outline-beats') as PromptDefinition))) as { scenes: Array<{ sceneId?: string; title: string }> };
    expect(beats.scenes.map((s) => [s.sceneId, s.title])).toEqual([
      ['s-1', 'The Wick'],
      ['s-2', 'The Ship'],
    ]);
    const character = JSON.parse(fakeAgentAnswer(requestFor(byId.get('agent-character-architect-develop-character') as PromptDefinition))) as { name: string; fields: Record<string, string> };
    expect(character.name).toBe('Mara');
    expect(character.fields.Backstory).toContain('make it tense');
    const edit = readProseAnswer(fakeAgentAnswer(requestFor(byId.get('agent-editor-edit-pass') as PromptDefinition)));
    expect(edit).toEqual({ text: 'It was cold and she was tired.', notes: ['Cut 2 filler words (very, really, just, quite).', 'Kept the voice, the events and the point of view.'] });
  });

  it('leaves other requests to the scripted reply', () => {
    expect(answersAgentPrompt({ provider: 'ollama', model: 'm', messages: [{ role: 'user', content: 'Hello' }], body: {} })).toBe(false);
    expect(answersAgentPrompt({ provider: 'ollama', model: 'm', messages: [], jsonSchema: { title: 'continuity-facts' }, body: {} })).toBe(false);
  });

  it('scripts one scene per section of the outline agent’s JSON, and outlines the ideation agent’s JSON idea by its title', () => {
    const byId = new Map(agentPrompts.map((p) => [p.id, p]));
    const script = byId.get('agent-script-write-script') as PromptDefinition;
    const outline = { title: 'T', sections: ['Hook', 'Build', 'Close'].map((heading) => ({ heading, summary: `${heading} summary.`, beats: ['b'], transition: '', pacing: 'steady' })) };
    const request = requestFor(script);
    const user = request.messages[1];
    if (user) user.content = user.content.replace(SAMPLES.outline ?? '', JSON.stringify(outline));
    const answer = JSON.parse(fakeAgentAnswer(request)) as { scenes: Array<{ narration: string }> };
    expect(answer.scenes.map((s) => s.narration)).toEqual(['Hook: Hook summary. And nothing would be the same again.', 'Build: Build summary. And nothing would be the same again.', 'Close: Close summary. And nothing would be the same again.']);
    const outliner = requestFor(byId.get('agent-outline-outline-sections') as PromptDefinition);
    const idea = outliner.messages[1];
    if (idea) idea.content = idea.content.replace(SAMPLES.idea ?? '', JSON.stringify({ title: 'The keeper’s secret', angle: 'a' }));
    expect((JSON.parse(fakeAgentAnswer(outliner)) as { title: string }).title).toBe('The keeper’s secret');
  });
});
