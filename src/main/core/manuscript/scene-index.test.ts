import { describe, expect, it } from 'vitest';
import { LONG_QUERY_TERMS, projectToken, scopedToProject, toMatchExpression } from './scene-index.repo';

describe('search expressions', () => {
  it('keep short queries as they were: every word required, the last one also as a prefix, phrases as phrases', () => {
    expect(toMatchExpression('harb')).toBe('"harb"*');
    expect(toMatchExpression('keeper letter mother')).toBe('"keeper" "letter" "mother"*');
    expect(toMatchExpression('"lamp went"')).toBe('"lamp went"');
    expect(toMatchExpression('well-known "silver morning" tid')).toBe('"well known" "silver morning" "tid"*');
    expect(toMatchExpression('NEAR(a b) title:x * - ^')).toBe('"NEAR a" "b" "title x"*');
    expect(toMatchExpression('" * -')).toBeNull();
  });

  it('turn a long passage into the passage as a phrase, or its rarest words', () => {
    const passage = 'the keeper climbed the stairs and the quillon lamp went dark over the harbour while she waited';
    const frequency: Record<string, number> = { the: 900, keeper: 40, climbed: 30, stairs: 20, and: 950, quillon: 1, lamp: 60, went: 500, dark: 100, over: 700, harbour: 10, while: 600, she: 800, waited: 50 };
    const expression = toMatchExpression(passage, (term) => frequency[term]);
    const words = passage.split(' ').join(' ');
    expect(expression).toBe(`("${words}" OR ("quillon" "harbour" "stairs" "climbed" "keeper" "waited" "lamp" "dark"))`);
    expect(LONG_QUERY_TERMS).toBe(8);
  });

  it('prefer words the index knows, keep quoted phrases required, and drop the prefix match of long queries', () => {
    const frequency: Record<string, number> = { one: 5, two: 4, three: 3, four: 2, five: 1, six: 6, seven: 7, eight: 8, nine: 9 };
    expect(toMatchExpression('"exact words" one two three four five six seven eight nine typpo', (term) => frequency[term])).toBe(
      '"exact words" ("one two three four five six seven eight nine typpo" OR ("five" "four" "three" "two" "one" "six" "seven" "eight"))',
    );
    // Case and accents are looked up the way the index folds them.
    const seen: string[] = [];
    toMatchExpression('Éclair Über Naïve a b c d e f g', (term) => void seen.push(term));
    expect(seen).toEqual(expect.arrayContaining(['eclair', 'uber', 'naive']));
  });

  it('scope the match to one project inside the index, and the words to the title and text', () => {
    expect(projectToken('6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a11')).toBe('p6b0f6a3e3f574a8e9b8e0d7f1d7f2a11');
    expect(scopedToProject('6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a11', '"harb"*')).toBe('project : p6b0f6a3e3f574a8e9b8e0d7f1d7f2a11 AND {title body} : ("harb"*)');
  });
});
