import { describe, expect, it } from 'vitest';
import { findQuoteRange, issueSignature, normaliseAttribute, normaliseValue, sameValue } from './continuity-normalise';

describe('continuity normalisation', () => {
  it('folds attribute spellings and synonyms to one name', () => {
    expect(normaliseAttribute('Eye color')).toBe('eye colour');
    expect(normaliseAttribute('eyes')).toBe('eye colour');
    expect(normaliseAttribute('  Colour of her eyes. ')).toBe('eye colour');
    expect(normaliseAttribute('Hair')).toBe('hair colour');
    expect(normaliseAttribute('Occupation')).toBe('occupation');
  });

  it('compares values ignoring case, punctuation, articles and grey/gray', () => {
    expect(normaliseValue('The Grey.')).toBe('grey');
    expect(sameValue('grey', 'Gray')).toBe(true);
    expect(sameValue('a sea-green', 'sea green')).toBe(true);
    expect(sameValue('grey', 'green')).toBe(false);
  });

  it('finds a quote in the text, tolerating different whitespace and curly quotes', () => {
    const text = 'The door opened.\n\nMara’s eyes were green in  the lamplight.';
    expect(findQuoteRange(text, "Mara's eyes were green in the lamplight")).toEqual({ from: 18, to: 58 });
    expect(findQuoteRange(text, 'not there')).toBeNull();
  });

  it('gives one signature for a pair of values, whatever their order', () => {
    expect(issueSignature('e1', 'eye colour', 'grey', 'Green')).toBe(issueSignature('e1', 'eye colour', 'green', 'gray'));
  });
});
