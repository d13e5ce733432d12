import type { z } from 'zod';
import type { diffLineSchema } from '../../../../shared/models/prompts';

export type DiffLine = z.infer<typeof diffLineSchema>;
export type DiffField = DiffLine['field'];

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string; /** Line number in the old version (absent for added). */ oldNo?: number; /** In the new version (absent for removed). */ newNo?: number }
  | { kind: 'gap'; count: number };

export interface DiffSection {
  field: DiffField;
  rows: DiffRow[];
  added: number;
  removed: number;
}

/**
 * Groups a line diff by template (system, user), numbers the lines on both sides, and folds long
 * unchanged stretches into a "n unchanged lines" gap, keeping `context` lines around each change.
 */
export function buildDiffSections(lines: readonly DiffLine[], context = 2): DiffSection[] {
  const fields: DiffField[] = ['system', 'user'];
  return fields
    .map((field) => section(field, lines.filter((line) => line.field === field), context))
    .filter((s) => s.rows.length > 0);
}

function section(field: DiffField, lines: readonly DiffLine[], context: number): DiffSection {
  let oldNo = 0;
  let newNo = 0;
  const numbered = lines.map((line) => {
    if (line.kind === 'same') return { kind: line.kind, text: line.text, oldNo: ++oldNo, newNo: ++newNo };
    if (line.kind === 'removed') return { kind: line.kind, text: line.text, oldNo: ++oldNo };
    return { kind: line.kind, text: line.text, newNo: ++newNo };
  });
  const changed = numbered.map((line, i) => (line.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  const keep = (i: number) => changed.some((c) => Math.abs(c - i) <= context);
  const rows: DiffRow[] = [];
  let gap = 0;
  numbered.forEach((line, i) => {
    if (line.kind !== 'same' || keep(i)) {
      if (gap > 0) rows.push({ kind: 'gap', count: gap });
      gap = 0;
      rows.push(line);
    } else {
      gap += 1;
    }
  });
  if (gap > 0) rows.push({ kind: 'gap', count: gap });
  return {
    field,
    rows,
    added: lines.filter((l) => l.kind === 'added').length,
    removed: lines.filter((l) => l.kind === 'removed').length,
  };
}

/** "+3 −1", or "No changes" when the versions say the same. */
export function diffStats(sections: readonly DiffSection[]): string {
  const added = sections.reduce((sum, s) => sum + s.added, 0);
  const removed = sections.reduce((sum, s) => sum + s.removed, 0);
  if (added === 0 && removed === 0) return 'No changes';
  return `+${added} −${removed}`;
}
