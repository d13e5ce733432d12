import { createHmac } from 'node:crypto';
import type { Keyring } from '../crypto';

const text = new TextEncoder();

/**
 * The keys of backups, derived from the master key through the keyring: one encrypts packs, one
 * names chunks (keyed, so the same bytes in two accounts get unrelated ids and the server cannot
 * correlate them). The pack's context binds it to the backup that wrote it.
 */
export function backupKeysOf(keyring: Keyring) {
  return {
    pack: keyring.collectionKey('backup-pack'),
    chunkId: keyring.collectionKey('backup-chunk-id'),
    context: (backupKey: string) => text.encode(`nova-backup v1 ${backupKey}`),
  };
}

/**
 * A chunk's id: HMAC-SHA-256 under the chunk-id key, first 16 bytes. Keyed, so the server cannot
 * match chunks across accounts; SHA-256 rather than BLAKE2b because processors with SHA
 * extensions hash it ~2–3× faster, and every byte of a backup is hashed.
 */
export function chunkIdOf(key: Uint8Array, chunk: Uint8Array): Uint8Array {
  const mac = createHmac('sha256', key).update(chunk).digest();
  return new Uint8Array(mac.buffer, mac.byteOffset, 16);
}
