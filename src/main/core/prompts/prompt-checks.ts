import { Ajv } from 'ajv';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { PromptDefinition } from '../../../shared/models/prompts';
import { parseTemplate, TemplateError, templateVariables, type TemplateNode } from './template';

/** One thing wrong with a prompt: the field it is in and what is wrong, in plain words. */
export interface PromptProblem {
  field: string;
  message: string;
}

export type TemplateField = 'system' | 'user';
export const TEMPLATE_FIELDS: readonly TemplateField[] = ['system', 'user'];

/** The parsed templates of a definition, or the problems that stop them parsing. */
export function parseTemplates(
  definition: Pick<PromptDefinition, TemplateField>,
): { ok: true; templates: Record<TemplateField, TemplateNode[]> } | { ok: false; problems: PromptProblem[] } {
  const problems: PromptProblem[] = [];
  const templates: Record<TemplateField, TemplateNode[]> = { system: [], user: [] };
  for (const field of TEMPLATE_FIELDS) {
    try {
      templates[field] = parseTemplate(definition[field]);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push({ field, message: error.message });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, templates };
}

/**
 * Templates against declared variables: every `{{name}}` must be declared, names are declared
 * once, and (for shipped files, `requireAllUsed`) every declared variable is used somewhere.
 * User edits may drop an optional variable, so they skip the last rule.
 */
export function checkTemplates(
  definition: Pick<PromptDefinition, TemplateField | 'variables'>,
  options: { requireAllUsed: boolean },
): PromptProblem[] {
  const parsed = parseTemplates(definition);
  if (!parsed.ok) return parsed.problems;
  const problems: PromptProblem[] = [];
  const declared = new Set<string>();
  definition.variables.forEach((variable, index) => {
    if (declared.has(variable.name)) problems.push({ field: `variables.${index}.name`, message: `declares "${variable.name}" twice` });
    declared.add(variable.name);
  });
  const used = new Set<string>();
  for (const field of TEMPLATE_FIELDS) {
    for (const name of templateVariables(parsed.templates[field])) {
      used.add(name);
      if (!declared.has(name)) problems.push({ field, message: `uses {{${name}}} which is not declared in variables` });
    }
  }
  if (options.requireAllUsed) {
    definition.variables.forEach((variable, index) => {
      if (!used.has(variable.name)) {
        problems.push({ field: `variables.${index}`, message: `declares "${variable.name}" but neither system nor user uses it` });
      }
    });
  }
  return problems;
}

/** Compiles an output JSON Schema strictly, so a typo in a keyword is caught at start, not at the first call. */
export function checkOutputSchema(schema: Record<string, unknown> | undefined): PromptProblem[] {
  if (schema === undefined) return [];
  try {
    new Ajv({ strict: true, allErrors: true }).compile(schema);
    return [];
  } catch (error) {
    return [{ field: 'outputSchema', message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

/** A zod issue as a problem: the dotted path, and "is missing" rather than "expected string, received undefined". */
export function problemsFromZod(error: z.ZodError, raw: unknown): PromptProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(file)';
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? field : '(file)';
      return { field: where, message: `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
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

/** JSON with object keys sorted at every level, so equal definitions always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** sha256 (hex) of the canonical JSON of a definition. */
export function hashDefinition(definition: PromptDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}
