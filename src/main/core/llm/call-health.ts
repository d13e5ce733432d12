import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { LastCallFailure } from '../../../shared/models/llm';
import type { EventBus } from '../events';
import type { Clock } from '../platform/clock';
import { ProviderError } from './errors';
import type { LlmService } from './llm.service';

/** Failures that say no model can answer right now, as opposed to a stop or a bad answer. */
const UNAVAILABLE = new Set<string>([
  ErrorCode.PROVIDER_UNREACHABLE,
  ErrorCode.PROVIDER_FAILED,
  ErrorCode.PROVIDER_AUTH,
  ErrorCode.RATE_LIMITED,
  ErrorCode.MODEL_MISSING,
  ErrorCode.TIMEOUT,
  ErrorCode.NO_MODEL_AVAILABLE,
]);

/** The same failure as far as the status shows it: which model, which error. */
function sameFailure(a: LastCallFailure, b: LastCallFailure): boolean {
  return a.provider === b.provider && a.model === b.model && a.error.code === b.error.code && a.error.message === b.error.message;
}

/**
 * Remembers whether the last model call worked, so the AI status follows what happened rather
 * than only what the providers' model lists say (Ollama can list its models and still die
 * mid-reply). A change is announced with `llm.changed`, and the UI looks again at once. The
 * same failure again is no change: background work retrying a dead Ollama must not turn into a
 * stream of events (each one makes listeners look again, and some retry).
 */
export function createCallHealth({ events, clock }: { events: EventBus; clock: Clock }) {
  let failure: LastCallFailure | null = null;

  return {
    /** The last call's failure, or null when it worked (or nothing failed yet). */
    lastFailure: (): LastCallFailure | null => failure,

    succeeded(): void {
      if (failure === null) return;
      failure = null;
      events.emit('llm.changed', {});
    },

    /** Records a failed call; stops, bad answers and our own errors say nothing of the models. */
    failed(error: unknown): void {
      if (!(error instanceof AppError) || !UNAVAILABLE.has(error.code)) return;
      const source = providerErrorIn(error);
      const next: LastCallFailure = {
        at: clock.now(),
        ...(source && { provider: source.provider }),
        ...(source?.model !== undefined && { model: source.model }),
        error: error.toShape(),
      };
      const changed = failure === null || !sameFailure(failure, next);
      failure = next;
      if (changed) events.emit('llm.changed', { cause: 'call-failed' });
    },

    /** The setup changed (a new Ollama address): the old failure says nothing about it. */
    forget(): void {
      failure = null;
    },
  };
}

export type CallHealth = ReturnType<typeof createCallHealth>;

/** The provider error behind `error` (the service re-wraps one that came after text had streamed). */
function providerErrorIn(error: unknown): ProviderError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof ProviderError) return current;
    current = current.cause;
  }
  return undefined;
}

/** The same service, telling `health` how each call ended. */
export function withCallHealth(llm: LlmService, health: CallHealth): LlmService {
  const watch = <T>(call: Promise<T>): Promise<T> =>
    call.then(
      (result) => {
        health.succeeded();
        return result;
      },
      (error: unknown) => {
        health.failed(error);
        throw error;
      },
    );
  return {
    run: (plan, hooks) => watch(llm.run(plan, hooks)),
    runStructured: (plan, hooks) => watch(llm.runStructured(plan, hooks)),
    embed: (inputs, hooks, assignmentKey) => watch(llm.embed(inputs, hooks, assignmentKey)),
  };
}
