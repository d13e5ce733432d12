import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../shared/models/memory';
import { silentLogger } from '../platform/logger';
import { createRetrievedContext, excerptOf, usesVariable, type PassageRetriever, type PinnedMemory } from './retrieved-context';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const passage = (n: number, text: string, type: Passage['source']['type'] = 'scene'): Passage => ({
  chunkId: `c${n}`,
  source: { type, id: id(n), label: type === 'memory' ? 'Memory' : `Chapter 1 · Scene ${n}`, chapterId: null, range: null },
  text,
  score: 1 / n,
  matchedBy: ['text'],
});

function setup(passages: Passage[], pinned: PinnedMemory[] = []) {
  const queries: string[] = [];
  const retriever: PassageRetriever = {
    retrieve: (query) => {
      queries.push(query.query);
      return Promise.resolve({ passages, meaning: 'ready', notice: null });
    },
  };
  const context = createRetrievedContext({ retriever, memories: { pinned: () => pinned }, logger: silentLogger() });
  return { context, queries };
}

describe('retrieved context', () => {
  it('gives pinned memories first, then passages best first, skipping a pinned memory found again', async () => {
    const pinned = [{ id: id(9), content: 'Mara never swears.' }];
    const { context } = setup([passage(9, 'Mara never swears.', 'memory'), passage(1, 'The harbour at dawn.'), passage(2, 'The market.')], pinned);
    const gathered = await context.gather({ projectId: PROJECT, query: 'harbour', budget: 1_000 });
    expect(gathered.memory).toBe('- Mara never swears.');
    expect(gathered.passages).toBe('[Chapter 1 · Scene 1]\nThe harbour at dawn.\n\n[Chapter 1 · Scene 2]\nThe market.');
    expect(gathered.sources.map((s) => [s.type, s.pinned])).toEqual([
      ['memory', true],
      ['scene', false],
      ['scene', false],
    ]);
  });

  it('stays within the budget, letting a shorter lower-ranked passage take the room a long one could not', async () => {
    const long = 'word '.repeat(400);
    const { context } = setup([passage(1, long), passage(2, 'A short one.')]);
    const gathered = await context.gather({ projectId: PROJECT, query: 'q', budget: 100 });
    expect(gathered.sources.map((s) => s.id)).toEqual([id(2)]);
    expect(await setup([passage(1, long)]).context.gather({ projectId: PROJECT, query: 'q', budget: 0 })).toEqual({ memory: '', passages: '', sources: [] });
  });

  it('keeps pinned memories to half the budget, so passages keep room', async () => {
    const pinned = [1, 2, 3, 4].map((n) => ({ id: id(n), content: `Fact ${n}: ${'detail '.repeat(30)}` }));
    const { context } = setup([passage(7, 'The harbour.')], pinned);
    const gathered = await context.gather({ projectId: PROJECT, query: 'q', budget: 150 });
    expect(gathered.sources.filter((s) => s.pinned)).toHaveLength(1);
    expect(gathered.sources.at(-1)?.id).toBe(id(7));
  });

  it('does not give again what the prompt already shows, and sends no blank query', async () => {
    const { context, queries } = setup([passage(1, 'She struck a match for the lamp.'), passage(2, 'Old Pell trimmed the wick.')]);
    const gathered = await context.gather({ projectId: PROJECT, query: 'lamp', budget: 1_000, alreadyShown: 'Mara climbed.  She struck a match\nfor the lamp.' });
    expect(gathered.sources.map((s) => s.id)).toEqual([id(2)]);
    expect((await context.gather({ projectId: PROJECT, query: '   ', budget: 1_000 })).sources).toEqual([]);
    expect(queries).toEqual(['lamp']);
  });

  it('answers with nothing retrieved when retrieval fails', async () => {
    const retriever: PassageRetriever = { retrieve: () => Promise.reject(new Error('index missing')) };
    const context = createRetrievedContext({ retriever, memories: { pinned: () => [{ id: id(1), content: 'Kept.' }] }, logger: silentLogger() });
    const gathered = await context.gather({ projectId: PROJECT, query: 'q', budget: 1_000 });
    expect(gathered).toMatchObject({ memory: '- Kept.', passages: '' });
  });

  it('cuts excerpts at a word and finds variables in templates', () => {
    expect(excerptOf(`${'a'.repeat(10)} ${'b '.repeat(200)}`)).toMatch(/^a{10} (b )+b…$/);
    expect(excerptOf('  short\n text ')).toBe('short text');
    expect(usesVariable({ system: 'x {{#if passages}}{{passages}}{{/if}}', user: '' }, 'passages')).toBe(true);
    expect(usesVariable({ system: '{{ memory }}', user: '' }, 'passages')).toBe(false);
  });
});
