// sodium-native ships no types; these are the few functions the cloud endpoint calls.
declare module 'sodium-native' {
  export const crypto_pwhash_STRBYTES: number;
  export const crypto_pwhash_OPSLIMIT_INTERACTIVE: number;
  export const crypto_pwhash_MEMLIMIT_INTERACTIVE: number;
  export const crypto_pwhash_OPSLIMIT_MIN: number;
  export const crypto_pwhash_MEMLIMIT_MIN: number;
  export function crypto_pwhash_str_async(out: Uint8Array, password: Uint8Array, opslimit: number, memlimit: number): Promise<void>;
  export function crypto_pwhash_str_verify_async(hash: Uint8Array, password: Uint8Array): Promise<boolean>;
}
