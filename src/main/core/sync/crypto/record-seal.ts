import { cryptoErrors } from './crypto-errors';
import type { Keyring } from './keyring';
import { pad, unpad } from './padding';
import { SODIUM_SIZES, type SodiumPort } from './sodium.port';

/** Records below this many bytes all pad to it: the server cannot tell a chapter title from a chat pin. */
export const RECORD_PAD_FLOOR = 256;
const FORMAT = 1;
const HEADER = 1 + SODIUM_SIZES.AEAD_NONCE;
const text = new TextEncoder();
const DOMAIN = text.encode('nova-record v1');

/** Where a record lives: sealing binds its bytes to exactly this place and version. */
export interface RecordAddress {
  collection: string;
  id: string;
  /** The version the record is stored at (an integer ≥ 0; the server's compare-and-swap counter). */
  version: number;
}

export interface RecordSealer {
  /**
   * Pads `plaintext` to its size bucket and seals it with XChaCha20-Poly1305 IETF under the
   * collection's key; associated data = (format, collection, id, version). Layout:
   * `[format 1][nonce 24][ciphertext + tag 16]`.
   */
  sealRecord(input: RecordAddress & { plaintext: Uint8Array }): Uint8Array;
  /**
   * The plaintext of a sealed record at this address. TAMPERED when any byte changed, or the
   * blob was moved to another id or collection, or replayed at another version; KEYS_LOCKED
   * when the keyring is locked.
   */
  openRecord(input: RecordAddress & { sealed: Uint8Array }): Uint8Array;
  /**
   * The opaque id the server knows a record by: keyed BLAKE2b-128 of (collection, id) under the
   * id key, as 32 hex characters. The same on every device with these keys; meaningless without them.
   */
  serverIdOf(collection: string, id: string): string;
}

export function createRecordSealer(deps: { sodium: SodiumPort; keyring: Keyring }): RecordSealer {
  const { sodium, keyring } = deps;
  return {
    sealRecord({ plaintext, ...address }) {
      const key = keyring.collectionKey(address.collection);
      const nonce = sodium.randomBytes(SODIUM_SIZES.AEAD_NONCE);
      const cipher = sodium.aeadEncrypt(pad(plaintext, RECORD_PAD_FLOOR), associatedData(address), nonce, key);
      const out = new Uint8Array(HEADER + cipher.length);
      out[0] = FORMAT;
      out.set(nonce, 1);
      out.set(cipher, HEADER);
      return out;
    },
    openRecord({ sealed, ...address }) {
      const key = keyring.collectionKey(address.collection);
      const what = `The ${address.collection} record ${address.id}`;
      if (sealed.length < HEADER + SODIUM_SIZES.AEAD_TAG || sealed[0] !== FORMAT) throw cryptoErrors.tampered(what);
      const padded = sodium.aeadDecrypt(sealed.subarray(HEADER), associatedData(address), sealed.subarray(1, HEADER), key);
      const plaintext = padded && unpad(padded);
      if (!plaintext) throw cryptoErrors.tampered(what);
      return plaintext;
    },
    serverIdOf(collection, id) {
      return Buffer.from(sodium.genericHash(16, lengthPrefixed(collection, id), keyring.idKey())).toString('hex');
    },
  };
}

/** format ‖ domain ‖ len+collection ‖ len+id ‖ version (u64 BE): lengths keep ("ab","c") apart from ("a","bc"). */
function associatedData(address: RecordAddress): Uint8Array {
  if (!Number.isSafeInteger(address.version) || address.version < 0) throw new RangeError('a record version is an integer ≥ 0');
  const fields = lengthPrefixed(address.collection, address.id);
  const out = new Uint8Array(1 + DOMAIN.length + fields.length + 8);
  out[0] = FORMAT;
  out.set(DOMAIN, 1);
  out.set(fields, 1 + DOMAIN.length);
  new DataView(out.buffer).setBigUint64(out.length - 8, BigInt(address.version));
  return out;
}

function lengthPrefixed(...parts: string[]): Uint8Array {
  const encoded = parts.map((part) => text.encode(part));
  const out = new Uint8Array(encoded.reduce((sum, part) => sum + 4 + part.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of encoded) {
    view.setUint32(at, part.length);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}
