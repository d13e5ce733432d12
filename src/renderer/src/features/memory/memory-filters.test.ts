import { describe, expect, it } from 'vitest';
import { markerSuggestions, mergeMarkers, parseMarker, parseScope, scopeText, describeScope } from './memory-filters';

describe('marker helpers', () => {
  const known = ['character:Mara', 'character:Tomas', 'chapter:12', 'theme:grief', 'place:Marazion'];

  it('suggests markers starting with the typed text first, then those whose value starts with it, never a chosen one', () => {
    expect(markerSuggestions(known, 'char', [])).toEqual(['character:Mara', 'character:Tomas']);
    expect(markerSuggestions(known, 'mara', [])).toEqual(['character:Mara', 'place:Marazion']);
    expect(markerSuggestions(known, 'mara', ['character:Mara'])).toEqual(['place:Marazion']);
    expect(markerSuggestions(known, '', [], 2)).toEqual(['character:Mara', 'character:Tomas']);
  });

  it('merges the markers of entries into a sorted list without repeats', () => {
    expect(mergeMarkers(['theme:grief'], [{ markers: ['character:Mara', 'theme:grief'] }])).toEqual(['character:Mara', 'theme:grief']);
  });

  it('reads typed markers as type:value, lower-casing the type, and explains a wrong one', () => {
    expect(parseMarker('Character: Mara')).toEqual({ ok: true, marker: 'character:Mara' });
    expect(parseMarker('grief')).toMatchObject({ ok: false, message: expect.stringContaining('type:value') });
    expect(parseMarker('theme:')).toMatchObject({ ok: false });
  });

  it('reads the agent scope: empty or * is every agent, else names split by commas', () => {
    expect(parseScope('')).toEqual(['*']);
    expect(parseScope(' editor, critic ,editor')).toEqual(['editor', 'critic']);
    expect(parseScope('editor, *')).toEqual(['*']);
    expect(scopeText(['*'])).toBe('');
    expect(scopeText(['editor', 'critic'])).toBe('editor, critic');
    expect(describeScope(['*'])).toBe('All agents');
  });
});
