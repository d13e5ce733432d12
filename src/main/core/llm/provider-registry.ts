import type { CloudProvider, ProviderId } from '../../../shared/models/llm';
import type { ModelProvider } from './providers/provider';

export interface ProviderFactories {
  ollama(options: { baseUrl: string }): ModelProvider;
  openai(options: { apiKey: string; baseUrl?: string }): ModelProvider;
  anthropic(options: { apiKey: string; baseUrl?: string }): ModelProvider;
}

export interface ProviderRegistryDeps {
  factories: ProviderFactories;
  /** The Ollama address from the models file (it can change at run time). */
  ollamaBaseUrl(): string;
  /** A stored BYOK key, or null. */
  getKey(provider: CloudProvider): Promise<string | null>;
  /** Where the cloud SDKs send requests; only tests point these elsewhere (a local stand-in). */
  endpoints?: Partial<Record<CloudProvider, string>>;
}

/**
 * Hands out a provider client for each provider, built from the current address or key and
 * rebuilt when those change. A cloud provider without a key has no client (null).
 */
export function createProviderRegistry(deps: ProviderRegistryDeps) {
  const cache = new Map<ProviderId, { identity: string; provider: ModelProvider }>();

  const cached = (id: ProviderId, identity: string, build: () => ModelProvider) => {
    const hit = cache.get(id);
    if (hit && hit.identity === identity) return hit.provider;
    const provider = build();
    cache.set(id, { identity, provider });
    return provider;
  };

  const cloud = async (id: CloudProvider): Promise<ModelProvider | null> => {
    const apiKey = await deps.getKey(id);
    if (!apiKey) return null;
    const baseUrl = deps.endpoints?.[id];
    const options = { apiKey, ...(baseUrl !== undefined && { baseUrl }) };
    return cached(id, `${apiKey}@${baseUrl ?? ''}`, () => deps.factories[id](options));
  };

  return {
    async get(id: ProviderId): Promise<ModelProvider | null> {
      if (id === 'ollama') {
        const baseUrl = deps.ollamaBaseUrl();
        return cached('ollama', baseUrl, () => deps.factories.ollama({ baseUrl }));
      }
      return cloud(id);
    },
    /** A client for a key that is not stored yet (checking a key before saving it). */
    withKey(id: CloudProvider, apiKey: string): ModelProvider {
      const baseUrl = deps.endpoints?.[id];
      return deps.factories[id]({ apiKey, ...(baseUrl !== undefined && { baseUrl }) });
    },
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
