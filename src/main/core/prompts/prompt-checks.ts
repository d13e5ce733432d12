import { Ajv } from 'ajv';
import { createHash } from 'node:crypto';
import type { PromptDefinition } from '../../../shared/models/prompts';
import type { FieldProblem } from '../platform/zod-issues';
import { parseTemplate, TemplateError, templateVariables, type TemplateNode } from './template';

/** One thing wrong with a prompt: the field it is in and what is wrong, in plain words. */
export type PromptProblem = FieldProblem;

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

/**
 * The id of a shipped version: a UUID-shaped digest of the prompt id and the definition's hash,
 * the same on every device that imports the file, so their imports are one record when synced.
 */
export function builtinVersionId(promptId: string, hash: string): string {
  const hex = createHash('sha256').update(`prompt-version\0${promptId}\0${hash}`).digest('hex');
  // Version 8 (custom) and the RFC 4122 variant, so it passes for a UUID wherever one is expected.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
