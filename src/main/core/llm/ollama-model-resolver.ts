import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelRef } from '../../../shared/models/llm';
import { chooseOllamaModel, type OllamaTagPicks } from '../../../shared/models/ollama-names';
import { signalWithTimeout } from '../platform/abort';
import type { ModelProvider } from './providers/provider';

/** How long asking Ollama for its installed models may take before a call (ms). */
const LIST_TIMEOUT_MS = 5_000;

/** Failures of the listing that the call itself would meet too: they end the attempt at once. */
const SHARED_FAILURES = new Set<string>([ErrorCode.PROVIDER_UNREACHABLE, ErrorCode.CANCELLED, ErrorCode.TIMEOUT]);

/**
 * The concrete model a route entry calls: for Ollama, the installed tag its name resolves to (the
 * writer's pick, else `latest`, else the smallest — see `chooseOllamaModel`), so the call and
 * its usage record name the model that really ran. Other providers' entries are used as written.
 * When nothing installed fits, the name stays as written and Ollama's own answer says it is
 * missing. Throws when Ollama cannot be asked at all (not running, stopped, too slow).
 */
export async function resolveOllamaModel(ref: ModelRef, provider: ModelProvider, picks: OllamaTagPicks, signal: AbortSignal): Promise<ModelRef> {
  if (ref.provider !== 'ollama' || !provider.listInstalled) return ref;
  let installed;
  const limit = signalWithTimeout(signal, LIST_TIMEOUT_MS);
  try {
    installed = await provider.listInstalled(limit.signal);
  } catch (error) {
    if (error instanceof AppError && SHARED_FAILURES.has(error.code)) throw error;
    return ref; // the call itself will say what is wrong
  } finally {
    limit.dispose();
  }
  const chosen = chooseOllamaModel(ref.model, installed, picks);
  return chosen ? { ...ref, model: chosen } : ref;
}
