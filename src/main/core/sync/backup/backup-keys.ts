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
