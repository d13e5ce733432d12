import { describe, expect, it } from 'vitest';
import { buildMentionMatcher, findMentions, mentionTitle, type MentionEntry } from './mention-matcher';

const entry = (id: string, name: string, aliases: string[] = [], description = ''): MentionEntry => ({
  id,
  kind: 'character',
  name,
  aliases,
  description,
});

describe('mention matcher', () => {
  it('finds names and aliases case-insensitively, whole words only', () => {
    const matcher = buildMentionMatcher([entry('1', 'Anna', ['Annie']), entry('2', 'Ravenholm')]);
    expect(matcher).not.toBeNull();
    if (!matcher) return;
    const text = 'ANNA met annie in Ravenholm. Annabel and Ravenholms did not count.';
    const found = findMentions(text, matcher).map((m) => [text.slice(m.from, m.to), m.entry.id]);
    expect(found).toEqual([
      ['ANNA', '1'],
      ['annie', '1'],
      ['Ravenholm', '2'],
    ]);
  });

  it('prefers the longest term and escapes regex characters', () => {
    const matcher = buildMentionMatcher([entry('1', 'Anna'), entry('2', 'Anna Karenina'), entry('3', 'C++ (lang)')]);
    if (!matcher) throw new Error('expected a matcher');
    const text = 'Anna Karenina wrote C++ (lang). Anna left.';
    expect(findMentions(text, matcher).map((m) => m.entry.id)).toEqual(['2', '3', '1']);
  });

  it('handles non-Latin scripts and returns null for an empty codex', () => {
    const matcher = buildMentionMatcher([entry('1', 'Ёжик')]);
    if (!matcher) throw new Error('expected a matcher');
    expect(findMentions('Жил-был ёжик. Ёжики — нет.', matcher)).toHaveLength(1);
    expect(buildMentionMatcher([])).toBeNull();
    expect(buildMentionMatcher([entry('1', '  ')])).toBeNull();
  });

  // Speed with many entries is measured in the benchmark, not asserted here: this checks that a
  // large codex still finds exactly the names (and not, say, "Name4" inside "Name42").
  it('finds the right names among many entries', () => {
    const entries = Array.from({ length: 100 }, (_, i) => entry(String(i), `Name${i}`, [`Alias${i}`]));
    const matcher = buildMentionMatcher(entries);
    if (!matcher) throw new Error('expected a matcher');
    const paragraph = 'Name42 walked with Alias7 through the long valley of words. '.repeat(50);
    const found = findMentions(paragraph, matcher);
    expect(found).toHaveLength(100);
    expect(new Set(found.map((m) => paragraph.slice(m.from, m.to)))).toEqual(new Set(['Name42', 'Alias7']));
  });

  it('writes a short tooltip', () => {
    expect(mentionTitle(entry('1', 'Anna'))).toBe('Character: Anna');
    expect(mentionTitle(entry('1', 'Anna', [], 'A   tall\nwoman'))).toBe('Character: Anna — A tall woman');
    expect(mentionTitle(entry('1', 'Anna', [], 'x'.repeat(200)), 10)).toBe(`Character: Anna — ${'x'.repeat(10)}…`);
  });
});
