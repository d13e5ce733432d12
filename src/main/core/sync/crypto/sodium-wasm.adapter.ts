import sodium from 'libsodium-wrappers-sumo';
import { PWHASH_ALG_ARGON2ID13, SODIUM_SIZES, type SodiumPort, type StreamPuller, type StreamPusher } from './sodium.port';

/**
 * The WASM build of libsodium (`libsodium-wrappers-sumo`: the sumo build, because the standard
 * one has no crypto_pwhash). Works in every place the core runs; the port used when the native
 * binding does not load, and by the browser-mode tests.
 */
export async function createWasmSodium(): Promise<SodiumPort> {
  await sodium.ready;
  return {
    kind: 'wasm',
    randomBytes: (length) => sodium.randombytes_buf(length),
    memzero: (buffer) => sodium.memzero(buffer),
    aeadEncrypt: (message, ad, nonce, key) => sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(message, ad, null, nonce, key),
    aeadDecrypt(cipher, ad, nonce, key) {
      try {
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, cipher, ad, nonce, key);
      } catch {
        // libsodium.js throws on a failed tag (and on a ciphertext shorter than the tag).
        return null;
      }
    },
    genericHash: (length, message, key) => sodium.crypto_generichash(length, message, key),
    pwhash: (length, password, salt, opsLimit, memLimit) => Promise.resolve(sodium.crypto_pwhash(length, password, salt, opsLimit, memLimit, PWHASH_ALG_ARGON2ID13)),
    equal: (a, b) => a.length === b.length && sodium.memcmp(a, b),
    streamPusher: (key) => wasmPusher(key),
    streamPuller: (header, key) => wasmPuller(header, key),
  };
}

function wasmPusher(key: Uint8Array): StreamPusher {
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const push = (message: Uint8Array, ad: Uint8Array | null, final: boolean) =>
    sodium.crypto_secretstream_xchacha20poly1305_push(
      state,
      message,
      ad,
      final ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
    );
  return {
    header,
    push,
    // The WASM build has no in-place form: encrypted in its own memory, then copied.
    pushInto(message, ad, final, out) {
      if (out.length !== message.length + SODIUM_SIZES.STREAM_OVERHEAD) throw new RangeError('pushInto: out must be the message length + 17 bytes');
      out.set(push(message, ad, final));
    },
  };
}

function wasmPuller(header: Uint8Array, key: Uint8Array): StreamPuller {
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  return {
    pull(cipher, ad) {
      try {
        const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad);
        return result === false ? null : result;
      } catch {
        return null;
      }
    },
  };
}
