import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { LlmStatus, ModelRef, ModelsConfig, ProviderId, ProviderStatus, TaskClass, TaskRouteStatus } from '../../../shared/models/llm';
import { chooseOllamaModel, type OllamaTagPicks } from '../../../shared/models/ollama-names';
import type { EventBus } from '../events';
import type { CallHealth } from './call-health';
import type { Clock } from '../platform/clock';
import type { LlmService } from './llm.service';
import type { ProviderRegistry } from './provider-registry';
import type { StreamRegistry } from './stream-registry';

export interface LlmStatusDeps {
  config: { get(): ModelsConfig; update(config: ModelsConfig): ModelsConfig };
  providers: ProviderRegistry;
  llm: LlmService;
  streams: StreamRegistry;
  events: EventBus;
  clock: Clock;
  /** How the last model call went. */
  health: CallHealth;
  /** How long a status check waits for each provider (ms). */
  probeTimeoutMs?: number;
}

const PROVIDERS: readonly ProviderId[] = ['ollama', 'openai', 'anthropic'];

/**
 * The model a route entry would call now, or null when its provider is out or lacks it. An Ollama
 * family resolves to an installed tag exactly as a call resolves it (`chooseOllamaModel`).
 */
function availableAs(statuses: readonly ProviderStatus[], ref: ModelRef, picks: OllamaTagPicks): ModelRef | null {
  const status = statuses.find((s) => s.provider === ref.provider);
  if (!status?.reachable) return null;
  if (ref.provider === 'ollama') {
    const chosen = chooseOllamaModel(ref.model, status.models, picks);
    return chosen ? { ...ref, model: chosen } : null;
  }
  return status.models.some((m) => m.name === ref.model) ? ref : null;
}

/** Each task class's route and the first entry that would answer. */
function taskRoutesOf(config: ModelsConfig, providers: readonly ProviderStatus[]): TaskRouteStatus[] {
  return (Object.entries(config.routes) as Array<[TaskClass, ModelRef[]]>).map(([taskClass, route]) => {
    let uses: ModelRef | null = null;
    for (const ref of route) {
      uses = availableAs(providers, ref, config.ollama.tags);
      if (uses) break;
    }
    return { taskClass, route, uses };
  });
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

  const status = async (): Promise<LlmStatus> => {
    const config = deps.config.get();
    const providers = await Promise.all(PROVIDERS.map(probe));
    const taskRoutes = taskRoutesOf(config, providers);
    return {
      ollamaBaseUrl: config.ollama.baseUrl,
      providers,
      readyTaskClasses: taskRoutes.filter((r) => r.uses !== null).map((r) => r.taskClass),
      taskRoutes,
      ollamaTags: config.ollama.tags,
      recommendedOllamaModel: config.recommendedOllamaModel,
      lastCallFailure: deps.health.lastFailure(),
    };
  };

  /** Saves a change to the models file's Ollama section and tells every window. */
  const updateOllama = (change: (ollama: ModelsConfig['ollama']) => ModelsConfig['ollama']): Promise<LlmStatus> => {
    const config = deps.config.get();
    deps.config.update({ ...config, ollama: change(config.ollama) });
    // Another address or tag: the last call's failure says nothing about the new setup.
    deps.health.forget();
    deps.events.emit('llm.changed', {});
    return status();
  };

  return {
    status,

    setOllamaUrl(baseUrl: string): Promise<LlmStatus> {
      return updateOllama((ollama) => ({ ...ollama, baseUrl }));
    },

    /** Which installed tag of a family the routes use; null goes back to the automatic choice. */
    setOllamaTag(family: string, tag: string | null): Promise<LlmStatus> {
      return updateOllama((ollama) => {
        const tags = Object.fromEntries(Object.entries(ollama.tags).filter(([name]) => name !== family));
        return { ...ollama, tags: tag === null ? tags : { ...tags, [family]: tag } };
      });
    },

    /** Pulls an Ollama model as a stream: progress events, then stream.end. `owner`: the connection that asked. */
    pull(model: string, owner?: string): { streamId: string } {
      const streamId = deps.streams.start(async (stream) => {
        const ollama = await deps.providers.get('ollama');
        if (!ollama?.pull) throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, 'Ollama is not available.');
        await ollama.pull(model, (progress) => deps.events.emit('llm.pullProgress', { streamId: stream.streamId, ...progress }), stream.signal);
        deps.events.emit('llm.changed', {});
        return undefined;
      }, owner === undefined ? {} : { owner });
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
