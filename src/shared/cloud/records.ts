import { z } from 'zod';
import { Base64Schema, OpaqueIdSchema, Sha256HexSchema } from './common';

/** Most records one `POST /v1/records` carries (a 10,000-record first sync is ten requests). */
export const MAX_RECORDS_PER_BATCH = 1000;
/** Largest ciphertext of one record, in bytes. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** Largest body of one `POST /v1/records` (base64 makes ciphertext a third bigger). */
export const MAX_BATCH_BODY_BYTES = 24 * 1024 * 1024;
/** Most feed entries one `GET /v1/feed` returns. */
export const MAX_FEED_LIMIT = 1000;

export const RecordWriteSchema = z.object({
  id: OpaqueIdSchema,
  /** The new version: the write applies when the stored version is `version - 1` (0 = absent). */
  version: z.number().int().positive(),
  /** The sealed record (base64). */
  ciphertext: Base64Schema,
});

/** `POST /v1/records`: a batch of compare-and-swap writes, each judged on its own. */
export const PutRecordsRequestSchema = z.object({
  records: z
    .array(RecordWriteSchema)
    .min(1)
    .max(MAX_RECORDS_PER_BATCH)
    .refine((records) => new Set(records.map((record) => record.id)).size === records.length, 'Each record id appears once per batch.'),
});
export type PutRecordsRequest = z.infer<typeof PutRecordsRequestSchema>;

export const FeedHeadSchema = z.object({
  seq: z.number().int().nonnegative(),
  /** `h_seq`, hex; `h_0` (an empty feed) is 64 zeros. */
  hash: Sha256HexSchema,
});
export type FeedHead = z.infer<typeof FeedHeadSchema>;

export const RecordResultSchema = z.discriminatedUnion('status', [
  /** Stored (or already stored: a replay of the same id, version and ciphertext answers the same). */
  z.object({ id: OpaqueIdSchema, status: z.literal('accepted'), version: z.number().int().positive(), seq: z.number().int().positive() }),
  /** Stale base version: `currentVersion` is what the server holds; pull, merge, write `currentVersion + 1`. */
  z.object({ id: OpaqueIdSchema, status: z.literal('conflict'), currentVersion: z.number().int().nonnegative() }),
]);
export type RecordResult = z.infer<typeof RecordResultSchema>;

export const PutRecordsResponseSchema = z.object({
  /** One result per record, in request order. */
  results: z.array(RecordResultSchema),
  head: FeedHeadSchema,
});
export type PutRecordsResponse = z.infer<typeof PutRecordsResponseSchema>;

/** `GET /v1/feed?after=<seq>&limit=<n>`. */
export const FeedQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(MAX_FEED_LIMIT).default(500),
});

export const FeedEntrySchema = z.object({
  seq: z.number().int().positive(),
  id: OpaqueIdSchema,
  version: z.number().int().positive(),
  /** SHA-256 of the ciphertext this entry wrote. */
  ciphertextHash: Sha256HexSchema,
  /** `h_seq` (see `chainPreimage`). */
  chainHash: Sha256HexSchema,
  /** The ciphertext (base64) while this is the record's current version; null once superseded. */
  ciphertext: Base64Schema.nullable(),
});
export type FeedEntry = z.infer<typeof FeedEntrySchema>;

export const FeedResponseSchema = z.object({
  entries: z.array(FeedEntrySchema),
  /** The feed's head when the page was read: keep pulling while `entries` ends before it. */
  head: FeedHeadSchema,
});
export type FeedResponse = z.infer<typeof FeedResponseSchema>;

/** `h_0`: the chain hash of an empty feed. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The bytes hashed to make a feed entry's chain hash: `h_n = SHA-256(chainPreimage(…))`.
 *
 * Exact encoding (all integers unsigned big-endian):
 * - `h_{n-1}`: 32 bytes (the previous entry's chain hash; `h_0` is 32 zero bytes);
 * - `seq`: 8 bytes (uint64);
 * - the record id's length: 2 bytes (uint16), then the id as ASCII (ids are base64url characters);
 * - `version`: 8 bytes (uint64);
 * - SHA-256 of the ciphertext: 32 bytes.
 *
 * The length prefix makes the encoding unambiguous. A client recomputes every entry from the
 * head it trusted before; a reordered, dropped, replayed or rolled-back entry breaks the chain.
 */
export function chainPreimage(previousHash: string, seq: number, id: string, version: number, ciphertextHash: string): Uint8Array {
  const out = new Uint8Array(32 + 8 + 2 + id.length + 8 + 32);
  let at = 0;
  at = putHex(out, at, previousHash);
  at = putUint64(out, at, seq);
  out[at++] = (id.length >>> 8) & 0xff;
  out[at++] = id.length & 0xff;
  for (let i = 0; i < id.length; i += 1) out[at++] = id.charCodeAt(i) & 0x7f;
  at = putUint64(out, at, version);
  putHex(out, at, ciphertextHash);
  return out;
}

function putHex(out: Uint8Array, at: number, hex: string): number {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('A chain hash is 64 lowercase hex characters.');
  for (let i = 0; i < 32; i += 1) out[at + i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return at + 32;
}

function putUint64(out: Uint8Array, at: number, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error('A chain integer is a non-negative safe integer.');
  const high = Math.floor(value / 2 ** 32);
  const low = value >>> 0;
  for (let i = 0; i < 4; i += 1) out[at + i] = (high >>> (24 - i * 8)) & 0xff;
  for (let i = 0; i < 4; i += 1) out[at + 4 + i] = (low >>> (24 - i * 8)) & 0xff;
  return at + 8;
}

/** Largest keyring blob, in bytes. */
export const MAX_KEYRING_BYTES = 64 * 1024;

/** `GET /v1/keyring`: the client's wrapped keys, opaque here. */
export const KeyringResponseSchema = z.object({ version: z.number().int().positive(), blob: Base64Schema });
export type KeyringResponse = z.infer<typeof KeyringResponseSchema>;

/** `PUT /v1/keyring`: replaces the keyring when its version is still `baseVersion` (0 = none yet). */
export const KeyringPutRequestSchema = z.object({ baseVersion: z.number().int().nonnegative(), blob: Base64Schema });
