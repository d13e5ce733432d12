/**
 * The few libsodium primitives sync crypto uses, behind one port with two adapters: the WASM
 * build (`libsodium-wrappers-sumo`, runs wherever JavaScript does) and the native binding
 * (`sodium-native`, several times faster for bulk work). Both are the same C library, so
 * everything either one writes the other reads (sodium-compat.test.ts checks it both ways).
 */

/** Which build a port runs on. */
export type SodiumKind = 'native' | 'wasm';

/** Sizes fixed by libsodium for the algorithms below (the same in both builds). */
export const SODIUM_SIZES = {
  /** XChaCha20-Poly1305 IETF, crypto_secretstream and BLAKE2b keys. */
  KEY: 32,
  /** XChaCha20-Poly1305 IETF nonce. */
  AEAD_NONCE: 24,
  /** XChaCha20-Poly1305 IETF tag. */
  AEAD_TAG: 16,
  /** crypto_secretstream_xchacha20poly1305 header. */
  STREAM_HEADER: 24,
  /** crypto_secretstream_xchacha20poly1305 per-message overhead (tag byte + MAC). */
  STREAM_OVERHEAD: 17,
  /** crypto_pwhash salt. */
  PWHASH_SALT: 16,
} as const;

/** crypto_secretstream tags we write: every chunk but the last is MESSAGE, the last FINAL. */
export const STREAM_TAG = { MESSAGE: 0, FINAL: 3 } as const;

/** crypto_pwhash_ALG_ARGON2ID13: Argon2id version 1.3, the same number in both builds. */
export const PWHASH_ALG_ARGON2ID13 = 2;

/** Argon2id work factors (libsodium's names and values). */
export const PWHASH_LIMITS = {
  OPS_MIN: 1,
  MEM_MIN: 8192,
  OPS_INTERACTIVE: 2,
  MEM_INTERACTIVE: 64 * 1024 * 1024,
  OPS_MODERATE: 3,
  MEM_MODERATE: 256 * 1024 * 1024,
} as const;

/** The encrypting end of one crypto_secretstream. */
export interface StreamPusher {
  /** Sent first, in the clear: the stream's random nonce. */
  readonly header: Uint8Array;
  /** Encrypts one chunk; `final` tags it as the last. Returns chunk length + 17 bytes. */
  push(message: Uint8Array, ad: Uint8Array | null, final: boolean): Uint8Array;
  /**
   * {@link push} into `out` (exactly message length + 17 bytes): a caller that reuses its output
   * arrays spares the allocation, the page faults of fresh memory and the garbage collection.
   */
  pushInto(message: Uint8Array, ad: Uint8Array | null, final: boolean, out: Uint8Array): void;
}

/** The decrypting end of one crypto_secretstream. */
export interface StreamPuller {
  /** Decrypts the next chunk, or `null` when it fails to authenticate (changed, out of order, wrong key). */
  pull(cipher: Uint8Array, ad: Uint8Array | null): { message: Uint8Array; tag: number } | null;
}

/** libsodium, as sync crypto uses it. Inputs are never modified; outputs are fresh arrays. */
export interface SodiumPort {
  readonly kind: SodiumKind;
  randomBytes(length: number): Uint8Array;
  /** Overwrites `buffer` with zeros (keys leaving memory). */
  memzero(buffer: Uint8Array): void;
  /** XChaCha20-Poly1305 IETF: ciphertext followed by the 16-byte tag. */
  aeadEncrypt(message: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array;
  /** The plaintext, or `null` when the tag does not verify. */
  aeadDecrypt(cipher: Uint8Array, ad: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;
  /** BLAKE2b (crypto_generichash) of 16–64 bytes (sodium-native refuses shorter), keyed when `key` is given (16–64 bytes). */
  genericHash(length: number, message: Uint8Array, key: Uint8Array | null): Uint8Array;
  /** Argon2id v1.3 (crypto_pwhash). Native runs it on the libuv pool; WASM blocks while it runs. */
  pwhash(length: number, password: Uint8Array, salt: Uint8Array, opsLimit: number, memLimit: number): Promise<Uint8Array>;
  /** Constant-time comparison of two arrays of the same length. */
  equal(a: Uint8Array, b: Uint8Array): boolean;
  streamPusher(key: Uint8Array): StreamPusher;
  streamPuller(header: Uint8Array, key: Uint8Array): StreamPuller;
}
