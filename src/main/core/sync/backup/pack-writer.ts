import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { BLOB_READ_BYTES, encryptBlobStream, type SodiumPort } from '../crypto';
import { CHUNK_ID_BYTES, type ChunkEntry, type ManifestFile } from './backup-manifest';
import { chunkIdOf } from './backup-keys';

/**
 * Dedup granularity. The database copy is cut in 64 KiB chunks: SQLite changes 4 KiB pages in
 * place and `backup()` copies page n to page n, so a small edit changes a few scattered pages —
 * a few small chunks. Media files change whole or not at all: 1 MiB chunks keep the manifest
 * small (30 bytes a chunk; the server takes manifests up to 1 MiB, ~35,000 chunks).
 */
export const CHUNK_BYTES = { database: 64 * 1024, media: 1024 * 1024 } as const;

/** One file to back up: its name in the backup, where to read it now, and its chunk size (divides 1 MiB). */
export interface PackSource {
  path: string;
  file: string;
  chunkBytes: number;
}

export interface PackInput {
  sodium: SodiumPort;
  sources: readonly PackSource[];
  /** Chunks the parent backup already stores (hex id → entry): referenced, not packed again. */
  known: ReadonlyMap<string, ChunkEntry>;
  /** The index this backup's own pack gets in the manifest's `packs`. */
  packIndex: number;
  /** Keys the chunk ids (so equal data in two accounts has unrelated ids) and the file hashes. */
  chunkIdKey: Uint8Array;
  /** Encrypts the pack. */
  packKey: Uint8Array;
  /** The pack's encryption context (the backup's client id). */
  context: Uint8Array;
  /** Where the encrypted pack is written (staged, so an upload can resume on the same bytes). */
  out: string;
  signal: AbortSignal;
  /** Bytes of the sources read so far. */
  onRead(bytes: number): void;
}

export interface PackResult {
  files: ManifestFile[];
  entries: ChunkEntry[];
  /** Plaintext bytes put in the pack (the new chunks). */
  packedBytes: number;
  /** The encrypted pack's size and SHA-256 (what the upload announces and completes with). */
  cipherBytes: number;
  sha256: string;
}

/**
 * Reads every source in 1 MiB pieces (the size the crypto part measured to matter), cuts each
 * piece into chunks ({@link CHUNK_BYTES}) named by a keyed hash ({@link chunkIdOf}), and streams the chunks not
 * already stored through `encryptBlobStream` into the staged pack file — one pass over the data.
 * A run of new chunks goes to the encryptor as one slice of the piece, so a full backup hands it
 * whole 1 MiB pieces (encrypted where they lie).
 */
export async function writePack(input: PackInput): Promise<PackResult> {
  const { sodium, chunkIdKey } = input;
  const files: ManifestFile[] = [];
  const entries: ChunkEntry[] = [];
  const packed = new Map<string, ChunkEntry>();
  let packOffset = 0;

  async function* newChunks(): AsyncGenerator<Uint8Array> {
    for (const source of input.sources) {
      const handle = await open(source.file, 'r');
      const first = entries.length;
      let size = 0;
      try {
        for (;;) {
          input.signal.throwIfAborted();
          // A fresh array per piece (the encryptor may still hold the previous one), not zero-filled: the read fills it.
          const piece = Buffer.allocUnsafeSlow(BLOB_READ_BYTES);
          const { bytesRead } = await handle.read(piece, 0, piece.length, null);
          if (bytesRead === 0) break;
          size += bytesRead;
          let runStart = -1;
          for (let at = 0; at < bytesRead; at += source.chunkBytes) {
            const chunk = piece.subarray(at, Math.min(at + source.chunkBytes, bytesRead));
            const id = chunkIdOf(chunkIdKey, chunk);
            const hex = Buffer.from(id).toString('hex');
            const existing = input.known.get(hex) ?? packed.get(hex);
            if (existing) {
              entries.push({ ...existing, id });
              if (runStart >= 0) yield piece.subarray(runStart, at);
              runStart = -1;
              continue;
            }
            const entry = { id, pack: input.packIndex, offset: packOffset, length: chunk.length };
            packOffset += chunk.length;
            packed.set(hex, entry);
            entries.push(entry);
            if (runStart < 0) runStart = at;
          }
          if (runStart >= 0) yield piece.subarray(runStart, bytesRead);
          input.onRead(bytesRead);
          if (bytesRead < piece.length) break;
        }
      } finally {
        await handle.close();
      }
      files.push({ path: source.path, size, first, count: entries.length - first, hash: fileHash(sodium, chunkIdKey, entries.slice(first), size) });
    }
  }

  const out = await open(input.out, 'w');
  const sha = createHash('sha256');
  let cipherBytes = 0;
  try {
    for await (const cipher of encryptBlobStream(newChunks(), { sodium, key: input.packKey, context: input.context })) {
      sha.update(cipher);
      cipherBytes += cipher.length;
      await out.write(cipher);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { files, entries, packedBytes: packOffset, cipherBytes, sha256: sha.digest('hex') };
}

/** Keyed BLAKE2b-256 of a file's size and chunk ids (hex): checks a restored file as a whole. */
export function fileHash(sodium: SodiumPort, key: Uint8Array, chunks: readonly ChunkEntry[], size: number): string {
  const bytes = new Uint8Array(8 + chunks.length * CHUNK_ID_BYTES);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(size));
  chunks.forEach((chunk, i) => bytes.set(chunk.id, 8 + i * CHUNK_ID_BYTES));
  return Buffer.from(sodium.genericHash(32, bytes, key)).toString('hex');
}
