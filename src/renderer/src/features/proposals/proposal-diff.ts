import { diffWords } from 'diff';
import type { Proposal, ProposalChange } from '../../../../shared/models/runs';

/** One run of a word diff: unchanged text, or words added or removed. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Past this long, a word diff could keep the window busy: the diff gives up and shows a whole replacement. */
const DIFF_TIMEOUT_MS = 1_000;

/**
 * The word-level difference between two texts (jsdiff's `diffWords`), merged into runs. When
 * the diff would take too long (two long, unrelated texts), the whole text reads as replaced.
 */
export function textDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const changes = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

/** How many words a diff adds and removes ("+120 −34"). */
export function diffStats(parts: readonly DiffPart[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/u).filter(Boolean).length;
  return parts.reduce((acc, part) => ({ added: acc.added + (part.kind === 'added' ? words(part.text) : 0), removed: acc.removed + (part.kind === 'removed' ? words(part.text) : 0) }), { added: 0, removed: 0 });
}

/** One field of a codex entry before and after. */
export interface FieldChange {
  field: string;
  kind: 'added' | 'removed' | 'changed' | 'same';
  before: string | null;
  after: string | null;
}

type EntryState = { description: string; fields: Record<string, string> };

/**
 * The field-by-field difference of a codex entry: the description first, then the profile
 * fields in the order the entry had them, then the new ones. An empty value counts as absent.
 */
export function fieldDiff(before: EntryState | null, after: EntryState): FieldChange[] {
  const beforeFields: Record<string, string> = { description: before?.description ?? '', ...(before?.fields ?? {}) };
  const afterFields: Record<string, string> = { description: after.description, ...after.fields };
  const names = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])];
  const changes: FieldChange[] = [];
  for (const field of names) {
    const was = beforeFields[field]?.trim() ? (beforeFields[field] ?? null) : null;
    const now = afterFields[field]?.trim() ? (afterFields[field] ?? null) : null;
    if (was === null && now === null) continue;
    const kind = was === null ? 'added' : now === null ? 'removed' : was === now ? 'same' : 'changed';
    changes.push({ field, kind, before: was, after: now });
  }
  return changes;
}

/** What a proposal would change, in words: "Scene “The Lighthouse”", "New codex entry “Mara”". */
export function describeTarget(change: ProposalChange): { kind: string; name: string } {
  switch (change.type) {
    case 'scene-text':
      return { kind: 'Scene', name: change.sceneTitle };
    case 'new-scene':
      return { kind: `New scene in ${change.chapterTitle}`, name: change.title };
    case 'codex':
      return { kind: change.entryId === null ? `New codex entry (${change.kind})` : `Codex entry (${change.kind})`, name: change.name };
    case 'memory':
      return { kind: `Memory (${change.kind})`, name: change.markers.join(', ') || 'No markers' };
  }
}

/** The change as it would be applied: the writer's edit when there is one. */
export const effectiveChange = (proposal: Proposal): ProposalChange => proposal.edited ?? proposal.change;

/** The first blocking policy violation's sentence, or null when the proposal may be approved. */
export function blockingReason(proposal: Proposal): string | null {
  return proposal.violations.find((v) => v.blocking)?.message ?? null;
}
