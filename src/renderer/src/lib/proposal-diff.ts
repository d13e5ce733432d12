import { diffWordsWithSpace } from 'diff';

/**
 * The diffs the proposals inbox shows, computed here in the renderer from a proposal's before
 * and after: the wire carries each change once (no `diff` field), and this is the one diff.
 */

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Past this many edits a word diff stops and the text shows as replaced whole: a full rewrite
 * of a long scene would otherwise keep the window busy for seconds and read no better.
 */
export const MAX_WORD_EDITS = 1_000;

/** A word-level diff of prose: words and the spaces and line breaks between them, in order. */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (changes === undefined) {
    return [
      ...(before === '' ? [] : [{ kind: 'removed' as const, text: before }]),
      ...(after === '' ? [] : [{ kind: 'added' as const, text: after }]),
    ];
  }
  return coalesce(changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value })));
}

/**
 * Joins changes separated only by a space into one removed run and one added run, so "came in"
 * → "went out" reads as one replacement rather than word, space, word.
 */
function coalesce(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed !== '') out.push({ kind: 'removed', text: removed });
    if (added !== '') out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  parts.forEach((part, i) => {
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else if ((removed !== '' || added !== '') && /^[ \t]+$/u.test(part.text) && parts[i + 1] !== undefined && parts[i + 1]?.kind !== 'same') {
      removed += part.text;
      added += part.text;
    } else {
      flush();
      out.push(part);
    }
  });
  flush();
  return out;
}

export interface FieldChange {
  /** `description`, or a profile field's name. */
  field: string;
  kind: 'same' | 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

interface CodexSide {
  description: string;
  fields: Record<string, string>;
}

/**
 * A codex entry's change field by field: the description first, then the fields in the order
 * the entry had them, then new ones. A field proposed empty is removed when applied.
 */
export function fieldDiff(before: CodexSide | null, after: CodexSide): FieldChange[] {
  const rows: FieldChange[] = [];
  const row = (field: string, was: string | null, now: string | null) => {
    const gone = now === null || now.trim() === '';
    const kind = was === null ? (gone ? null : 'added') : gone ? 'removed' : was === now ? 'same' : 'changed';
    if (kind !== null) rows.push({ field, kind, before: was, after: gone ? null : now });
  };
  row('description', before === null || before.description === '' ? null : before.description, after.description);
  const names = [...Object.keys(before?.fields ?? {}), ...Object.keys(after.fields).filter((name) => !(name in (before?.fields ?? {})))];
  for (const name of names) {
    const was = before?.fields[name] ?? null;
    // A field the agent left out is kept as it is.
    row(name, was, name in after.fields ? (after.fields[name] ?? null) : was);
  }
  return rows;
}
