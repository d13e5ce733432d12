import { describe, expect, it } from 'vitest';
import { SNIPPET_CLOSE as C, SNIPPET_OPEN as O } from '../../../../shared/models/search';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('splits plain text and hits', () => {
    expect(snippetParts(`…the ${O}silver${C} lantern and ${O}silver${C}`)).toEqual([
      { text: '…the ', hit: false },
      { text: 'silver', hit: true },
      { text: ' lantern and ', hit: false },
      { text: 'silver', hit: true },
    ]);
  });

  it('copes with no markers, markup-like text and unbalanced markers', () => {
    expect(snippetParts('<b>plain</b>')).toEqual([{ text: '<b>plain</b>', hit: false }]);
    expect(snippetParts(`a${O}b`)).toEqual([
      { text: 'a', hit: false },
      { text: 'b', hit: true },
    ]);
    expect(snippetParts(`${C}x`)).toEqual([{ text: 'x', hit: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
