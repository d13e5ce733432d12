import type { Logger } from 'pino';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/ipc/contract';
import { AppError, ErrorCode, isAppError, type AppErrorShape } from '../../shared/ipc/errors';
import type { CallResult } from '../../shared/ipc/wire';
import type { CallContext, Handler, Handlers } from '../core/handlers';
import { currentLogContext, newTraceId, withLogContext } from '../core/platform/log-context';

export interface Router {
  /** Parses, dispatches and maps errors. Never throws: a failure is a typed result. */
  call(method: string, rawInput: unknown, context: CallContext): Promise<CallResult>;
  readonly methods: readonly MethodName[];
}

export interface RouterOptions {
  handlers: Handlers;
  logger: Logger;
  /**
   * Check outputs against the contract too (default on): a handler bug becomes a logged
   * INTERNAL error instead of malformed data in the UI. The benchmark includes its cost.
   */
  validateOutput?: boolean;
}

export function createRouter({ handlers, logger, validateOutput = true }: RouterOptions): Router {
  const dispatch = async (method: MethodName, rawInput: unknown, context: CallContext): Promise<CallResult> => {
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return failure({ code: ErrorCode.INVALID_INPUT, message: describeIssues(parsed.error), retryable: false });
    }
    const handler = handlers[method] as Handler<MethodName>;
    const output: unknown = await handler(parsed.data as never, context);
    if (!validateOutput) return { ok: true, data: output };
    const checked = spec.output.safeParse(output);
    if (!checked.success) {
      logger.error({ method, issues: checked.error.issues.slice(0, 5) }, 'handler output broke the contract');
      return failure(internalError());
    }
    return { ok: true, data: checked.data };
  };

  /** Dispatches and never rejects: whatever escapes (parsing included) becomes a typed error. */
  const settle = async (method: MethodName, rawInput: unknown, context: CallContext): Promise<CallResult> => {
    // Parsing is inside the `try` too: zod can throw on hostile input (a getter that throws,
    // a structure deep enough to exhaust the stack), and a rejected call must never escape.
    try {
      return await dispatch(method, rawInput, context);
    } catch (error) {
      return failure(toErrorShape(error, method, logger));
    }
  };

  return {
    methods: Object.keys(handlers) as MethodName[],
    async call(method, rawInput, context) {
      if (!isMethodName(method)) {
        return failure({ code: ErrorCode.UNKNOWN_METHOD, message: `“${String(method).slice(0, 80)}” is not a known action.`, retryable: false });
      }
      // Every line logged while this call runs, down to the database layer, carries its trace.
      return withLogContext({ trace: newTraceId() }, async () => {
        const started = performance.now();
        const result = await settle(method, rawInput, context);
        const ms = Math.round(performance.now() - started);
        if (result.ok) logger.debug({ method, transport: context.transport, ms, ok: true }, 'call');
        else logger.info({ method, transport: context.transport, ms, ok: false, code: result.error.code }, 'call');
        return result;
      });
    },
  };
}

function failure(error: AppErrorShape): CallResult {
  return { ok: false, error };
}

/**
 * The answer to anything unexpected: the cause is in the log, the UI gets a sentence — with the
 * call's trace id when there is one, so a person reporting it can point at the right lines.
 */
export function internalError(): AppErrorShape {
  const trace = currentLogContext()?.trace;
  return {
    code: ErrorCode.INTERNAL,
    message: `Something went wrong inside Nova Studio. Your work is safe; the details were written to the log${trace ? ` (reference ${trace})` : ''}.`,
    retryable: true,
  };
}

/** Maps anything thrown to a wire error. Unexpected errors are logged with their stack here and only here. */
export function toErrorShape(error: unknown, method: string, logger: Logger): AppErrorShape {
  if (isAppError(error)) {
    if (error.code === ErrorCode.STORAGE_FAILED || error.code === ErrorCode.INTERNAL) logger.error({ method, err: error }, error.message);
    return error.toShape();
  }
  if (isSqliteBusy(error)) {
    logger.warn({ method, err: error }, 'database busy');
    return new AppError(ErrorCode.STORAGE_FAILED, 'The database is busy. Try again in a moment.', { retryable: true }).toShape();
  }
  logger.error({ method, err: error }, 'unexpected error in handler');
  return internalError();
}

function isSqliteBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

/** Turns zod's issues into one sentence naming the fields, e.g. “title: A title cannot be empty.” */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `The request was not valid — ${parts.join('; ')}${more}`;
}
