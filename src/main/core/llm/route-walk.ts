import { ErrorCode, type AppError } from '../../../shared/ipc/errors';
import type { CloudProvider, ModelRef, TaskClass } from '../../../shared/models/llm';
import { PROVIDER_NAMES } from './errors';
import type { ProviderRegistry } from './provider-registry';
import type { ModelProvider } from './providers/provider';
import { routeFailure, type RouteAttemptFailure } from './route-failure';

/** Failures that mean the provider itself is out for this call: its other route entries would fail alike. */
const PROVIDER_DOWN_CODES = new Set<string>([ErrorCode.PROVIDER_UNREACHABLE, ErrorCode.PROVIDER_AUTH]);

/** "llama3.2:3b (Ollama)", as notices name a model. */
export function describeModel(ref: ModelRef): string {
  return `${ref.model} (${PROVIDER_NAMES[ref.provider]})`;
}

/** A route entry whose provider is usable for this call, with its client. */
export interface Candidate {
  ref: ModelRef;
  provider: ModelProvider;
}

/**
 * Walks a route for one call. Entries whose provider has no key, or that failed in this call
 * as a whole (not running, key rejected), are passed over without a word: only a fallback that
 * really answers gets a notice. When none answers, {@link routeFailure} names the real problem
 * once.
 */
export function createRouteWalk(providers: ProviderRegistry, taskClass: TaskClass, ollamaBaseUrl: string) {
  const failures: RouteAttemptFailure[] = [];
  const missingKeys: CloudProvider[] = [];
  return {
    failures,
    async candidate(ref: ModelRef): Promise<Candidate | null> {
      if (failures.some((f) => f.model.provider === ref.provider && PROVIDER_DOWN_CODES.has(f.error.code))) return null;
      const provider = await providers.get(ref.provider);
      if (provider) return { ref, provider };
      if (ref.provider !== 'ollama' && !missingKeys.includes(ref.provider)) missingKeys.push(ref.provider);
      return null;
    },
    /** "X could not answer (why) Using Y instead.", when Y follows a failure; told once Y answers. */
    notice(next: ModelRef): string | null {
      const previous = failures.at(-1);
      return previous ? `${describeModel(previous.model)} could not answer (${previous.error.message}) Using ${describeModel(next)} instead.` : null;
    },
    fail(model: ModelRef, error: AppError) {
      failures.push({ model, error });
    },
    error: () => routeFailure({ taskClass, failures, missingKeys, ollamaBaseUrl }),
  };
}
