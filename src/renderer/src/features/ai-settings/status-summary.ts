import type { LlmStatus, ProviderStatus } from '../../../../shared/models/llm';

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

/** What the status indicator says, from llm.status (null while the first check runs). */
export function summarizeStatus(status: LlmStatus | null, error: string | null): AiStatusSummary {
  if (!status) {
    return error
      ? { tone: 'unknown', label: 'AI: status unknown', detail: error }
      : { tone: 'unknown', label: 'AI: checking…', detail: 'Looking for Ollama and your cloud keys.' };
  }
  const ready = status.readyTaskClasses;
  if (ready.length > 0) {
    const chatReady = ready.includes('creative');
    return chatReady
      ? { tone: 'ready', label: 'AI ready', detail: `Ready for ${ready.join(', ')}.` }
      : { tone: 'partial', label: 'AI: partly ready', detail: `Only ${ready.join(', ')} can run. Chat and writing actions need a creative model.` };
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
    return { tone: 'problem', label: 'AI: no models', detail: `Ollama has no models yet. Download ${status.recommendedOllamaModel} in AI settings.` };
  }
  return {
    tone: 'problem',
    label: 'AI: no models',
    detail: 'None of the models in your routes is available. Download one, or change the routes in AI settings.',
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

/** Whether Ollama has a model of this name ("llama3.2" is listed as "llama3.2:latest"). */
export function hasModel(names: readonly string[], model: string): boolean {
  return names.some((name) => name === model || name.replace(/:latest$/, '') === model.replace(/:latest$/, ''));
}
