import { z } from 'zod';

/** Opaque ids chosen by clients or the server: base64url characters only, so they encode as ASCII. */
export const OpaqueIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'An id is 1–128 characters of A–Z, a–z, 0–9, _ and -.');

/** Opaque bytes in JSON: standard base64. */
export const Base64Schema = z.base64();

/** A SHA-256 as 64 lowercase hex characters. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex characters.');

/** Milliseconds since the epoch. */
export const EpochMsSchema = z.number().int().nonnegative();
