import type { Logger } from '../../platform/logger';
import { createNativeSodium } from './sodium-native.adapter';
import type { SodiumPort } from './sodium.port';
import { createWasmSodium } from './sodium-wasm.adapter';

export interface LoadSodiumOptions {
  /** Where the notice about falling back to WASM goes. */
  logger: Pick<Logger, 'warn' | 'info'>;
  /** `wasm` skips the native binding (the browser-mode tests pin the portable build this way). Default `native`. */
  prefer?: 'native' | 'wasm';
  /** Loads the native addon; tests pass one that throws to exercise the fallback. */
  loadNative?: () => unknown;
}

/**
 * The libsodium the main side uses: the native binding when it loads (measured by
 * `bench/sync-crypto.ts` here: ~2.5× the WASM build's secretstream throughput, ~3.5× its records
 * a second, Argon2id in ~0.7× the time, run off the main thread), otherwise the WASM build with a
 * logged notice. Both write the same bytes, so which one ran never shows in the data.
 */
export async function loadSodium(options: LoadSodiumOptions): Promise<SodiumPort> {
  if (options.prefer === 'wasm') return createWasmSodium();
  try {
    return createNativeSodium(options.loadNative);
  } catch (error) {
    // Only the reason's message: an addon error names a path, never anything secret.
    options.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'sodium-native did not load; sync encryption uses the slower WASM build of libsodium');
    return createWasmSodium();
  }
}
