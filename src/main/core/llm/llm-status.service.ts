import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { LlmStatus, ModelInfo, ModelRef, ModelsConfig, ProviderId, ProviderStatus, TaskClass } from '../../../shared/models/llm';
import type { EventBus } from '../events';
import type { Clock } from '../platform/clock';
import type { LlmService } from './llm.service';
import type { ProviderRegistry } from './provider-registry';
import { sameOllamaModel } from './providers/ollama.provider';
import type { StreamRegistry } from './stream-registry';

export interface LlmStatusDeps {
  config: { get(): ModelsConfig; update(config: ModelsConfig): ModelsConfig };
  providers: ProviderRegistry;
  llm: LlmService;
  streams: StreamRegistry;
  events: EventBus;
  clock: Clock;
  /** How long a status check waits for each provider (ms). */
  probeTimeoutMs?: number;
}

const PROVIDERS: readonly ProviderId[] = ['ollama', 'openai', 'anthropic'];

/** Whether a provider's list holds the model a route names ("llama3.2" is Ollama's "llama3.2:latest"). */
function hasModel(models: readonly ModelInfo[], ref: ModelRef): boolean {
  return models.some((m) => (ref.provider === 'ollama' ? sameOllamaModel(m.name, ref.model) : m.name === ref.model));
}

/** What the onboarding screen and the status indicator show: which models can run now. */
export function createLlmStatusService(deps: LlmStatusDeps) {
  const probe = async (id: ProviderId): Promise<ProviderStatus> => {
    const provider = await deps.providers.get(id);
    if (!provider) return { provider: id, configured: false, reachable: false, models: [] };
    try {
      const models = await provider.listModels(AbortSignal.timeout(deps.probeTimeoutMs ?? 3_000));
      return { provider: id, configured: true, reachable: true, models };
    } catch (error) {
      const shape = error instanceof AppError ? error.toShape() : { code: ErrorCode.PROVIDER_UNREACHABLE, message: `${id} could not be reached.`, retryable: true };
      return { provider: id, configured: true, reachable: false, models: [], error: shape };
    }
  };

  const available = (statuses: readonly ProviderStatus[], ref: ModelRef) => {
    const status = statuses.find((s) => s.provider === ref.provider);
    return Boolean(status?.reachable && hasModel(status.models, ref));
  };

  const status = async (): Promise<LlmStatus> => {
    const config = deps.config.get();
    const providers = await Promise.all(PROVIDERS.map(probe));
    const readyTaskClasses = (Object.entries(config.routes) as Array<[TaskClass, ModelRef[]]>)
      .filter(([, models]) => models.some((ref) => available(providers, ref)))
      .map(([taskClass]) => taskClass);
    return { ollamaBaseUrl: config.ollama.baseUrl, providers, readyTaskClasses, recommendedOllamaModel: config.recommendedOllamaModel };
  };

  return {
    status,

    async setOllamaUrl(baseUrl: string): Promise<LlmStatus> {
      const config = deps.config.get();
      deps.config.update({ ...config, ollama: { baseUrl } });
      deps.events.emit('llm.changed', {});
      return status();
    },

    /** Pulls an Ollama model as a stream: progress events, then stream.end. */
    pull(model: string): { streamId: string } {
      const streamId = deps.streams.start(async (stream) => {
        const ollama = await deps.providers.get('ollama');
        if (!ollama?.pull) throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not available.');
        await ollama.pull(model, (progress) => deps.events.emit('llm.pullProgress', { streamId: stream.streamId, ...progress }), stream.signal);
        deps.events.emit('llm.changed', {});
        return undefined;
      });
      return { streamId };
    },

    /** Sends a tiny prompt down a route and reports which model answered and which failed first. */
    async testRoute(taskClass: TaskClass) {
      const started = deps.clock.now();
      const controller = new AbortController();
      try {
        if (taskClass === 'embed') {
          const { model } = await deps.llm.embed(['ready'], { signal: controller.signal });
          return { ok: true, used: model, fellBackFrom: [], latencyMs: deps.clock.now() - started };
        }
        const outcome = await deps.llm.run(
          { taskClass, assignmentKey: 'route-test', messages: [{ role: 'user', content: 'Reply with the single word: ready' }], maxTokens: 16 },
          { signal: controller.signal },
        );
        return {
          ok: true,
          used: outcome.model,
          fellBackFrom: outcome.fellBackFrom.map((f) => ({ model: f.model, error: f.error.toShape() })),
          latencyMs: deps.clock.now() - started,
          sample: outcome.text.slice(0, 200),
        };
      } catch (error) {
        const shape = error instanceof AppError ? error.toShape() : { code: ErrorCode.INTERNAL, message: 'The route test failed unexpectedly.', retryable: true };
        return { ok: false, fellBackFrom: [], latencyMs: deps.clock.now() - started, error: shape };
      }
    },
  };
}

export type LlmStatusService = ReturnType<typeof createLlmStatusService>;
