import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RecordSealer } from '../crypto';

/** The record-sealer collection of manifests; a manifest is sealed at (this, its blob id, 0). */
export const MANIFEST_COLLECTION = 'backup-manifest';
/** Bytes of one chunk-table entry: id (16) ‖ pack index (u16) ‖ offset in the pack (u64) ‖ length (u32). */
export const CHUNK_ENTRY_BYTES = 30;
export const CHUNK_ID_BYTES = 16;

const packSchema = z.object({
  /** The server blob holding the pack (this backup's own or an ancestor's). */
  blobId: z.string(),
  /** The pack's encryption context: the client's id of the backup that wrote it. */
  backupKey: z.string(),
});

const fileSchema = z.object({
  /** Relative to the data folder, `/`-separated (`nova.db`, `media/assets/<project>/<file>`). */
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** Keyed BLAKE2b of the file's chunk ids (hex): checks the file as a whole once its chunks are checked. */
  hash: z.string(),
  /** Its chunks: entries `first … first+count-1` of the chunk table. */
  first: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof fileSchema>;

/**
 * What a backup contains, sealed with the record sealer and stored beside the backup on the
 * server (which sees only ciphertext). It is self-contained: the chunk table names, for every
 * chunk of every file, the pack (this backup's blob or an ancestor's) and where in it the chunk
 * lies, so a restore needs only this manifest and the packs it names, verified along the chain.
 */
export const backupManifestSchema = z.object({
  format: z.literal('nova-backup'),
  version: z.literal(1),
  /** The client's id of this backup: the context its pack is encrypted with. */
  backupKey: z.string(),
  kind: z.enum(['full', 'incremental']),
  parent: z.object({ backupId: z.string(), blobId: z.string() }).nullable(),
  createdAt: z.number().int(),
  deviceName: z.string(),
  projects: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  packs: z.array(packSchema),
  files: z.array(fileSchema),
  /** The chunk table, {@link CHUNK_ENTRY_BYTES} per entry, base64. */
  chunks: z.string(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export interface ChunkEntry {
  id: Uint8Array;
  pack: number;
  offset: number;
  length: number;
}

export function encodeChunkTable(entries: readonly ChunkEntry[]): string {
  const out = Buffer.alloc(entries.length * CHUNK_ENTRY_BYTES);
  entries.forEach((entry, i) => {
    const at = i * CHUNK_ENTRY_BYTES;
    out.set(entry.id, at);
    out.writeUInt16BE(entry.pack, at + 16);
    out.writeBigUInt64BE(BigInt(entry.offset), at + 18);
    out.writeUInt32BE(entry.length, at + 26);
  });
  return out.toString('base64');
}

export function decodeChunkTable(encoded: string): ChunkEntry[] {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % CHUNK_ENTRY_BYTES !== 0) throw new RangeError('chunk table length');
  const entries: ChunkEntry[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_ENTRY_BYTES) {
    entries.push({
      id: new Uint8Array(bytes.subarray(at, at + 16)),
      pack: bytes.readUInt16BE(at + 16),
      offset: Number(bytes.readBigUInt64BE(at + 18)),
      length: bytes.readUInt32BE(at + 26),
    });
  }
  return entries;
}

/**
 * `[keyId length u8][keyId ASCII][sealed record]`: the key id (a name of the master key, not
 * secret — the server holds it in the keyring envelope already) says "other keys" apart from "changed".
 */
export function sealManifest(sealer: RecordSealer, keyId: string, blobId: string, manifest: BackupManifest): Uint8Array {
  const sealed = sealer.sealRecord({ collection: MANIFEST_COLLECTION, id: blobId, version: 0, plaintext: new TextEncoder().encode(JSON.stringify(manifest)) });
  const name = Buffer.from(keyId, 'ascii');
  return Buffer.concat([Buffer.from([name.length]), name, sealed]);
}

/**
 * Opens the manifest registered with the backup of blob `blobId`. WRONG_PASSPHRASE when it was
 * sealed with other keys; TAMPERED when it was changed or moved from another backup.
 */
export function openManifest(sealer: RecordSealer, keyId: string, blobId: string, stored: Uint8Array): BackupManifest {
  const nameLength = stored[0] ?? 0;
  const name = Buffer.from(stored.subarray(1, 1 + nameLength)).toString('ascii');
  if (name !== keyId) {
    throw new AppError(
      ErrorCode.WRONG_PASSPHRASE,
      'This backup was made with other keys (another account, or keys set up again): the keys unlocked on this device cannot open it.',
    );
  }
  const plaintext = sealer.openRecord({ collection: MANIFEST_COLLECTION, id: blobId, version: 0, sealed: stored.subarray(1 + nameLength) });
  const parsed = backupManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(plaintext)));
  if (!parsed.success) throw new AppError(ErrorCode.TAMPERED, 'The backup’s manifest is not one this version of Nova Studio can read.');
  return parsed.data;
}
