import { z } from 'zod';
import { cryptoErrors } from './crypto-errors';
import { PWHASH_LIMITS, SODIUM_SIZES } from './sodium.port';

/** Argon2id work factors stored in an envelope, so an unlock always re-derives with the ones used to lock. */
export interface KdfParams {
  ops: number;
  /** Bytes of memory. */
  mem: number;
}

/**
 * The production default: libsodium's MODERATE (3 passes over 256 MiB). Measured here
 * (`bench/sync-crypto.ts`, CPU time on a busy 2-core machine): 0.5–0.9 s native, 0.9–1.3 s WASM,
 * once per unlock or passphrase change — acceptable for a step the writer takes rarely, while
 * INTERACTIVE (64 MiB) would make each guess by someone holding the envelope ~4× cheaper.
 */
export const DEFAULT_KDF: KdfParams = { ops: PWHASH_LIMITS.OPS_MODERATE, mem: PWHASH_LIMITS.MEM_MODERATE };
/** libsodium's minimum: for tests only, where Argon2id's cost is not what is tested. */
export const MIN_KDF: KdfParams = { ops: PWHASH_LIMITS.OPS_MIN, mem: PWHASH_LIMITS.MEM_MIN };

/** Upper bounds an envelope may ask for: a hostile server must not make an unlock take an hour or all memory. */
const MAX_OPS = 10;
const MAX_MEM = 1024 * 1024 * 1024;

const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((text) => Buffer.from(text, 'base64').length === bytes, `must decode to ${bytes} bytes`);

const wrapSchema = z.strictObject({
  nonce: base64Of(SODIUM_SIZES.AEAD_NONCE),
  /** The 32-byte master key under XChaCha20-Poly1305 with the slot's KEK: 48 bytes. */
  wrapped: base64Of(SODIUM_SIZES.KEY + SODIUM_SIZES.AEAD_TAG),
  /** 16 bytes of BLAKE2b keyed by the KEK: tells a wrong passphrase from a damaged `wrapped`. */
  check: base64Of(16),
});

/**
 * The serialised key envelope: everything needed to unlock the master key, and nothing that
 * helps without the passphrase or the recovery key. Safe to store on the server (opaque to it).
 */
export const keyEnvelopeSchema = z.strictObject({
  format: z.literal('nova-keyring'),
  version: z.literal(1),
  /** 8 bytes derived from the master key: names which keys sealed a record, reveals nothing of them. */
  keyId: base64Of(8),
  kdf: z.strictObject({
    alg: z.literal('argon2id13'),
    ops: z.number().int().min(PWHASH_LIMITS.OPS_MIN).max(MAX_OPS),
    mem: z.number().int().min(PWHASH_LIMITS.MEM_MIN).max(MAX_MEM),
    salt: base64Of(SODIUM_SIZES.PWHASH_SALT),
  }),
  passphrase: wrapSchema,
  recovery: wrapSchema,
  /** 16 bytes of BLAKE2b keyed by the master key: proves an unwrapped key is this envelope's. */
  keyCheck: base64Of(16),
});

export type KeyEnvelope = z.infer<typeof keyEnvelopeSchema>;
export type KeyWrap = z.infer<typeof wrapSchema>;

/** Reads an envelope (parsed JSON or its text); a damaged one is TAMPERED, never a crash. */
export function parseKeyEnvelope(input: unknown): KeyEnvelope {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw cryptoErrors.tampered('The key envelope');
    }
  }
  const parsed = keyEnvelopeSchema.safeParse(value);
  if (!parsed.success) throw cryptoErrors.tampered('The key envelope');
  return parsed.data;
}

/** The envelope as JSON text (what is stored locally and uploaded). */
export function serializeKeyEnvelope(envelope: KeyEnvelope): string {
  return JSON.stringify(envelope);
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
