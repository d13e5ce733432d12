import { parseDocument } from 'yaml';
import type { z } from 'zod';

/** One thing wrong with a checked file (models YAML, a prompt): the field as a dotted path, and what is wrong, in plain words. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Zod's issues as problems a writer can act on: the dotted path ("(file)" for the whole file),
 * "is missing" rather than "expected string, received undefined", and unknown fields by name.
 * `raw` is the value that was parsed, to tell a missing field from one of the wrong type.
 */
export function problemsFromZod(error: z.ZodError, raw: unknown): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(file)';
    if (issue.code === 'unrecognized_keys') {
      return { field, message: `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) return { field, message: 'is missing' };
    return { field, message: issue.message };
  });
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses YAML text to plain data, or says where and why it is not valid YAML (the parser's first
 * error as one sentence, without its repeated position and code frame).
 */
export function parseYamlData(text: string): { ok: true; value: unknown } | { ok: false; problem: FieldProblem } {
  const document = parseDocument(text);
  const first = document.errors[0];
  if (!first) return { ok: true, value: document.toJS() };
  const where = first.linePos?.[0];
  const sentence = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  return { ok: false, problem: { field: where ? `line ${where.line}, column ${where.col}` : '(file)', message: `is not valid YAML: ${sentence}` } };
}
