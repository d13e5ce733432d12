import { z } from 'zod';

/**
 * Every error the cloud endpoint answers is `{ code, message }` (plus, for a few codes, the one
 * number a client needs to recover: the current version, offset or wait). The HTTP status goes
 * with the code, so a client can switch on either.
 */
export const CloudErrorCode = {
  /** The request did not match its schema (body, query or headers). */
  INVALID_INPUT: 'INVALID_INPUT',
  /** No valid token: missing, unknown, expired, revoked, or its device was revoked. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Sign-in failed: the email or the password is wrong (never says which). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Sign-up with an email that has an account, and a different password. */
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** The thing named by the path does not exist for this account. */
  NOT_FOUND: 'NOT_FOUND',
  /** A compare-and-swap lost: `currentVersion` says what is stored. */
  CONFLICT: 'CONFLICT',
  /** A chunk claimed an offset other than the upload's: `currentOffset` says where to resume. */
  OFFSET_MISMATCH: 'OFFSET_MISMATCH',
  /** The uploaded bytes do not hash to the SHA-256 the client sent. */
  CHECKSUM_MISMATCH: 'CHECKSUM_MISMATCH',
  /** The thing is still referenced (a blob used by a backup). */
  IN_USE: 'IN_USE',
  /** The request body is larger than this route accepts. */
  TOO_LARGE: 'TOO_LARGE',
  /** The write would take the account above its plan's storage. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** Too many requests: wait `retryAfterSeconds` (also in `Retry-After`). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A byte range outside the blob. */
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
  /** The Stripe webhook signature is missing, forged, for another body, or too old. */
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  /** Billing is not set up on this endpoint (no Stripe key or price for the plan). */
  BILLING_UNAVAILABLE: 'BILLING_UNAVAILABLE',
  /** Stripe could not be reached or refused the call. */
  BILLING_FAILED: 'BILLING_FAILED',
  /** The storage behind the endpoint is not answering. */
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  /** Anything unexpected (logged in full on the server). */
  INTERNAL: 'INTERNAL',
} as const;
export type CloudErrorCode = (typeof CloudErrorCode)[keyof typeof CloudErrorCode];

/** The HTTP status of each code. */
export const CLOUD_ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  EMAIL_TAKEN: 409,
  NOT_FOUND: 404,
  CONFLICT: 409,
  OFFSET_MISMATCH: 409,
  CHECKSUM_MISMATCH: 422,
  IN_USE: 409,
  TOO_LARGE: 413,
  QUOTA_EXCEEDED: 507,
  RATE_LIMITED: 429,
  RANGE_NOT_SATISFIABLE: 416,
  BAD_SIGNATURE: 400,
  BILLING_UNAVAILABLE: 503,
  BILLING_FAILED: 502,
  STORAGE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<CloudErrorCode, number>;

export const CloudErrorSchema = z.object({
  code: z.enum(Object.values(CloudErrorCode) as [CloudErrorCode, ...CloudErrorCode[]]),
  message: z.string(),
  /** With CONFLICT: the stored version. */
  currentVersion: z.number().int().nonnegative().optional(),
  /** With OFFSET_MISMATCH: the upload's durable offset. */
  currentOffset: z.number().int().nonnegative().optional(),
  /** With RATE_LIMITED: whole seconds to wait. */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type CloudError = z.infer<typeof CloudErrorSchema>;
