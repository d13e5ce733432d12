import { createRequire } from 'node:module';
import { PWHASH_ALG_ARGON2ID13, SODIUM_SIZES, STREAM_TAG, type SodiumPort, type StreamPuller, type StreamPusher } from './sodium.port';

/** The part of `sodium-native` (which ships no types) this adapter calls. Outputs are written into the first argument. */
interface NativeBinding {
  randombytes_buf(out: Uint8Array): void;
  sodium_memzero(buffer: Uint8Array): void;
  sodium_memcmp(a: Uint8Array, b: Uint8Array): boolean;
  crypto_aead_xchacha20poly1305_ietf_encrypt(c: Uint8Array, m: Uint8Array, ad: Uint8Array, nsec: null, npub: Uint8Array, k: Uint8Array): number;
  crypto_aead_xchacha20poly1305_ietf_decrypt(m: Uint8Array, nsec: null, c: Uint8Array, ad: Uint8Array, npub: Uint8Array, k: Uint8Array): number;
  crypto_generichash(out: Uint8Array, input: Uint8Array, key?: Uint8Array): void;
  crypto_pwhash_async(out: Uint8Array, password: Uint8Array, salt: Uint8Array, ops: number, mem: number, alg: number): Promise<void>;
  crypto_secretstream_xchacha20poly1305_STATEBYTES: number;
  crypto_secretstream_xchacha20poly1305_init_push(state: Uint8Array, header: Uint8Array, k: Uint8Array): void;
  crypto_secretstream_xchacha20poly1305_push(state: Uint8Array, c: Uint8Array, m: Uint8Array, ad: Uint8Array | null, tag: number): number;
  crypto_secretstream_xchacha20poly1305_init_pull(state: Uint8Array, header: Uint8Array, k: Uint8Array): void;
  crypto_secretstream_xchacha20poly1305_pull(state: Uint8Array, m: Uint8Array, tag: Uint8Array, c: Uint8Array, ad: Uint8Array | null): number;
}

/**
 * The native libsodium binding (`sodium-native`, N-API prebuilds for every desktop platform).
 * Throws when the addon cannot load (no prebuild for this platform, or a packaged app whose
 * `.node` file was left inside the asar): the loader then falls back to WASM.
 */
export function createNativeSodium(load: () => unknown = defaultLoad): SodiumPort {
  const native = load() as NativeBinding;
  if (typeof native.crypto_secretstream_xchacha20poly1305_push !== 'function') throw new Error('sodium-native loaded without crypto_secretstream');
  return {
    kind: 'native',
    randomBytes(length) {
      const out = Buffer.alloc(length);
      native.randombytes_buf(out);
      return out;
    },
    memzero: (buffer) => native.sodium_memzero(buffer),
    aeadEncrypt(message, ad, nonce, key) {
      const out = Buffer.alloc(message.length + SODIUM_SIZES.AEAD_TAG);
      native.crypto_aead_xchacha20poly1305_ietf_encrypt(out, message, ad, null, nonce, key);
      return out;
    },
    aeadDecrypt(cipher, ad, nonce, key) {
      if (cipher.length < SODIUM_SIZES.AEAD_TAG) return null;
      const out = Buffer.alloc(cipher.length - SODIUM_SIZES.AEAD_TAG);
      try {
        native.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, cipher, ad, nonce, key);
        return out;
      } catch {
        // sodium-native throws when the tag does not verify.
        return null;
      }
    },
    genericHash(length, message, key) {
      const out = Buffer.alloc(length);
      if (key) native.crypto_generichash(out, message, key);
      else native.crypto_generichash(out, message);
      return out;
    },
    async pwhash(length, password, salt, opsLimit, memLimit) {
      const out = Buffer.alloc(length);
      await native.crypto_pwhash_async(out, password, salt, opsLimit, memLimit, PWHASH_ALG_ARGON2ID13);
      return out;
    },
    equal: (a, b) => a.length === b.length && native.sodium_memcmp(a, b),
    streamPusher: (key) => nativePusher(native, key),
    streamPuller: (header, key) => nativePuller(native, header, key),
  };
}

function defaultLoad(): unknown {
  return createRequire(import.meta.url)('sodium-native');
}

function nativePusher(native: NativeBinding, key: Uint8Array): StreamPusher {
  const state = Buffer.alloc(native.crypto_secretstream_xchacha20poly1305_STATEBYTES);
  const header = Buffer.alloc(SODIUM_SIZES.STREAM_HEADER);
  native.crypto_secretstream_xchacha20poly1305_init_push(state, header, key);
  return {
    header,
    push(message, ad, final) {
      const out = Buffer.allocUnsafe(message.length + SODIUM_SIZES.STREAM_OVERHEAD);
      native.crypto_secretstream_xchacha20poly1305_push(state, out, message, ad, final ? STREAM_TAG.FINAL : STREAM_TAG.MESSAGE);
      return out;
    },
    pushInto(message, ad, final, out) {
      if (out.length !== message.length + SODIUM_SIZES.STREAM_OVERHEAD) throw new RangeError('pushInto: out must be the message length + 17 bytes');
      native.crypto_secretstream_xchacha20poly1305_push(state, out, message, ad, final ? STREAM_TAG.FINAL : STREAM_TAG.MESSAGE);
    },
  };
}

function nativePuller(native: NativeBinding, header: Uint8Array, key: Uint8Array): StreamPuller {
  const state = Buffer.alloc(native.crypto_secretstream_xchacha20poly1305_STATEBYTES);
  native.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key);
  const tag = Buffer.alloc(1);
  return {
    pull(cipher, ad) {
      if (cipher.length < SODIUM_SIZES.STREAM_OVERHEAD) return null;
      const message = Buffer.allocUnsafe(cipher.length - SODIUM_SIZES.STREAM_OVERHEAD);
      try {
        native.crypto_secretstream_xchacha20poly1305_pull(state, message, tag, cipher, ad);
      } catch {
        return null;
      }
      return { message, tag: tag[0] ?? -1 };
    },
  };
}
