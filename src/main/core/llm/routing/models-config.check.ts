import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { modelsConfigSchema, type ModelRef, type ModelsConfig } from '../../../../shared/models/llm';

/** One thing wrong with a models file: the field (dotted path) and what is wrong. */
export interface ConfigProblem {
  field: string;
  message: string;
}

export type ConfigCheck = { ok: true; config: ModelsConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses YAML text into a checked models config. */
export function parseModelsYaml(text: string): ConfigCheck {
  const document = parseDocument(text);
  const first = document.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    // The message repeats the position and adds a code frame; keep only the sentence.
    const sentence = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
    return { ok: false, problems: [{ field: where ? `line ${where.line}, column ${where.col}` : '(file)', message: `is not valid YAML: ${sentence}` }] };
  }
  return checkModelsConfig(document.toJS());
}

/** The schema, then the rules a schema cannot say. */
export function checkModelsConfig(raw: unknown): ConfigCheck {
  const parsed = modelsConfigSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error, raw) };
  const problems = crossFieldProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: parsed.data };
}

const label = (ref: ModelRef) => `${ref.provider}/${ref.model}`;

function crossFieldProblems(config: ModelsConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const lists: Array<[string, ModelRef[]]> = [
    ...Object.entries(config.routes).map(([name, models]): [string, ModelRef[]] => [`routes.${name}`, models]),
    ...Object.entries(config.agents).map(([name, models]): [string, ModelRef[]] => [`agents.${name}`, models]),
    ...Object.entries(config.prompts).map(([name, models]): [string, ModelRef[]] => [`prompts.${name}`, models]),
  ];
  for (const [field, models] of lists) {
    const seen = new Set<string>();
    models.forEach((ref, index) => {
      if (seen.has(label(ref))) problems.push({ field: `${field}.${index}`, message: `lists ${label(ref)} twice` });
      seen.add(label(ref));
    });
  }
  config.routes.embed.forEach((ref, index) => {
    if (ref.provider === 'anthropic') problems.push({ field: `routes.embed.${index}.provider`, message: 'Anthropic has no embedding models' });
  });
  const names = new Set<string>();
  const running = new Set<string>();
  config.experiments.forEach((experiment, index) => {
    if (names.has(experiment.name)) problems.push({ field: `experiments.${index}.name`, message: `"${experiment.name}" is used twice` });
    names.add(experiment.name);
    if (experiment.taskClass === 'embed' && experiment.arm.provider === 'anthropic') {
      problems.push({ field: `experiments.${index}.arm.provider`, message: 'Anthropic has no embedding models' });
    }
    if (!experiment.enabled) return;
    if (running.has(experiment.taskClass)) {
      problems.push({ field: `experiments.${index}.enabled`, message: `another enabled experiment already covers ${experiment.taskClass}; only one may run per task class` });
    }
    running.add(experiment.taskClass);
  });
  return problems;
}

/** A zod issue as a problem: the dotted path, and "is missing" rather than "expected array, received undefined". */
function problemsFromZod(error: z.ZodError, raw: unknown): ConfigProblem[] {
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

/** Problems as one line: "routes.creative.0.provider: Invalid option…; …". */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
