import { modelsConfigSchema, type Experiment, type LlmStatus, type ModelRef, type ModelsConfig, type ProviderId, type TaskClass } from '../../../../shared/models/llm';

/** Moves the item at `index` by `delta` places (clamped); the same list when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta));
  if (index < 0 || index >= list.length || target === index) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** Renames a key of a record, keeping its place in the order (overrides are shown in order). */
export function renameKey<V>(record: Readonly<Record<string, V>>, from: string, to: string): Record<string, V> {
  if (from === to) return { ...record };
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

export function withoutKey<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Providers that can serve a task class: Anthropic has no embeddings API. */
export function providersFor(taskClass: TaskClass | null): ProviderId[] {
  return taskClass === 'embed' ? ['ollama', 'openai'] : ['ollama', 'openai', 'anthropic'];
}

/** A sensible new route entry: the first model the provider has, else the recommended Ollama model. */
export function suggestModel(status: LlmStatus | null, provider: ProviderId = 'ollama'): ModelRef {
  const models = status?.providers.find((p) => p.provider === provider)?.models ?? [];
  const first = models[0]?.name;
  if (first) return { provider, model: first };
  return { provider, model: provider === 'ollama' ? (status?.recommendedOllamaModel ?? 'llama3.2') : '' };
}

/** Model names to suggest for a provider, from what llm.status found. */
export function modelSuggestions(status: LlmStatus | null, provider: ProviderId): string[] {
  return (status?.providers.find((p) => p.provider === provider)?.models ?? []).map((m) => m.name);
}

export function newExperiment(config: ModelsConfig, status: LlmStatus | null): Experiment {
  let n = config.experiments.length + 1;
  while (config.experiments.some((e) => e.name === `experiment-${n}`)) n += 1;
  return { name: `experiment-${n}`, enabled: false, taskClass: 'creative', share: 0.5, arm: suggestModel(status) };
}

export interface ConfigIssue {
  /** The path joined with dots, to find the field it belongs to ("routes.creative.1.model"). */
  key: string;
  /** Where, in words ("Creative route, model 2"). */
  where: string;
  message: string;
}

const TASK_NAMES: Record<string, string> = { creative: 'Creative', structured: 'Structured', rewrite: 'Rewrite', classify: 'Classify', embed: 'Embed' };
const FIELD_NAMES: Record<string, string> = { model: 'model name', provider: 'provider', name: 'name', share: 'share', taskClass: 'task class', arm: 'arm' };

/** A zod issue path as words a writer understands. */
export function describePath(path: readonly PropertyKey[]): string {
  const [section, key, index, field] = path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  const entry = typeof index === 'number' ? `, model ${index + 1}` : '';
  const what = typeof field === 'string' ? `, ${FIELD_NAMES[field] ?? field}` : '';
  switch (section) {
    case 'routes':
      return `${TASK_NAMES[String(key)] ?? String(key)} route${entry}${what}`;
    case 'prompts':
      return `Prompt override “${String(key)}”${entry}${what}`;
    case 'agents':
      return `Agent override “${String(key)}”${entry}${what}`;
    case 'experiments': {
      const sub = path.slice(2).filter((p): p is string => typeof p === 'string');
      const field = sub.length > 0 ? `, ${sub.map((s) => FIELD_NAMES[s] ?? s).join(' ')}` : '';
      return `Experiment ${typeof key === 'number' ? key + 1 : String(key)}${field}`;
    }
    case 'ollama':
      return key === 'tags' ? 'Ollama tag' : 'Ollama address';
    case 'recommendedOllamaModel':
      return 'Recommended model';
    default:
      return 'Models file';
  }
}

/** Checks a draft against the same schema the core uses, so mistakes show before saving. */
export function configIssues(config: ModelsConfig): ConfigIssue[] {
  const parsed = modelsConfigSchema.safeParse(config);
  if (parsed.success) return duplicateExperimentIssues(config);
  return parsed.error.issues.map((issue) => ({
    key: issue.path.map(String).join('.'),
    where: describePath(issue.path),
    message: issue.message.startsWith('Too small') && issue.path.at(-1) === 'model' ? 'Enter a model name.' : issue.message,
  }));
}

function duplicateExperimentIssues(config: ModelsConfig): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  config.experiments.forEach((experiment, index) => {
    if (seen.has(experiment.name)) issues.push({ key: `experiments.${index}.name`, where: `Experiment ${index + 1}, name`, message: 'Another experiment has this name.' });
    seen.add(experiment.name);
  });
  return issues;
}

/** The first issue at or under a path, for the field that shows it. */
export function issueAt(issues: readonly ConfigIssue[], key: string): string | null {
  return issues.find((issue) => issue.key === key || issue.key.startsWith(`${key}.`))?.message ?? null;
}

/** True when two configs say the same thing (the draft has not changed). */
export function sameConfig(a: ModelsConfig | null, b: ModelsConfig | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
