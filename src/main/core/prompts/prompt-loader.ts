import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { promptDefinitionSchema, type PromptDefinition } from '../../../shared/models/prompts';
import { parseYamlData, problemsFromZod } from '../platform/zod-issues';
import { checkOutputSchema, checkTemplates, type PromptProblem } from './prompt-checks';

/**
 * The repo's prompts/ folder, found from this file. Right for tests, tsx and the browser mode;
 * a bundled or packaged app passes its own path (process.resourcesPath/prompts).
 */
export const DEFAULT_PROMPTS_FOLDER = fileURLToPath(new URL('../../../../prompts/', import.meta.url));

const EXTENSION = '.yaml';

/**
 * Reads and validates every `*.yaml` file of a folder, one prompt per file, sorted by id.
 * Checks the schema, that the file name equals the id, that templates use only declared
 * variables and use every one of them, and that the output schema compiles. Throws one
 * INVALID_INPUT {@link AppError} listing every problem as "folder/file.yaml: field: what is wrong".
 */
export function loadPromptDefinitions(folder: string): PromptDefinition[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(EXTENSION));
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The prompts folder ${folder} could not be read.`, { cause });
  }
  if (names.length === 0) throw new AppError(ErrorCode.INTERNAL, `The prompts folder ${folder} has no ${EXTENSION} files.`);

  const definitions: PromptDefinition[] = [];
  const errors: string[] = [];
  for (const name of names.sort()) {
    const label = `${path.basename(folder)}/${name}`;
    const result = loadPromptFile(path.join(folder, name), name.slice(0, -EXTENSION.length));
    if (result.ok) definitions.push(result.definition);
    else errors.push(...result.problems.map((p) => `${label}: ${p.field}: ${p.message}`));
  }
  if (errors.length > 0) {
    throw new AppError(ErrorCode.INVALID_INPUT, `${errors.length === 1 ? 'A prompt file is' : 'Prompt files are'} not valid:\n${errors.join('\n')}`);
  }
  return definitions;
}

type FileResult = { ok: true; definition: PromptDefinition } | { ok: false; problems: PromptProblem[] };

/** One prompt file: YAML, then schema, then the cross-field rules. */
function loadPromptFile(file: string, expectedId: string): FileResult {
  const raw = readYaml(file);
  if (!raw.ok) return raw;
  const parsed = promptDefinitionSchema.safeParse(raw.value);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, raw.value) };
  const definition = parsed.data;
  const problems: PromptProblem[] = [];
  if (definition.id !== expectedId) {
    problems.push({ field: 'id', message: `is "${definition.id}" but must equal the file name "${expectedId}"` });
  }
  problems.push(...checkTemplates(definition, { requireAllUsed: true }), ...checkOutputSchema(definition.outputSchema));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

function readYaml(file: string): { ok: true; value: unknown } | { ok: false; problems: PromptProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ field: '(file)', message: `could not be read (${error instanceof Error ? error.message : String(error)})` }] };
  }
  const yaml = parseYamlData(text);
  if (!yaml.ok) return { ok: false, problems: [yaml.problem] };
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ field: '(file)', message: 'must be a YAML mapping of fields (id, version, description…)' }] };
  }
  return { ok: true, value };
}
