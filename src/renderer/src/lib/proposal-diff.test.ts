import { describe, expect, it } from 'vitest';
import { fieldDiff, MAX_WORD_EDITS, wordDiff } from './proposal-diff';

describe('wordDiff', () => {
  it('marks added and removed words, keeping spaces and paragraphs', () => {
    expect(wordDiff('The ship came in.\n\nGulls.', 'The grey ship came in.\n\nGulls.')).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'added', text: 'grey ' },
      { kind: 'same', text: 'ship came in.\n\nGulls.' },
    ]);
    expect(wordDiff('came in', 'went out')).toEqual([
      { kind: 'removed', text: 'came in' },
      { kind: 'added', text: 'went out' },
    ]);
  });

  it('reads back as both texts', () => {
    const before = 'Mara waited on the pier until the lamps went out.';
    const after = 'Mara waited at the pier, and the lamps went out one by one.';
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(after);
  });

  it('handles equal, empty and wholly rewritten long texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('Same.', 'Same.')).toEqual([{ kind: 'same', text: 'Same.' }]);
    expect(wordDiff('', 'New scene.')).toEqual([{ kind: 'added', text: 'New scene.' }]);
    const words = (prefix: string) => Array.from({ length: MAX_WORD_EDITS }, (_, i) => `${prefix}${i}`).join(' ');
    expect(wordDiff(words('a'), words('b'))).toEqual([
      { kind: 'removed', text: words('a') },
      { kind: 'added', text: words('b') },
    ]);
  });
});

describe('fieldDiff', () => {
  it('lists the description and each field as added, removed, changed or same', () => {
    expect(fieldDiff({ description: 'A smuggler.', fields: { Age: '34', Secret: 'x', Eyes: 'grey' } }, { description: 'A smuggler and a liar.', fields: { Age: '34', Secret: '', Home: 'Port Vell' } })).toEqual([
      { field: 'description', kind: 'changed', before: 'A smuggler.', after: 'A smuggler and a liar.' },
      { field: 'Age', kind: 'same', before: '34', after: '34' },
      { field: 'Secret', kind: 'removed', before: 'x', after: null },
      { field: 'Eyes', kind: 'same', before: 'grey', after: 'grey' },
      { field: 'Home', kind: 'added', before: null, after: 'Port Vell' },
    ]);
  });

  it('shows a new entry as all added', () => {
    expect(fieldDiff(null, { description: 'A lighthouse.', fields: { Height: '40 m', Empty: '' } })).toEqual([
      { field: 'description', kind: 'added', before: null, after: 'A lighthouse.' },
      { field: 'Height', kind: 'added', before: null, after: '40 m' },
    ]);
  });
});
