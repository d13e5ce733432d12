import type { CodexEntry } from '../../../../shared/models/codex';

/** The part of a codex entry the mention highlighter needs. */
export type MentionEntry = Pick<CodexEntry, 'id' | 'kind' | 'name' | 'aliases' | 'description'>;

/**
 * One regular expression for every name and alias of a project's codex, so finding mentions
 * in a paragraph is one pass however many entries there are.
 */
export interface MentionMatcher {
  regex: RegExp;
  /** Lower-cased name or alias → its entry. */
  byTerm: Map<string, MentionEntry>;
}

export interface MentionMatch {
  from: number;
  to: number;
  entry: MentionEntry;
}

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the matcher, or null when there is nothing to look for. */
export function buildMentionMatcher(entries: readonly MentionEntry[]): MentionMatcher | null {
  const byTerm = new Map<string, MentionEntry>();
  for (const entry of entries) {
    for (const term of [entry.name, ...entry.aliases]) {
      const key = term.trim().toLocaleLowerCase();
      // The first entry to claim a term keeps it: entries come sorted by name.
      if (key.length > 0 && !byTerm.has(key)) byTerm.set(key, entry);
    }
  }
  if (byTerm.size === 0) return null;
  // Longest first, so "Anna Karenina" wins over "Anna" at the same position.
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length).map(escape);
  // Whole words in any script: no letter, digit or underscore may touch the match.
  const regex = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return { regex, byTerm };
}

/** Finds every mention in `text` (offsets are UTF-16 indices into `text`). */
export function findMentions(text: string, matcher: MentionMatcher): MentionMatch[] {
  const matches: MentionMatch[] = [];
  matcher.regex.lastIndex = 0;
  for (const match of text.matchAll(matcher.regex)) {
    const entry = matcher.byTerm.get(match[0].toLocaleLowerCase());
    if (entry) matches.push({ from: match.index, to: match.index + match[0].length, entry });
  }
  return matches;
}

const KIND_LABEL: Record<MentionEntry['kind'], string> = {
  character: 'Character',
  location: 'Location',
  lore: 'Lore',
  object: 'Object',
};

/** The tooltip of a mention: "Character: Name — description…". */
export function mentionTitle(entry: MentionEntry, maxDescription = 140): string {
  const head = `${KIND_LABEL[entry.kind]}: ${entry.name}`;
  const description = entry.description.replace(/\s+/g, ' ').trim();
  if (!description) return head;
  const short = description.length > maxDescription ? `${description.slice(0, maxDescription).trimEnd()}…` : description;
  return `${head} — ${short}`;
}
