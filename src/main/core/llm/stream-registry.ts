import { AppError, ErrorCode, type AppErrorShape } from '../../../shared/ipc/errors';
import type { EventBus } from '../events';
import type { IdGenerator } from '../platform/clock';
import { currentLogContext, newTraceId, withLogContext } from '../platform/log-context';
import type { Logger } from '../platform/logger';

export interface StreamUsage {
  provider: 'ollama' | 'openai' | 'anthropic';
  model: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd: number;
}

/** What a running stream can do: send text and notices, and notice that it was stopped. */
export interface StreamContext {
  streamId: string;
  signal: AbortSignal;
  delta(text: string): void;
  notice(kind: 'fallback' | 'trimmed' | 'retrying', message: string): void;
}

export type StreamWork = (context: StreamContext) => Promise<StreamUsage | undefined>;

/**
 * Long model calls run as streams with an id: the call that starts one returns at once, the
 * text arrives as `stream.delta` events, and `stream.end` always follows exactly once — done,
 * cancelled or failed with a typed error. `cancel` aborts the work's signal, which the
 * providers pass to their SDKs so the HTTP request itself stops.
 */
export function createStreamRegistry({ events, ids, logger }: { events: EventBus; ids: IdGenerator; logger: Logger }) {
  const running = new Map<string, AbortController>();

  return {
    start(work: StreamWork, options: { onEnd?: (status: 'done' | 'cancelled' | 'error', error?: AppErrorShape) => void } = {}): string {
      const streamId = ids.newId();
      const controller = new AbortController();
      running.set(streamId, controller);
      const context: StreamContext = {
        streamId,
        signal: controller.signal,
        delta: (text) => {
          if (!controller.signal.aborted && text.length > 0) events.emit('stream.delta', { streamId, text });
        },
        notice: (kind, message) => events.emit('stream.notice', { streamId, kind, message }),
      };
      const finish = (status: 'done' | 'cancelled' | 'error', extra: { error?: AppErrorShape; usage?: StreamUsage } = {}) => {
        // Whatever the owner does at the end (storing the reply) must not stop the end event.
        try {
          options.onEnd?.(status, extra.error);
        } catch (error) {
          logger.error({ streamId, err: error }, 'could not record the end of a stream');
        }
        logger.info({ streamId, status, ...(extra.error && { code: extra.error.code }), ...usageFields(extra.usage) }, 'stream ended');
        events.emit('stream.end', { streamId, status, ...(status === 'error' && extra.error && { error: extra.error }), ...(extra.usage && { usage: extra.usage }) });
      };
      // Each stream runs under its own trace id; its first line names the call that started it.
      const callTrace = currentLogContext()?.trace;
      const streamLog = { trace: newTraceId(), streamId };
      // Started on the next tick so the caller has the id before the first event arrives.
      setImmediate(() => withLogContext(streamLog, () => {
        logger.info({ ...(callTrace && { callTrace }) }, 'stream started');
        void work(context)
          .then(
            (usage) => finish(controller.signal.aborted ? 'cancelled' : 'done', usage ? { usage } : {}),
            (error: unknown) => {
              const shape = toStreamError(error, controller.signal.aborted);
              if (shape.code !== ErrorCode.CANCELLED) logger.warn({ streamId, err: error }, 'stream failed');
              finish(shape.code === ErrorCode.CANCELLED ? 'cancelled' : 'error', { error: shape });
            },
          )
          .finally(() => running.delete(streamId));
      }));
      return streamId;
    },

    /** Stops a stream; stopping one that already ended is not an error. */
    cancel(streamId: string): void {
      running.get(streamId)?.abort();
    },

    /** Stops everything (the core is closing). */
    cancelAll(): void {
      for (const controller of running.values()) controller.abort();
    },

    get size(): number {
      return running.size;
    },
  };
}

export type StreamRegistry = ReturnType<typeof createStreamRegistry>;

/** The usage worth a log line: who answered and the tokens either way (never the text). */
function usageFields(usage: StreamUsage | undefined): Record<string, unknown> {
  if (!usage) return {};
  const { provider, model, tokensIn, tokensOut, latencyMs, costUsd } = usage;
  return { provider, model, tokensIn, tokensOut, latencyMs, costUsd };
}

function toStreamError(error: unknown, aborted: boolean): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (aborted) return new AppError(ErrorCode.CANCELLED, 'Stopped.').toShape();
  return {
    code: ErrorCode.INTERNAL,
    message: 'Something went wrong while the model was answering. The details were written to the log.',
    retryable: true,
  };
}
