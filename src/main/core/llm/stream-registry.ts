import { AppError, ErrorCode, type AppErrorShape } from '../../../shared/ipc/errors';
import type { StreamEndStatus, StreamEvent, StreamReplay, StreamState } from '../../../shared/models/llm';
import type { EventBus } from '../events';
import type { Clock, IdGenerator } from '../platform/clock';
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

export interface StreamStartOptions {
  /** Told the outcome just before `stream.end` is sent (e.g. to store the reply). */
  onEnd?: (status: StreamEndStatus, error?: AppErrorShape) => void;
  /**
   * The connection (a page's socket, a window's page load) that started the stream. When it goes
   * away ({@link StreamRegistry.release}) the stream stops, so nobody pays for text nobody reads.
   */
  owner?: string;
}

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface StreamRegistryDeps {
  events: EventBus;
  ids: IdGenerator;
  logger: Logger;
  clock: Clock;
  /** Timers for the reconnect grace (tests pass manual ones). */
  schedule?: Schedule;
  /** Events kept per stream for replay (default {@link STREAM_EVENTS_KEPT}). */
  eventsKept?: number;
}

/**
 * How long the outcome and text of an ended stream are kept for a UI that reconnects and asks
 * (`stream.status`). Longer than any reconnect grace, short enough to hold little memory.
 */
export const STREAM_END_KEPT_MS = 10 * 60_000;
/** At most this many ended streams are remembered (the oldest are forgotten first). */
const STREAM_END_KEPT_MAX = 200;
/**
 * At most this many events of one stream are kept for `stream.replay` (a long reply's tokens);
 * past it the oldest go, and a replay that needs them gets the whole text instead.
 */
export const STREAM_EVENTS_KEPT = 2_000;

/** A stream's numbered events, kept (bounded) for a UI that reconnects. */
interface EventLog {
  /** The last event's seq. */
  seq: number;
  events: StreamEvent[];
  /** The highest seq let go to keep the log bounded (0: none). */
  dropped: number;
}

interface Running {
  controller: AbortController;
  owner: string | undefined;
  text: string;
  log: EventLog;
  /** Cancels the pending "owner is gone" stop, while a dropped connection may still come back. */
  cancelOrphanStop: (() => void) | null;
}

interface Ended {
  status: StreamEndStatus;
  error: AppErrorShape | undefined;
  text: string;
  log: EventLog;
  endedAt: number;
}

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Numbers an event, keeps it (bounded) and returns its seq. */
function append(log: EventLog, event: WithoutSeq<StreamEvent>, limit: number): number {
  log.seq += 1;
  log.events.push({ ...event, seq: log.seq } as StreamEvent);
  while (log.events.length > limit) log.dropped = log.events.shift()?.seq ?? log.dropped;
  return log.seq;
}

const defaultSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  // A pending stop must not keep a closing process alive.
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Long model calls run as streams with an id: the call that starts one returns at once, the
 * text arrives as `stream.delta` events, and `stream.end` always follows exactly once — done,
 * cancelled or failed with a typed error. `cancel` aborts the work's signal, which the
 * providers pass to their SDKs so the HTTP request itself stops. Each stream may belong to the
 * connection that started it: when that connection goes away, its streams stop too. A UI that
 * missed events while reconnecting asks `status` and settles what it shows.
 */
export function createStreamRegistry({ events, ids, logger, clock, schedule = defaultSchedule, eventsKept = STREAM_EVENTS_KEPT }: StreamRegistryDeps) {
  const running = new Map<string, Running>();
  const ended = new Map<string, Ended>();

  const remember = (streamId: string, record: Ended) => {
    ended.set(streamId, record);
    // Maps iterate in insertion order: the first entries are the oldest.
    for (const id of ended.keys()) {
      if (ended.size <= STREAM_END_KEPT_MAX) break;
      ended.delete(id);
    }
  };

  const endedRecord = (streamId: string): Ended | undefined => {
    const record = ended.get(streamId);
    if (record && clock.now() - record.endedAt > STREAM_END_KEPT_MS) {
      ended.delete(streamId);
      return undefined;
    }
    return record;
  };

  /** A connection asked about a running stream: it is now that connection's, and no longer stops for the old one going away. */
  const claim = (entry: Running, owner: string | undefined) => {
    if (owner === undefined || entry.owner === owner) return;
    entry.cancelOrphanStop?.();
    entry.cancelOrphanStop = null;
    entry.owner = owner;
  };

  const stop = (streamId: string, reason: string) => {
    const entry = running.get(streamId);
    if (!entry || entry.controller.signal.aborted) return;
    logger.info({ streamId, owner: entry.owner, reason }, 'stopping a stream');
    entry.controller.abort();
  };

  return {
    start(work: StreamWork, options: StreamStartOptions = {}): string {
      const streamId = ids.newId();
      const controller = new AbortController();
      const entry: Running = { controller, owner: options.owner, text: '', log: { seq: 0, events: [], dropped: 0 }, cancelOrphanStop: null };
      running.set(streamId, entry);
      const context: StreamContext = {
        streamId,
        signal: controller.signal,
        delta: (text) => {
          if (controller.signal.aborted || text.length === 0) return;
          entry.text += text;
          const seq = append(entry.log, { type: 'delta', text }, eventsKept);
          events.emit('stream.delta', { streamId, seq, text });
        },
        notice: (kind, message) => {
          const seq = append(entry.log, { type: 'notice', kind, message }, eventsKept);
          events.emit('stream.notice', { streamId, seq, kind, message });
        },
      };
      const finish = (status: StreamEndStatus, extra: { error?: AppErrorShape; usage?: StreamUsage } = {}) => {
        entry.cancelOrphanStop?.();
        running.delete(streamId);
        const end = { status, ...(status === 'error' && extra.error && { error: extra.error }), ...(extra.usage && { usage: extra.usage }) };
        const seq = append(entry.log, { type: 'end', ...end }, eventsKept);
        remember(streamId, { status, error: status === 'error' ? extra.error : undefined, text: entry.text, log: entry.log, endedAt: clock.now() });
        // Whatever the owner does at the end (storing the reply) must not stop the end event.
        try {
          options.onEnd?.(status, extra.error);
        } catch (error) {
          logger.error({ streamId, err: error }, 'could not record the end of a stream');
        }
        logger.info({ streamId, status, ...(extra.error && { code: extra.error.code }), ...usageFields(extra.usage) }, 'stream ended');
        events.emit('stream.end', { streamId, seq, ...end });
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
          );
      }));
      return streamId;
    },

    /** Stops a stream; stopping one that already ended is not an error. */
    cancel(streamId: string): void {
      stop(streamId, 'cancelled by the writer');
    },

    /**
     * The connection `owner` went away. Its streams stop after `graceMs` (0: at once) unless
     * another connection claims them first through {@link status} — a page whose socket
     * dropped reconnects and asks; a closed window never does.
     */
    release(owner: string, graceMs: number): void {
      const owned = [...running].filter(([, entry]) => entry.owner === owner && !entry.cancelOrphanStop);
      if (owned.length === 0) return;
      logger.info({ owner, streams: owned.length, graceMs }, 'a connection went away; its streams stop unless it comes back');
      for (const [streamId, entry] of owned) {
        if (graceMs <= 0) {
          stop(streamId, 'its connection went away');
          continue;
        }
        entry.cancelOrphanStop = schedule(() => {
          entry.cancelOrphanStop = null;
          stop(streamId, 'its connection did not come back');
        }, graceMs);
      }
    },

    /**
     * What became of each stream. Running ones are claimed by `owner` (the asking connection),
     * which calls off a pending stop from their old connection going away.
     */
    status(streamIds: readonly string[], owner?: string): StreamState[] {
      return streamIds.map((streamId): StreamState => {
        const entry = running.get(streamId);
        if (entry) {
          claim(entry, owner);
          return { streamId, state: 'running', text: entry.text };
        }
        const record = endedRecord(streamId);
        if (!record) return { streamId, state: 'unknown' };
        return { streamId, state: 'ended', status: record.status, ...(record.error && { error: record.error }), text: record.text };
      });
    },

    /**
     * The events of a stream after `afterSeq`, its end included (see {@link StreamReplay}). A
     * running stream is claimed by `owner`, as with {@link status}.
     */
    replay(streamId: string, afterSeq: number, owner?: string): StreamReplay {
      const entry = running.get(streamId);
      if (entry) claim(entry, owner);
      const record = entry ?? endedRecord(streamId);
      if (!record) return { streamId, state: 'unknown', events: [], complete: true, text: '', lastSeq: 0 };
      const { log } = record;
      return {
        streamId,
        state: entry ? 'running' : 'ended',
        events: log.events.filter((event) => event.seq > afterSeq),
        complete: log.dropped <= afterSeq,
        text: record.text,
        lastSeq: log.seq,
      };
    },

    /** Stops everything (the core is closing). */
    cancelAll(): void {
      for (const [streamId, entry] of running) {
        entry.cancelOrphanStop?.();
        entry.cancelOrphanStop = null;
        stop(streamId, 'the core is closing');
      }
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
