import { describe, expect, it } from 'vitest';
import type { CodexEntry } from '../../../../shared/models/codex';
import { addAliases, changeKind, draftOf, matchesFilter, newRow, validateDraft } from './codex-form';

const entry: CodexEntry = {
  id: '6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a11',
  projectId: '6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a12',
  kind: 'character',
  name: 'Anna',
  aliases: ['Annie'],
  description: 'A spy from the north.',
  profile: { Role: 'Protagonist', Eyes: 'grey' },
  createdAt: 1,
  updatedAt: 1,
};

describe('codex form', () => {
  it('starts a new entry with the kind’s default fields', () => {
    expect(draftOf(null, 'character').profile.map((r) => r.field)).toEqual(['Role', 'Age', 'Appearance', 'Personality', 'Motivation']);
    expect(draftOf(null, 'location').profile.map((r) => r.field)).toContain('Region');
  });

  it('shows an entry’s own fields first, then missing defaults', () => {
    const fields = draftOf(entry).profile.map((r) => r.field);
    expect(fields.slice(0, 2)).toEqual(['Role', 'Eyes']);
    expect(fields).toContain('Motivation');
    expect(fields.filter((f) => f === 'Role')).toHaveLength(1);
  });

  it('swaps untouched defaults when the kind changes', () => {
    const draft = draftOf(null, 'character');
    draft.profile[0] = { ...draft.profile[0]!, value: 'Villain' };
    const fields = changeKind(draft, 'location').profile.map((r) => r.field);
    expect(fields).toContain('Role');
    expect(fields).not.toContain('Age');
    expect(fields).toContain('Region');
  });

  it('splits aliases on commas without blanks or duplicates', () => {
    expect(addAliases(['Annie'], 'Ann, annie , ,The Fox')).toEqual(['Annie', 'Ann', 'The Fox']);
  });

  it('validates and drops empty details', () => {
    const draft = draftOf(entry);
    const result = validateDraft(draft);
    expect(result).toEqual({
      ok: true,
      value: { kind: 'character', name: 'Anna', aliases: ['Annie'], description: 'A spy from the north.', profile: { Role: 'Protagonist', Eyes: 'grey' } },
    });
    expect(validateDraft({ ...draft, name: '  ' })).toMatchObject({ ok: false, errors: { name: 'Give the entry a name.' } });
    expect(validateDraft({ ...draft, profile: [newRow('', 'orphan')] })).toMatchObject({ ok: false });
    expect(validateDraft({ ...draft, profile: [newRow('Age', '3'), newRow('Age ', '4')] })).toMatchObject({ ok: false });
  });

  it('filters on name, alias and description', () => {
    expect(matchesFilter(entry, 'ANN')).toBe(true);
    expect(matchesFilter(entry, 'north')).toBe(true);
    expect(matchesFilter(entry, 'south')).toBe(false);
    expect(matchesFilter(entry, '  ')).toBe(true);
  });
});
