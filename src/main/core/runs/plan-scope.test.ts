import { describe, expect, it } from 'vitest';
import { createRunScope, holds, resolveRef, withLocals } from './plan-scope';
import { buildProposal } from './propose-spec';
import type { RunBook } from './run.types';

const book: RunBook = {
  project: () => ({ title: 'The Salt Road', genre: 'fantasy', tone: 'bleak', description: 'Salt and roads.' }),
  chapter: (_projectId, chapterId) =>
    chapterId === 'c1'
      ? {
          id: 'c1',
          title: 'Chapter 4',
          synopsis: 'The storm.',
          scenes: [
            { id: 's1', chapterId: 'c1', title: 'Harbour', synopsis: 'Mara waits', text: 'Mara waits.', revision: 3 },
            { id: 's2', chapterId: 'c1', title: 'Storm', synopsis: '', text: 'Rain.', revision: 1 },
          ],
        }
      : undefined,
  scene: (id) => (id === 's1' ? { id: 's1', chapterId: 'c1', title: 'Harbour', synopsis: 'Mara waits', text: 'Mara waits.', revision: 3 } : undefined),
  entries: () => [{ id: 'e1', name: 'Mara', kind: 'character', description: 'A sailor.', profile: { eyes: 'grey' } }],
};

const scope = createRunScope(
  { projectId: 'p1', request: 'Draft chapter 4', target: { chapterId: 'c1', sceneId: 's1', entryId: 'e1' }, book },
  { beats: { beats: [{ title: 'Arrival' }, { title: 'Storm' }] }, ask: 'Sad' },
);

describe('value references', () => {
  it('read the request, answers, the book, earlier outputs and fan-out locals; anything else is a literal', () => {
    expect(resolveRef('$request', scope)).toBe('Draft chapter 4');
    expect(resolveRef('$answer.ask', scope)).toBe('Sad');
    expect(resolveRef('$project.genre', scope)).toBe('fantasy');
    expect(resolveRef('$chapter.outline', scope)).toBe('[s1] Harbour — Mara waits\n[s2] Storm');
    expect(resolveRef('$chapter.text', scope)).toBe('Mara waits.\n\nRain.');
    expect(resolveRef('$scene.text', scope)).toBe('Mara waits.');
    expect(resolveRef('$entry.profile.eyes', scope)).toBe('grey');
    expect(resolveRef('$steps.beats.output.beats.1.title', scope)).toBe('Storm');
    expect(resolveRef('$steps.beats.output.missing.deeper', scope)).toBeUndefined();
    const branch = withLocals(scope, { item: { title: 'Arrival' }, index: 0 });
    expect([resolveRef('$item.title', branch), resolveRef('$index', branch)]).toEqual(['Arrival', 0]);
    // `$index` in a path: the same position of another list.
    expect(resolveRef('$steps.beats.output.beats.$index.title', withLocals(scope, { index: 1 }))).toBe('Storm');
    expect(resolveRef('$steps.beats.output.beats.$index.title', scope)).toBeUndefined();
    expect(resolveRef('plain words', scope)).toBe('plain words');
    expect(resolveRef('$nowhere', scope)).toBeUndefined();
  });

  it('test guards: equals, notEquals, exists, notEmpty, greaterThan', () => {
    expect(holds({ ref: '$answer.ask', equals: 'Sad' }, scope)).toBe(true);
    expect(holds({ ref: '$answer.ask', notEquals: 'Sad' }, scope)).toBe(false);
    expect(holds({ ref: '$steps.beats.output.none', exists: true }, scope)).toBe(false);
    expect(holds({ ref: '$steps.beats.output.beats', notEmpty: true }, scope)).toBe(true);
    expect(holds({ ref: '$steps.beats.output.beats.length', greaterThan: 1 }, scope)).toBe(true);
    expect(holds(undefined, scope)).toBe(true);
  });
});

describe('propose specs', () => {
  it('build scene-text changes from the scene as it is (text and revision) and codex changes against the existing entry', () => {
    const output = { text: 'Mara leaves.', name: 'mara', fields: { eyes: 'green', age: 30 } };
    const context = { projectId: 'p1', target: { sceneId: 's1', chapterId: 'c1' }, book, scope: withLocals(scope, { output }), position: 0 };
    expect(buildProposal({ target: 'scene-text', text: '$output.text' }, context)).toEqual({
      key: 'scene:s1',
      change: { type: 'scene-text', sceneId: 's1', sceneTitle: 'Harbour', baseRevision: 3, before: 'Mara waits.', after: 'Mara leaves.' },
    });
    expect(buildProposal({ target: 'codex', title: '$output.name', fields: '$output.fields' }, context)).toEqual({
      key: 'codex:mara',
      change: {
        type: 'codex',
        entryId: 'e1',
        kind: 'character',
        name: 'mara',
        before: { description: 'A sailor.', fields: { eyes: 'grey' } },
        after: { description: 'A sailor.', fields: { eyes: 'green', age: '30' } },
      },
    });
    expect(buildProposal({ target: 'new-scene', title: 'Aftermath', text: '$output.text' }, { ...context, position: 2 })).toMatchObject({ key: 'new-scene:2', change: { chapterId: 'c1', chapterTitle: 'Chapter 4', title: 'Aftermath' } });
    expect(buildProposal({ target: 'scene-text', text: '$output.missing' }, context)).toBeNull();
  });
});
