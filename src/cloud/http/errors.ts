import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CLOUD_ERROR_STATUS, type CloudError, type CloudErrorCode } from '../../shared/cloud/errors';

/** An error a handler throws to answer `{ code, message, … }` with the code's status. */
export class CloudHttpError extends Error {
  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly extra: Omit<CloudError, 'code' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function fail(code: CloudErrorCode, message: string, extra: Omit<CloudError, 'code' | 'message'> = {}): never {
  throw new CloudHttpError(code, message, extra);
}

export interface ErrorLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** Maps anything thrown to `{ code, message }`; the unexpected is logged, never sent. */
export function errorResponse(error: unknown, c: Context, log: ErrorLog): Response {
  if (error instanceof CloudHttpError) {
    const body: CloudError = { code: error.code, message: error.message, ...error.extra };
    return c.json(body, CLOUD_ERROR_STATUS[error.code], error.headers);
  }
  if (error instanceof HTTPException && error.status === 413) {
    return c.json({ code: 'TOO_LARGE', message: 'The request body is larger than this route accepts.' } satisfies CloudError, 413);
  }
  log.error({ err: error, path: c.req.path, method: c.req.method }, 'cloud request failed');
  return c.json({ code: 'INTERNAL', message: 'The server failed; it has been logged. Try again later.' } satisfies CloudError, 500);
}
