import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { agentDefinitionSchema, type AgentDefinition } from '../../../shared/models/agents';
import { parseYamlData, problemsFromZod, type FieldProblem } from '../platform/zod-issues';

/**
 * The repo's resources/agents/ folder, found from this file. Right for tests, tsx and the browser
 * mode; a packaged app passes its own path (process.resourcesPath/resources/agents).
 */
export const DEFAULT_AGENTS_FOLDER = fileURLToPath(new URL('../../../../resources/agents/', import.meta.url));

const EXTENSION = '.yaml';

/**
 * Reads and validates every `*.yaml` file of a folder, one agent per file (named after its id),
 * sorted by id. Throws one INVALID_INPUT {@link AppError} listing every problem as
 * "agents/file.yaml: field: what is wrong" — broken shipped agents are a packaging bug.
 */
export function loadAgentDefinitions(folder: string): AgentDefinition[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(EXTENSION));
  } catch (cause) {
    throw new AppError(ErrorCode.INTERNAL, `The agents folder ${folder} could not be read.`, { cause });
  }
  const definitions: AgentDefinition[] = [];
  const errors: string[] = [];
  for (const name of names.sort()) {
    const label = `${path.basename(folder)}/${name}`;
    const result = parseAgentYaml(readFileSync(path.join(folder, name), 'utf8'), name.slice(0, -EXTENSION.length));
    if (result.ok) definitions.push(result.definition);
    else errors.push(...result.problems.map((p) => `${label}: ${p.field}: ${p.message}`));
  }
  if (errors.length > 0) {
    throw new AppError(ErrorCode.INVALID_INPUT, `${errors.length === 1 ? 'An agent file is' : 'Agent files are'} not valid:\n${errors.join('\n')}`);
  }
  return definitions;
}

/** One agent's YAML: syntax, then the definition schema, then that the id is the file's name. */
export function parseAgentYaml(text: string, expectedId?: string): { ok: true; definition: AgentDefinition } | { ok: false; problems: FieldProblem[] } {
  const yaml = parseYamlData(text);
  if (!yaml.ok) return { ok: false, problems: [yaml.problem] };
  const raw = yaml.value;
  const parsed = agentDefinitionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, raw) };
  if (expectedId !== undefined && parsed.data.id !== expectedId) {
    return { ok: false, problems: [{ field: 'id', message: `is "${parsed.data.id}" but must equal the file name "${expectedId}"` }] };
  }
  return { ok: true, definition: parsed.data };
}
