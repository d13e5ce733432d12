import { z } from 'zod';

/**
 * Every failure that crosses the IPC boundary is one of these codes. The renderer maps a code
 * to a human message and an action; the `message` travels too so a new code is never silent.
 */
export const ErrorCode = {
  /** The input did not match the contract's schema. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The method name is not part of the contract. */
  UNKNOWN_METHOD: 'UNKNOWN_METHOD',
  /** An id in the input does not name a live record. */
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with the current state (for example a stale revision). */
  CONFLICT: 'CONFLICT',
  /** A scene's text is above the size the core stores (shared/text/scene-size.ts): split it. */
  SCENE_TOO_LARGE: 'SCENE_TOO_LARGE',
  /** The caller is not allowed to use this transport (bad token, foreign origin or frame). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** The local database could not be opened, migrated or written. */
  STORAGE_FAILED: 'STORAGE_FAILED',
  /** An export could not be produced. */
  EXPORT_FAILED: 'EXPORT_FAILED',
  /** A model provider could not be reached (Ollama not running, no network for a cloud API). */
  PROVIDER_UNREACHABLE: 'PROVIDER_UNREACHABLE',
  /** The provider rejected the API key. */
  PROVIDER_AUTH: 'PROVIDER_AUTH',
  /** The provider asked us to slow down. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The prompt is longer than the model's context window. */
  CONTEXT_TOO_LONG: 'CONTEXT_TOO_LONG',
  /** The model is not installed (Ollama) or does not exist for this key. */
  MODEL_MISSING: 'MODEL_MISSING',
  /** The model's answer did not match the prompt's JSON Schema, even after one repair attempt. */
  INVALID_OUTPUT: 'INVALID_OUTPUT',
  /** The user stopped the call. */
  CANCELLED: 'CANCELLED',
  /** The provider took too long to answer. */
  TIMEOUT: 'TIMEOUT',
  /** The provider failed in another way (5xx, dropped connection). */
  PROVIDER_FAILED: 'PROVIDER_FAILED',
  /** No model is set up for this kind of task: the user needs Ollama or a key. */
  NO_MODEL_AVAILABLE: 'NO_MODEL_AVAILABLE',
  /** The prompt is locked and cannot be edited. */
  LOCKED: 'LOCKED',
  /** A content policy rule blocks this (an agent's proposal breaks a blocking rule): edit it, or change the policy. */
  POLICY_BLOCKED: 'POLICY_BLOCKED',
  /** The request is bigger than the core accepts for its kind (a whole frame over its size class). */
  TOO_LARGE: 'TOO_LARGE',
  /** The core is busy with other large requests; try again shortly. */
  BUSY: 'BUSY',
  /** No working ffmpeg/ffprobe was found (FFMPEG_BIN, the bundled binary, the system PATH). */
  FFMPEG_MISSING: 'FFMPEG_MISSING',
  /** ffmpeg or ffprobe failed on a media stage; the message names the stage and ends with ffmpeg's last log lines. */
  FFMPEG_FAILED: 'FFMPEG_FAILED',
  // — Sync crypto (issue 10, src/main/core/sync/crypto) —
  /** The passphrase does not unlock the sync keys. */
  WRONG_PASSPHRASE: 'WRONG_PASSPHRASE',
  /** The recovery key does not unlock the sync keys (it parsed, so it is another key, not a typo). */
  WRONG_RECOVERY_KEY: 'WRONG_RECOVERY_KEY',
  /** The recovery key as typed has a typo (its checksum does not match) or is not a recovery key at all. */
  INVALID_RECOVERY_KEY: 'INVALID_RECOVERY_KEY',
  /** Encrypted data was changed, or does not belong where it was found (another record, collection or version): it was not opened. */
  TAMPERED: 'TAMPERED',
  /** Encrypted data ends early: part of it is missing. */
  TRUNCATED: 'TRUNCATED',
  /** The sync keys are locked: the passphrase (or the recovery key) unlocks them. */
  KEYS_LOCKED: 'KEYS_LOCKED',
  // — Sync engine (issue 10, src/main/core/sync/engine) —
  /** The sync server cannot be reached (no network, server down, too slow): changes wait on this device. */
  SYNC_OFFLINE: 'SYNC_OFFLINE',
  /** The sync server refused the request (wrong password, email taken, revoked device): the message says which. */
  SYNC_REJECTED: 'SYNC_REJECTED',
  /** This device's sign-in expired or was revoked: sign in again. */
  SYNC_SIGNED_OUT: 'SYNC_SIGNED_OUT',
  /** The account's storage is full: upgrade the plan or free space. */
  SYNC_QUOTA_EXCEEDED: 'SYNC_QUOTA_EXCEEDED',
  /** The sync server failed or answered something this version does not understand. */
  SYNC_SERVER_FAILED: 'SYNC_SERVER_FAILED',
  /** The sync server's data is not what this device knows it sent (rolled back, reordered, dropped, altered): nothing was applied. */
  SYNC_SERVER_TAMPERED: 'SYNC_SERVER_TAMPERED',
  /** The feature is not available in this build yet. */
  NOT_AVAILABLE: 'NOT_AVAILABLE',
  /** The transport to the core is down (renderer-side only). */
  DISCONNECTED: 'DISCONNECTED',
  /** Anything unexpected: logged in full on the core side, summarised for the user. */
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const appErrorSchema = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  retryable: z.boolean(),
});

/** The wire shape of an error: a code, a sentence a person understands, and whether to retry. */
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** An error value with a code. Thrown inside the core, serialised to {@link AppErrorShape} at the boundary. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function notFound(what: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} was not found. It may have been deleted.`);
}
