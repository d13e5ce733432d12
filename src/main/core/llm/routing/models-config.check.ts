import { modelsConfigSchema, type ModelRef, type ModelsConfig } from '../../../../shared/models/llm';
import { parseYamlData, problemsFromZod, type FieldProblem } from '../../platform/zod-issues';

/** One thing wrong with a models file: the field (dotted path) and what is wrong. */
export type ConfigProblem = FieldProblem;

export type ConfigCheck = { ok: true; config: ModelsConfig } | { ok: false; problems: ConfigProblem[] };

/** Parses YAML text into a checked models config. */
export function parseModelsYaml(text: string): ConfigCheck {
  const yaml = parseYamlData(text);
  return yaml.ok ? checkModelsConfig(yaml.value) : { ok: false, problems: [yaml.problem] };
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

/** Problems as one line: "routes.creative.0.provider: Invalid option…; …". */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
