import { WRITING_TASK_CLASSES, type LastCallFailure, type LlmStatus, type ModelRef, type ProviderStatus, type TaskClass } from '../../../../shared/models/llm';
import { chooseOllamaModel, splitOllamaName } from '../../../../shared/models/ollama-names';
import { AI_SETTINGS } from '../../../../shared/text/settings-names';

const ALL_TASKS = ['creative', 'structured', 'rewrite', 'classify', 'embed'] as const;

export type AiTone = 'ready' | 'partial' | 'problem' | 'unknown';

export interface AiStatusSummary {
  tone: AiTone;
  /** Short, for the indicator: "AI ready", "AI: Ollama not running", "AI: no models". */
  label: string;
  /** One sentence on what to do, for the popover. */
  detail: string;
}

export function providerOf(status: LlmStatus, id: ProviderStatus['provider']): ProviderStatus | undefined {
  return status.providers.find((p) => p.provider === id);
}

/** Why the last model call failed, in a few words for the indicator. */
function failureLabel(failure: LastCallFailure): string {
  const name = failure.provider ? PROVIDER_LABELS[failure.provider] : null;
  switch (failure.error.code) {
    case 'PROVIDER_AUTH':
      return name ? `AI: ${name} key rejected` : 'AI: key rejected';
    case 'RATE_LIMITED':
      return name ? `AI: ${name} busy` : 'AI: provider busy';
    case 'MODEL_MISSING':
      return 'AI: model missing';
    case 'NO_MODEL_AVAILABLE':
      return 'AI: no models';
    default:
      return name ? `AI: ${name} not answering` : 'AI: not answering';
  }
}

/**
 * What the status indicator says, from llm.status (null while the first check runs). The last
 * model call comes first: a provider can list its models and still fail to write.
 */
export function summarizeStatus(status: LlmStatus | null, error: string | null): AiStatusSummary {
  if (!status) {
    return error
      ? { tone: 'unknown', label: 'AI: status unknown', detail: error }
      : { tone: 'unknown', label: 'AI: checking…', detail: 'Looking for Ollama and your cloud keys.' };
  }
  const failure = status.lastCallFailure;
  if (failure) {
    return { tone: 'problem', label: failureLabel(failure), detail: `${failure.error.message} This clears with the next AI reply that works.` };
  }
  const ready = status.readyTaskClasses;
  if (ready.length > 0) {
    if (!isSetupComplete(status)) return { tone: 'partial', label: 'AI: partly ready', detail: describeMissing(status) };
    const missing = status.providers.length > 0 ? ALL_TASKS.filter((t) => !ready.includes(t)) : [];
    const gap = missing.length > 0 ? ` No model for ${missing.join(', ')} yet.` : '';
    return { tone: 'ready', label: 'AI ready', detail: `Ready for ${ready.join(', ')}.${gap}` };
  }
  const ollama = providerOf(status, 'ollama');
  const cloudUp = status.providers.some((p) => p.provider !== 'ollama' && p.configured && p.reachable);
  if (ollama && !ollama.reachable && !cloudUp) {
    return {
      tone: 'problem',
      label: 'AI: Ollama not running',
      detail: ollama.error?.message ?? `Ollama is not running at ${status.ollamaBaseUrl}. Start Ollama, or add an OpenAI or Anthropic key.`,
    };
  }
  if (ollama?.reachable && ollama.models.length === 0 && !cloudUp) {
    return { tone: 'problem', label: 'AI: no models', detail: `Ollama has no models yet. Download ${status.recommendedOllamaModel} in ${AI_SETTINGS}.` };
  }
  return {
    tone: 'problem',
    label: 'AI: no models',
    detail: `None of the models in your routes is available. Download one, or change the routes in ${AI_SETTINGS}.`,
  };
}

/** One provider's state in a few words ("Running · 3 models", "No key", "Key rejected"). */
export function providerState(p: ProviderStatus): { text: string; tone: 'ready' | 'problem' | 'off' } {
  const count = `${p.models.length} ${p.models.length === 1 ? 'model' : 'models'}`;
  if (p.provider === 'ollama') return p.reachable ? { text: `Running · ${count}`, tone: p.models.length > 0 ? 'ready' : 'problem' } : { text: 'Not running', tone: 'problem' };
  if (!p.configured) return { text: 'No key', tone: 'off' };
  if (p.reachable) return { text: `Key works · ${count}`, tone: 'ready' };
  if (p.error?.code === 'PROVIDER_AUTH') return { text: 'Key rejected', tone: 'problem' };
  return { text: 'Not reachable', tone: 'problem' };
}

/** Whether Ollama has a model that fits this name: a family without a tag fits any installed tag of it. */
export function hasModel(names: readonly string[], model: string): boolean {
  return chooseOllamaModel(model, names.map((name) => ({ name }))) !== null;
}

/** Writing task classes that have no available model yet. */
export function missingWritingTasks(status: LlmStatus): TaskClass[] {
  return WRITING_TASK_CLASSES.filter((t) => !status.readyTaskClasses.includes(t));
}

/**
 * Setup is complete when creative, rewrite and structured work each have a model: an embedding
 * model alone, or a chat model for one class only, still leaves the writer unable to write.
 */
export function isSetupComplete(status: LlmStatus | null): boolean {
  return status !== null && missingWritingTasks(status).length === 0;
}

/** What setup lacks, in two sentences: which work has no model, and which models its routes need. */
export function describeMissing(status: LlmStatus): string {
  const missing = missingWritingTasks(status);
  if (missing.length === 0) return '';
  const needs = [...new Map(status.taskRoutes.filter((r) => missing.includes(r.taskClass)).flatMap((r) => r.route).map((ref) => [`${ref.provider}/${ref.model}`, ref])).values()];
  const needed = orList(needs.map((ref) => `${ref.model} (${PROVIDER_LABELS[ref.provider]})`));
  if (missing.length < WRITING_TASK_CLASSES.length) {
    return `No model for ${andList(missing)} work yet. ${missing.length === 1 ? 'It needs' : 'They need'} ${needed}.`;
  }
  const found = status.taskRoutes.filter((r) => r.uses !== null && r.taskClass === 'embed').map((r) => r.uses?.model);
  const why = found.length > 0 ? `: ${found.join(', ')} only indexes text for search` : '';
  return `No model can write yet${why}. Creative, rewrite and structured work need ${needed}.`;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** Whether one route entry can run now, and if not, why ("No OpenAI key", "Not downloaded"). */
export function refAvailability(status: LlmStatus | null, ref: ModelRef): { tone: 'ready' | 'problem' | 'off' | 'unknown'; text: string } {
  const name = PROVIDER_LABELS[ref.provider];
  const provider = status ? providerOf(status, ref.provider) : undefined;
  if (!status || !ref.model.trim()) return { tone: 'unknown', text: 'Not checked yet' };
  if (!provider || !provider.configured) return { tone: 'off', text: `No ${name} key: skipped` };
  if (!provider.reachable) {
    if (provider.error?.code === 'PROVIDER_AUTH') return { tone: 'problem', text: `${name} rejected the key: skipped` };
    return { tone: 'problem', text: ref.provider === 'ollama' ? 'Ollama is not running: skipped' : `${name} cannot be reached: skipped` };
  }
  if (ref.provider === 'ollama') {
    const chosen = chooseOllamaModel(ref.model, provider.models, status.ollamaTags);
    if (chosen) return { tone: 'ready', text: splitOllamaName(ref.model.trim()).tagged ? 'Available' : `Available as ${chosen}` };
  } else if (provider.models.some((m) => m.name === ref.model.trim())) {
    return { tone: 'ready', text: 'Available' };
  }
  return { tone: 'problem', text: ref.provider === 'ollama' ? 'Not downloaded in Ollama: skipped' : `${name} does not offer this model: skipped` };
}

const PROVIDER_LABELS: Record<ModelRef['provider'], string> = { ollama: 'Ollama', openai: 'OpenAI', anthropic: 'Anthropic' };
