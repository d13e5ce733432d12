import { describe, expect, it } from 'vitest';
import { answersFactExtraction, fakeFactExtraction } from './fake-facts';
import type { FakeChatRequest } from './fake-llm-server.types';

const request = (entities: string, scene: string): FakeChatRequest => ({
  provider: 'ollama',
  model: 'llama3.2',
  messages: [
    { role: 'system', content: `Rules.\n<entities>\n${entities}\n</entities>` },
    { role: 'user', content: `List them:\n\n<scene>\n${scene}\n</scene>` },
  ],
  jsonSchema: { title: 'continuity-facts', type: 'object' },
  body: {},
});

describe('the fake fact extractor', () => {
  it('answers only the continuity-facts schema', () => {
    expect(answersFactExtraction(request('', ''))).toBe(true);
    expect(answersFactExtraction({ ...request('', ''), jsonSchema: { type: 'object' } })).toBe(false);
    expect(answersFactExtraction({ ...request('', ''), jsonSchema: undefined })).toBe(false);
  });

  it('finds eye and hair colours and relationships of the listed entities, by name or alias', () => {
    const scene = 'The storm broke. Mara’s eyes were green in the lamplight. The Keeper\'s hair was black.\n\nTomas watched Mara, his sister, climb the stairs. Nobody\'s eyes were blue.';
    const answer = JSON.parse(fakeFactExtraction(request('Mara (character; also called The Keeper)\nTomas (character)', scene))) as { facts: unknown[] };
    expect(answer.facts).toEqual([
      { entity: 'Mara', attribute: 'eye colour', value: 'green', quote: 'Mara’s eyes were green in the lamplight' },
      { entity: 'Mara', attribute: 'hair colour', value: 'black', quote: "The Keeper's hair was black" },
      { entity: 'Tomas', attribute: 'sister', value: 'Mara', quote: 'Tomas watched Mara, his sister, climb the stairs' },
    ]);
  });

  it('answers no facts when the scene states none', () => {
    expect(JSON.parse(fakeFactExtraction(request('Mara (character)', 'Rain.')))).toEqual({ facts: [] });
  });
});
