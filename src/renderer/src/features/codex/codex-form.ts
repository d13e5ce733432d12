import type { CodexEntry, CodexKind } from '../../../../shared/models/codex';
import { Limits } from '../../../../shared/models/common';

/** Fields a new entry of each kind starts with; empty ones are not stored. */
export const DEFAULT_PROFILE_FIELDS: Record<CodexKind, readonly string[]> = {
  character: ['Role', 'Age', 'Appearance', 'Personality', 'Motivation'],
  location: ['Type', 'Region', 'Atmosphere', 'Notable features'],
  lore: ['Category', 'Origin', 'Rules'],
  object: ['Owner', 'Appearance', 'Significance'],
};

export const KIND_LABELS: Record<CodexKind, { one: string; many: string }> = {
  character: { one: 'Character', many: 'Characters' },
  location: { one: 'Location', many: 'Locations' },
  lore: { one: 'Lore', many: 'Lore' },
  object: { one: 'Object', many: 'Objects' },
};

export const KIND_ORDER: readonly CodexKind[] = ['character', 'location', 'lore', 'object'];

export interface ProfileRow {
  /** Stable React key. */
  key: string;
  field: string;
  value: string;
}

export interface CodexDraft {
  kind: CodexKind;
  name: string;
  aliases: string[];
  description: string;
  profile: ProfileRow[];
}

let rowSeq = 0;
export function newRow(field = '', value = ''): ProfileRow {
  rowSeq += 1;
  return { key: `row-${rowSeq}`, field, value };
}

/** The entry's own fields first, then the kind's defaults it does not have yet. */
export function profileRows(kind: CodexKind, profile: Record<string, string> = {}): ProfileRow[] {
  const rows = Object.entries(profile).map(([field, value]) => newRow(field, value));
  const present = new Set(rows.map((row) => row.field.toLocaleLowerCase()));
  for (const field of DEFAULT_PROFILE_FIELDS[kind]) if (!present.has(field.toLocaleLowerCase())) rows.push(newRow(field));
  return rows;
}

export function draftOf(entry: CodexEntry | null, kind: CodexKind = 'character'): CodexDraft {
  if (!entry) return { kind, name: '', aliases: [], description: '', profile: profileRows(kind) };
  return {
    kind: entry.kind,
    name: entry.name,
    aliases: [...entry.aliases],
    description: entry.description,
    profile: profileRows(entry.kind, entry.profile),
  };
}

/** A kind change swaps untouched default fields for the new kind's defaults. */
export function changeKind(draft: CodexDraft, kind: CodexKind): CodexDraft {
  const kept = draft.profile.filter((row) => row.value.trim() !== '' || !DEFAULT_PROFILE_FIELDS[draft.kind].includes(row.field));
  const present = new Set(kept.map((row) => row.field.toLocaleLowerCase()));
  const added = DEFAULT_PROFILE_FIELDS[kind].filter((field) => !present.has(field.toLocaleLowerCase())).map((field) => newRow(field));
  return { ...draft, kind, profile: [...kept, ...added] };
}

/** Splits typed text into aliases ("Annie, Ann" → two), dropping blanks and duplicates. */
export function addAliases(current: readonly string[], typed: string): string[] {
  const next = [...current];
  const seen = new Set(next.map((a) => a.toLocaleLowerCase()));
  for (const part of typed.split(',')) {
    const alias = part.trim().slice(0, Limits.title);
    if (alias && !seen.has(alias.toLocaleLowerCase())) {
      seen.add(alias.toLocaleLowerCase());
      next.push(alias);
    }
  }
  return next;
}

export interface DraftErrors {
  name?: string;
  profile?: string;
  aliases?: string;
}

export type DraftResult =
  | { ok: true; value: { kind: CodexKind; name: string; aliases: string[]; description: string; profile: Record<string, string> } }
  | { ok: false; errors: DraftErrors };

/** Checks a draft and turns it into what the core stores (empty profile rows are left out). */
export function validateDraft(draft: CodexDraft): DraftResult {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Give the entry a name.';
  else if (name.length > Limits.title) errors.name = `A name can have at most ${Limits.title} characters.`;
  if (draft.aliases.length > Limits.aliases) errors.aliases = `At most ${Limits.aliases} aliases.`;
  const profile: Record<string, string> = {};
  for (const row of draft.profile) {
    const field = row.field.trim();
    const value = row.value.trim();
    if (!value) continue;
    if (!field) {
      errors.profile = 'Every filled-in detail needs a name.';
      continue;
    }
    if (Object.hasOwn(profile, field)) errors.profile = `“${field}” is listed twice.`;
    profile[field] = value;
  }
  if (Object.keys(profile).length > Limits.profileFields) errors.profile = `At most ${Limits.profileFields} details.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { kind: draft.kind, name, aliases: draft.aliases, description: draft.description, profile } };
}

/** Whether an entry matches the filter text (name, aliases or description). */
export function matchesFilter(entry: CodexEntry, filter: string): boolean {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return true;
  return (
    entry.name.toLocaleLowerCase().includes(needle) ||
    entry.aliases.some((alias) => alias.toLocaleLowerCase().includes(needle)) ||
    entry.description.toLocaleLowerCase().includes(needle)
  );
}
