import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelRef, ModelsConfig, TaskClass } from '../../../shared/models/llm';
import type { Clock } from '../platform/clock';
import { PROVIDER_NAMES } from './errors';
import type { ProviderRegistry } from './provider-registry';
import type { LlmMessage } from './providers/provider';
import type { OutputValidator } from './structured-output';

/** One model call as the services plan it; the route decides which model runs it. */
export interface CallPlan {
  taskClass: TaskClass;
  messages: LlmMessage[];
  /** Keeps A/B assignment stable for one user's work (e.g. the project id). */
  assignmentKey: string;
  projectId?: string;
  promptId?: string;
  promptVersion?: number;
  agentId?: string;
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: Record<string, unknown>;
}

export interface CallHooks {
  signal: AbortSignal;
  onDelta?: (text: string) => void;
  onNotice?: (kind: 'fallback' | 'retrying', message: string) => void;
}

export interface CallOutcome {
  text: string;
  model: ModelRef;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd: number;
  /** Route entries that failed before `model` answered. */
  fellBackFrom: Array<{ model: ModelRef; error: AppError }>;
}

export interface UsageRecorder {
  record(call: {
    projectId?: string;
    promptId?: string;
    promptVersion?: number;
    taskClass: TaskClass;
    provider: ModelRef['provider'];
    model: string;
    experiment?: string;
    fallbackFrom?: string;
    tokensIn: number;
    tokensOut: number;
    latencyMs: number;
    firstTokenMs?: number;
    status: 'ok' | 'error' | 'cancelled';
    errorCode?: string;
  }): { costUsd: number };
}

export interface RouteResolver {
  (config: ModelsConfig, input: { taskClass: TaskClass; agentId?: string; promptId?: string; assignmentKey: string }): {
    models: ModelRef[];
    experiment?: { name: string; arm: 'A' | 'B' };
  };
}

export type Retry = <T>(fn: () => Promise<T>, options: { signal: AbortSignal; onRetry?: (error: AppError, attempt: number, delayMs: number) => void }) => Promise<T>;

export interface LlmServiceDeps {
  config: { get(): ModelsConfig };
  resolveRoute: RouteResolver;
  providers: ProviderRegistry;
  usage: UsageRecorder;
  validator: OutputValidator;
  retry: Retry;
  clock: Clock;
  /** How long a model may take to send its first token (ms). */
  firstTokenTimeoutMs?: number;
}

/** Errors after which the next model in the route is worth trying. */
const FALLBACK_CODES = new Set<string>([
  ErrorCode.PROVIDER_UNREACHABLE,
  ErrorCode.PROVIDER_AUTH,
  ErrorCode.RATE_LIMITED,
  ErrorCode.MODEL_MISSING,
  ErrorCode.CONTEXT_TOO_LONG,
  ErrorCode.TIMEOUT,
  ErrorCode.PROVIDER_FAILED,
]);

export function describeModel(ref: ModelRef): string {
  return `${ref.model} (${PROVIDER_NAMES[ref.provider]})`;
}

/**
 * Runs model calls down their route: the first configured model answers; a model that fails
 * before sending any text hands over to the next one, and the writer is told (never a silent
 * switch). Transient failures are retried with backoff first. Every attempt is recorded.
 */
export function createLlmService(deps: LlmServiceDeps) {
  const { providers, usage, clock } = deps;

  async function attempt(plan: CallPlan, ref: ModelRef, hooks: CallHooks, meta: { experiment?: string; fallbackFrom?: string }) {
    const provider = await providers.get(ref.provider);
    if (!provider) return null;
    const started = clock.now();
    let firstTokenAt: number | undefined;
    const record = (status: 'ok' | 'error' | 'cancelled', extra: { tokensIn?: number; tokensOut?: number; errorCode?: string } = {}) =>
      usage.record({
        taskClass: plan.taskClass,
        provider: ref.provider,
        model: ref.model,
        tokensIn: extra.tokensIn ?? 0,
        tokensOut: extra.tokensOut ?? 0,
        latencyMs: clock.now() - started,
        status,
        ...(plan.projectId !== undefined && { projectId: plan.projectId }),
        ...(plan.promptId !== undefined && { promptId: plan.promptId }),
        ...(plan.promptVersion !== undefined && { promptVersion: plan.promptVersion }),
        ...(firstTokenAt !== undefined && { firstTokenMs: firstTokenAt - started }),
        ...(meta.experiment !== undefined && { experiment: meta.experiment }),
        ...(meta.fallbackFrom !== undefined && { fallbackFrom: meta.fallbackFrom }),
        ...(extra.errorCode !== undefined && { errorCode: extra.errorCode }),
      });
    try {
      const result = await deps.retry(
        async () => {
          try {
            return await provider.chat(
              {
                model: ref.model,
                messages: plan.messages,
                signal: hooks.signal,
                ...(plan.temperature !== undefined && { temperature: plan.temperature }),
                ...(plan.maxTokens !== undefined && { maxTokens: plan.maxTokens }),
                ...(plan.jsonSchema !== undefined && { jsonSchema: plan.jsonSchema }),
                ...(deps.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: deps.firstTokenTimeoutMs }),
              },
              (text) => {
                firstTokenAt ??= clock.now();
                hooks.onDelta?.(text);
              },
            );
          } catch (error) {
            // Text already reached the writer: a retry would repeat it, so this failure is final.
            if (firstTokenAt !== undefined && error instanceof AppError && error.retryable) {
              throw new AppError(error.code, error.message, { retryable: false, cause: error });
            }
            throw error;
          }
        },
        {
          signal: hooks.signal,
          onRetry: (error, attemptNumber, delayMs) =>
            hooks.onNotice?.('retrying', `${describeModel(ref)}: ${error.message} Trying again in ${Math.ceil(delayMs / 1000)} s (attempt ${attemptNumber + 1}).`),
        },
      );
      const { costUsd } = record('ok', { tokensIn: result.tokensIn, tokensOut: result.tokensOut });
      return { ok: true as const, text: result.text, tokensIn: result.tokensIn, tokensOut: result.tokensOut, latencyMs: clock.now() - started, costUsd };
    } catch (error) {
      const appError = toAppError(error, hooks.signal);
      record(appError.code === ErrorCode.CANCELLED ? 'cancelled' : 'error', { errorCode: appError.code });
      return { ok: false as const, error: appError, streamed: firstTokenAt !== undefined };
    }
  }

  async function run(plan: CallPlan, hooks: CallHooks): Promise<CallOutcome> {
    const route = deps.resolveRoute(deps.config.get(), {
      taskClass: plan.taskClass,
      assignmentKey: plan.assignmentKey,
      ...(plan.agentId !== undefined && { agentId: plan.agentId }),
      ...(plan.promptId !== undefined && { promptId: plan.promptId }),
    });
    const experiment = route.experiment ? `${route.experiment.name}:${route.experiment.arm}` : undefined;
    const failures: CallOutcome['fellBackFrom'] = [];
    for (const ref of route.models) {
      const previous = failures.at(-1);
      if (previous) {
        hooks.onNotice?.('fallback', `${describeModel(previous.model)} could not answer (${previous.error.message}) Using ${describeModel(ref)} instead.`);
      }
      const meta = {
        ...(experiment !== undefined && { experiment }),
        ...(failures.length > 0 && { fallbackFrom: failures.map((f) => `${f.model.provider}/${f.model.model}`).join(', ') }),
      };
      const result = await attempt(plan, ref, hooks, meta);
      if (result === null) continue; // no key for this provider: not part of the user's setup
      if (result.ok) {
        const { text, tokensIn, tokensOut, latencyMs, costUsd } = result;
        return { text, model: ref, tokensIn, tokensOut, latencyMs, costUsd, fellBackFrom: failures };
      }
      // Cancelled, or text already shown, or a failure another model would share: stop here.
      if (result.error.code === ErrorCode.CANCELLED || result.streamed || !FALLBACK_CODES.has(result.error.code)) throw result.error;
      failures.push({ model: ref, error: result.error });
    }
    const first = failures[0];
    if (first) throw first.error;
    throw new AppError(
      ErrorCode.NO_MODEL_AVAILABLE,
      `No model is set up for ${plan.taskClass} work yet. Start Ollama and pull a model, or add an OpenAI or Anthropic key in Settings.`,
    );
  }

  /** Embeddings down the `embed` route, with the same fallback rules (for memory search). */
  async function embed(inputs: string[], hooks: Omit<CallHooks, 'onDelta'>, assignmentKey = 'embed'): Promise<{ vectors: number[][]; model: ModelRef }> {
    const route = deps.resolveRoute(deps.config.get(), { taskClass: 'embed', assignmentKey });
    const failures: Array<{ model: ModelRef; error: AppError }> = [];
    for (const ref of route.models) {
      const provider = await providers.get(ref.provider);
      if (!provider) continue;
      const previous = failures.at(-1);
      if (previous) hooks.onNotice?.('fallback', `${describeModel(previous.model)} could not answer (${previous.error.message}) Using ${describeModel(ref)} instead.`);
      const started = clock.now();
      try {
        const vectors = await deps.retry(() => provider.embed(ref.model, inputs, hooks.signal), { signal: hooks.signal });
        usage.record({ taskClass: 'embed', provider: ref.provider, model: ref.model, tokensIn: 0, tokensOut: 0, latencyMs: clock.now() - started, status: 'ok' });
        return { vectors, model: ref };
      } catch (error) {
        const appError = toAppError(error, hooks.signal);
        usage.record({ taskClass: 'embed', provider: ref.provider, model: ref.model, tokensIn: 0, tokensOut: 0, latencyMs: clock.now() - started, status: 'error', errorCode: appError.code });
        if (appError.code === ErrorCode.CANCELLED || !FALLBACK_CODES.has(appError.code)) throw appError;
        failures.push({ model: ref, error: appError });
      }
    }
    if (failures[0]) throw failures[0].error;
    throw new AppError(ErrorCode.NO_MODEL_AVAILABLE, 'No embedding model is set up. Pull one in Ollama (e.g. nomic-embed-text) or add an OpenAI key.');
  }

  return {
    run,
    embed,

    /**
     * A call whose answer must match `schema`: one repair attempt (the model is shown what was
     * wrong), then INVALID_OUTPUT.
     */
    async runStructured(plan: CallPlan & { jsonSchema: Record<string, unknown> }, hooks: CallHooks): Promise<CallOutcome & { value: unknown }> {
      const first = await run(plan, hooks);
      const checked = deps.validator.validate(plan.jsonSchema, first.text);
      if (checked.ok) return { ...first, value: checked.value };
      const repair: CallPlan = {
        ...plan,
        messages: [
          ...plan.messages,
          { role: 'assistant', content: first.text },
          { role: 'user', content: `That answer does not match the required JSON Schema (${checked.problems}). Reply again with only the corrected JSON.` },
        ],
      };
      const second = await run(repair, hooks);
      const rechecked = deps.validator.validate(plan.jsonSchema, second.text);
      if (rechecked.ok) return { ...second, value: rechecked.value };
      throw new AppError(ErrorCode.INVALID_OUTPUT, `The model’s answer did not have the expected shape, even after a second try (${rechecked.problems}). Try again or choose another model.`, { retryable: true });
    },
  };
}

export type LlmService = ReturnType<typeof createLlmService>;

function toAppError(error: unknown, signal: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted) return new AppError(ErrorCode.CANCELLED, 'Stopped.');
  return new AppError(ErrorCode.PROVIDER_FAILED, 'The model call failed unexpectedly.', { retryable: true, cause: error });
}
