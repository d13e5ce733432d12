import { diffLines } from 'diff';
import type { z } from 'zod';
import type { diffLineSchema, PromptDefinition } from '../../../shared/models/prompts';
import { TEMPLATE_FIELDS } from './prompt-checks';

export type DiffLine = z.infer<typeof diffLineSchema>;

/**
 * A line diff of the system template, then of the user template, one row per line. A missing
 * newline at the end is not a change: YAML block scalars add one, the edit box may not.
 */
export function diffDefinitions(from: PromptDefinition, to: PromptDefinition): DiffLine[] {
  const rows: DiffLine[] = [];
  for (const field of TEMPLATE_FIELDS) {
    for (const change of diffLines(from[field], to[field], { ignoreNewlineAtEof: true })) {
      const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
      for (const text of splitLines(change.value)) rows.push({ kind, field, text });
    }
  }
  return rows;
}

function splitLines(value: string): string[] {
  const lines = value.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
