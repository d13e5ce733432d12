import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { ModelRef, ModelsConfig, TaskClass } from '../../../shared/models/llm';
import type { Clock } from '../platform/clock';
import { resolveOllamaModel } from './ollama-model-resolver';
import type { ProviderRegistry } from './provider-registry';
import type { LlmMessage, ReportedUsage } from './providers/provider';
import { createRouteWalk, describeModel, type Candidate } from './route-walk';
import type { OutputValidator } from './structured-output';
import { estimateTokens, estimateTokensOfLength } from './token-estimate';

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
    estimated?: boolean;
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

export { describeModel };

/**
 * Runs model calls down their route: the first configured model answers; a model that fails
 * before sending any text hands over to the next one, and the writer is told when that one
 * answers (never a silent switch, and no notice for a fallback that fails too: the final error
 * says it all). Transient failures are retried with backoff first. Every attempt is recorded.
 */
export function createLlmService(deps: LlmServiceDeps) {
  const { providers, usage, clock } = deps;

  /** One route entry, retried on transient failures; `fallbackNotice` is told once it answers. */
  async function attempt(plan: CallPlan, candidate: Candidate, hooks: CallHooks, meta: { experiment?: string; fallbackFrom?: string }, fallbackNotice: string | null) {
    const { provider } = candidate;
    let ref = candidate.ref;
    const started = clock.now();
    let firstTokenAt: number | undefined;
    let streamedChars = 0;
    const reported: ReportedUsage = {};
    const answered = () => {
      if (fallbackNotice) hooks.onNotice?.('fallback', fallbackNotice);
    };
    const record = (status: 'ok' | 'error' | 'cancelled', extra: { tokensIn?: number; tokensOut?: number; errorCode?: string; estimated?: boolean } = {}) =>
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
        ...(extra.estimated === true && { estimated: true }),
      });
    try {
      ref = await resolveOllamaModel(ref, provider, deps.config.get().ollama.tags, hooks.signal);
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
                onUsage: (counts) => Object.assign(reported, counts),
              },
              (text) => {
                if (firstTokenAt === undefined) {
                  firstTokenAt = clock.now();
                  answered();
                }
                streamedChars += text.length;
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
      if (firstTokenAt === undefined) answered(); // an answer with no text at all
      const { costUsd } = record('ok', { tokensIn: result.tokensIn, tokensOut: result.tokensOut, ...(result.estimated === true && { estimated: true }) });
      return { ok: true as const, model: ref, text: result.text, tokensIn: result.tokensIn, tokensOut: result.tokensOut, latencyMs: clock.now() - started, costUsd };
    } catch (error) {
      const appError = toAppError(error, hooks.signal);
      record(appError.code === ErrorCode.CANCELLED ? 'cancelled' : 'error', { errorCode: appError.code, ...partialUsage(plan.messages, streamedChars, firstTokenAt !== undefined, reported) });
      return { ok: false as const, model: ref, error: appError, streamed: firstTokenAt !== undefined };
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
    const walk = createRouteWalk(providers, plan.taskClass, deps.config.get().ollama.baseUrl);
    for (const ref of route.models) {
      const candidate = await walk.candidate(ref);
      if (!candidate) continue;
      const meta = {
        ...(experiment !== undefined && { experiment }),
        ...(walk.failures.length > 0 && { fallbackFrom: walk.failures.map((f) => `${f.model.provider}/${f.model.model}`).join(', ') }),
      };
      const result = await attempt(plan, candidate, hooks, meta, walk.notice(ref));
      if (result.ok) {
        const { model, text, tokensIn, tokensOut, latencyMs, costUsd } = result;
        return { text, model, tokensIn, tokensOut, latencyMs, costUsd, fellBackFrom: walk.failures };
      }
      // Cancelled, or text already shown, or a failure another model would share: stop here.
      if (result.error.code === ErrorCode.CANCELLED || result.streamed || !FALLBACK_CODES.has(result.error.code)) throw result.error;
      walk.fail(result.model, result.error);
    }
    throw walk.error();
  }

  /** Embeddings down the `embed` route, with the same fallback rules (for memory search). */
  async function embed(inputs: string[], hooks: Omit<CallHooks, 'onDelta'>, assignmentKey = 'embed'): Promise<{ vectors: number[][]; model: ModelRef }> {
    const route = deps.resolveRoute(deps.config.get(), { taskClass: 'embed', assignmentKey });
    const walk = createRouteWalk(providers, 'embed', deps.config.get().ollama.baseUrl);
    for (const entry of route.models) {
      const candidate = await walk.candidate(entry);
      if (!candidate) continue;
      const notice = walk.notice(entry);
      const started = clock.now();
      let ref = entry;
      const record = (status: 'ok' | 'error', extra: { tokensIn?: number; errorCode?: string; estimated?: boolean } = {}) =>
        usage.record({
          taskClass: 'embed',
          provider: ref.provider,
          model: ref.model,
          // What an embedding reads is its input; a failed one used nothing we can know of.
          tokensIn: extra.tokensIn ?? 0,
          tokensOut: 0,
          latencyMs: clock.now() - started,
          status,
          ...(extra.errorCode !== undefined && { errorCode: extra.errorCode }),
          ...(extra.estimated === true && { estimated: true }),
        });
      try {
        ref = await resolveOllamaModel(entry, candidate.provider, deps.config.get().ollama.tags, hooks.signal);
        const result = await deps.retry(() => candidate.provider.embed(ref.model, inputs, hooks.signal), { signal: hooks.signal });
        record('ok', { tokensIn: result.tokensIn, ...(result.estimated === true && { estimated: true }) });
        if (notice) hooks.onNotice?.('fallback', notice);
        return { vectors: result.vectors, model: ref };
      } catch (error) {
        const appError = toAppError(error, hooks.signal);
        record('error', { errorCode: appError.code });
        if (appError.code === ErrorCode.CANCELLED || !FALLBACK_CODES.has(appError.code)) throw appError;
        walk.fail(ref, appError);
      }
    }
    throw walk.error();
  }

  return {
    run,
    embed,

    /**
     * A call whose answer must match `schema`: one repair attempt (the model is shown what was
     * wrong), then INVALID_OUTPUT. A repaired outcome's tokens, cost and latency are both calls'.
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
      // The answer cost both calls: a step's tokens and cost must say so (each call is also recorded on its own).
      const both = {
        tokensIn: first.tokensIn + second.tokensIn,
        tokensOut: first.tokensOut + second.tokensOut,
        costUsd: first.costUsd + second.costUsd,
        latencyMs: first.latencyMs + second.latencyMs,
      };
      if (rechecked.ok) return { ...second, ...both, value: rechecked.value };
      throw new AppError(ErrorCode.INVALID_OUTPUT, `The model’s answer did not have the expected shape, even after a second try (${rechecked.problems}). Try again or choose another model.`, { retryable: true });
    },
  };
}

export type LlmService = ReturnType<typeof createLlmService>;

/**
 * What a call that did not finish used. Once the model has answered anything (text, or a count
 * the provider stated) it read the whole prompt and wrote what streamed: the provider's counts
 * where it gave them, else estimates from the text, marked as such. A call refused or unreachable
 * before that used nothing.
 */
function partialUsage(messages: readonly LlmMessage[], streamedChars: number, streamed: boolean, reported: ReportedUsage) {
  if (!streamed && reported.tokensIn === undefined) return {};
  return {
    tokensIn: reported.tokensIn ?? estimateTokens(messages.map((m) => m.content).join('\n')),
    // Reported output counts are running totals that lag the text; the text is the better measure.
    tokensOut: estimateTokensOfLength(streamedChars),
    estimated: true,
  };
}

function toAppError(error: unknown, signal: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal.aborted) return new AppError(ErrorCode.CANCELLED, 'Stopped.');
  return new AppError(ErrorCode.PROVIDER_FAILED, 'The model call failed unexpectedly.', { retryable: true, cause: error });
}
