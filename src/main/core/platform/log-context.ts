import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** Fields every log line written on behalf of one call or one stream carries. */
export interface LogContext {
  /** A short random id: one per router call, one per stream. */
  trace: string;
  /** The stream this work belongs to, when it is a stream's. */
  streamId?: string;
  /** The background job this work belongs to, when it is a job's. */
  jobId?: string;
}

/**
 * The one piece of module state in the logging ports, on purpose: async context has to follow
 * a call through every `await` into code that never sees the call (a service, the database
 * layer, an SDK callback), and AsyncLocalStorage is how Node does that. The alternative —
 * passing a child logger to every handler and service — would change every signature in the
 * core for a field on a log line. The store holds only these few ids; nothing reads it but
 * the logger's mixin (see createLogger); the stream registry and the job runner start a new
 * trace for their work.
 */
const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` (and everything it starts, sync or async) with `context` on its log lines. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the running call or stream, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** 12 hex characters: short enough to read out, random enough not to collide within a log. */
export function newTraceId(): string {
  return randomBytes(6).toString('hex');
}
