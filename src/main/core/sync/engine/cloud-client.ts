import type { z } from 'zod';
import { CloudErrorSchema, type CloudError } from '../../../../shared/cloud/errors';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { Random, Timers } from '../../platform/clock';

/** How a call is retried: 429 waits `Retry-After`; 5xx and network failures back off with full jitter. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Longest `Retry-After` honoured before giving up with RATE_LIMITED (seconds). */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000, maxRetryAfterSeconds: 60 };

export interface CloudClientDeps {
  /** The endpoint's address (`https://sync.example.com`), without `/v1`. */
  baseUrl: string;
  /** The bearer token of this device, or null before sign-in. */
  token: () => string | null;
  timers: Timers;
  random: Random;
  fetch?: typeof fetch;
  /** Per-attempt timeout (ms). */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export interface CloudRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below `/v1`, with its query string. */
  route: string;
  json?: unknown;
  /** The answer's shape; omitted for 204 answers. */
  schema?: z.ZodType<T>;
  /** Whether the bearer token is sent (every route but sign-up and sign-in). */
  auth?: boolean;
}

/**
 * An endpoint's refusal, as an {@link AppError} the UI can show, with the endpoint's own code
 * and recovery number kept for the engine (a CAS conflict's `currentVersion`).
 */
export class CloudCallError extends AppError {
  readonly cloud: CloudError | null;
  readonly status: number | null;

  constructor(code: ErrorCode, message: string, options: { cloud?: CloudError | null; status?: number | null; retryable?: boolean; cause?: unknown } = {}) {
    super(code, message, { retryable: options.retryable ?? false, cause: options.cause });
    this.cloud = options.cloud ?? null;
    this.status = options.status ?? null;
  }
}

/** The request core every sync and backup call goes through. */
export interface CloudClient {
  readonly baseUrl: string;
  request<T>(request: CloudRequest<T>): Promise<T>;
}

const offline = (cause: unknown) =>
  new CloudCallError(ErrorCode.SYNC_OFFLINE, 'The sync server cannot be reached. Your changes are kept on this device and sync when it is back.', {
    retryable: true,
    cause,
  });

/** The app's error for an endpoint's error answer. */
export function appErrorOfCloud(status: number, cloud: CloudError | null): CloudCallError {
  const message = cloud?.message ?? `The sync server answered ${status}.`;
  const options = { cloud, status };
  switch (cloud?.code) {
    case 'UNAUTHORIZED':
      return new CloudCallError(ErrorCode.SYNC_SIGNED_OUT, 'This device is no longer signed in to sync (signed out elsewhere, or expired). Sign in again.', options);
    case 'QUOTA_EXCEEDED':
      return new CloudCallError(ErrorCode.SYNC_QUOTA_EXCEEDED, `Your sync storage is full: ${message}`, options);
    case 'RATE_LIMITED':
      return new CloudCallError(ErrorCode.RATE_LIMITED, 'The sync server asked this device to slow down. Sync tries again shortly.', { ...options, retryable: true });
    case 'CONFLICT':
      return new CloudCallError(ErrorCode.CONFLICT, message, options);
    case 'INTERNAL':
    case 'STORAGE_UNAVAILABLE':
    case undefined:
      if (status >= 500 || cloud === null) return new CloudCallError(ErrorCode.SYNC_SERVER_FAILED, `The sync server failed (${message}). Sync tries again later.`, { ...options, retryable: true });
      return new CloudCallError(ErrorCode.SYNC_REJECTED, message, options);
    default:
      return new CloudCallError(ErrorCode.SYNC_REJECTED, message, options);
  }
}

/**
 * Typed HTTP to the cloud endpoint: JSON in, every answer parsed with the shared zod shape (a
 * malformed answer is SYNC_SERVER_FAILED, never a crash), the bearer token, a timeout per
 * attempt, and retries: a 429 waits its `Retry-After`, a 5xx or a network failure backs off
 * ("full jitter", doubling). Client errors (4xx) are final.
 */
export function createCloudClient(deps: CloudClientDeps): CloudClient {
  const doFetch = deps.fetch ?? fetch;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const wait = (ms: number) => new Promise<void>((resolve) => deps.timers.schedule(resolve, ms));

  const attempt = async <T>(request: CloudRequest<T>): Promise<{ ok: true; value: T } | { ok: false; error: CloudCallError; waitMs: number | null }> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.auth !== false) {
      const token = deps.token();
      if (!token) return { ok: false, error: new CloudCallError(ErrorCode.SYNC_SIGNED_OUT, 'This device is not signed in to sync.'), waitMs: null };
      headers.authorization = `Bearer ${token}`;
    }
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const cancel = deps.timers.schedule(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${baseUrl}/v1${request.route}`, {
        method: request.method,
        headers,
        ...(request.json !== undefined && { body: JSON.stringify(request.json) }),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      return { ok: false, error: offline(error), waitMs: 0 };
    } finally {
      cancel();
    }
    const body = parseJson(text);
    if (response.ok) {
      if (!request.schema) return { ok: true, value: undefined as T };
      const parsed = request.schema.safeParse(body);
      if (parsed.success) return { ok: true, value: parsed.data };
      return { ok: false, error: new CloudCallError(ErrorCode.SYNC_SERVER_FAILED, 'The sync server answered something this version of Nova Studio does not understand.', { status: response.status }), waitMs: null };
    }
    const cloud = CloudErrorSchema.safeParse(body);
    const error = appErrorOfCloud(response.status, cloud.success ? cloud.data : null);
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? (cloud.success ? cloud.data.retryAfterSeconds : undefined) ?? 1);
      const waitSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 1;
      return { ok: false, error, waitMs: waitSeconds <= retry.maxRetryAfterSeconds ? waitSeconds * 1000 : null };
    }
    // A failing server may recover in a moment; a full account (507) or a refusal will not.
    return { ok: false, error, waitMs: error.retryable ? 0 : null };
  };

  return {
    baseUrl,
    async request(request) {
      for (let tried = 1; ; tried += 1) {
        const outcome = await attempt(request);
        if (outcome.ok) return outcome.value;
        if (outcome.waitMs === null || tried >= retry.attempts) throw outcome.error;
        // A 429 names its wait; other failures back off: uniform in [0, min(max, base × 2^(n−1))).
        const backoff = Math.floor(deps.random.next() * Math.min(retry.maxMs, retry.baseMs * 2 ** (tried - 1)));
        await wait(outcome.waitMs > 0 ? outcome.waitMs : backoff);
      }
    },
  };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
