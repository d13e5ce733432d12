import { open, rm, type FileHandle } from 'node:fs/promises';
import { createBlobEncryptor, type SodiumPort } from '../crypto';
import { CHUNK_ID_BYTES, type ChunkEntry, type ManifestFile } from './backup-manifest';
import type { PieceHasher } from './pack-hasher';

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
  /**
   * The files, in the order the manifest lists them. A promise is waited for in its turn while
   * the files before it are read (the database copy, made meanwhile).
   */
  sources: ReadonlyArray<PackSource | Promise<PackSource>>;
  /** Reads the files and names their chunks ahead of the encryption (see pack-hasher.ts); closed when the pack ends. */
  hasher: PieceHasher;
  /** Chunks the parent backup already stores (hex id → entry): referenced, not packed again. */
  known: ReadonlyMap<string, ChunkEntry>;
  /** The index this backup's own pack gets in the manifest's `packs`. */
  packIndex: number;
  /** Keys the file hashes (the hasher has the same key for the chunk ids). */
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
  /** The encrypted pack's size (what the upload announces). */
  cipherBytes: number;
}

/** Ciphertext bytes handed to the file system and not yet written, at most. */
const WRITES_IN_FLIGHT_BYTES = 16 * 1024 * 1024;

/**
 * Writes the staged pack as a pipeline over three threads: the hasher reads each file once in
 * 4 MiB pieces and names its chunks ({@link CHUNK_BYTES}; a worker thread by default), this
 * thread encrypts the chunks the parent does not hold (`createBlobEncryptor`: runs of new chunks
 * are encrypted where they lie) while the hasher reads ahead, and the file system's threads
 * write the ciphertext at its offsets. Each byte is read once and hashed once; the pack is the
 * blob format of `encryptBlobStream`. On any failure
 * the partial pack is removed.
 */
export async function writePack(input: PackInput): Promise<PackResult> {
  const { hasher } = input;
  const resolved: PackSource[] = [];
  const feeding = (async () => {
    for (const source of input.sources) {
      const file = await source;
      resolved.push(file);
      hasher.add({ file: file.file, chunkBytes: file.chunkBytes });
    }
    hasher.end();
  })();
  feeding.catch((error: unknown) => hasher.fail(error));
  const out = await open(input.out, 'w', 0o600);
  try {
    // Not flushed (fsync): see staged-pack-check.ts, which finds a pack a system crash tore.
    return await encryptInto(input, out, resolved);
  } catch (error) {
    await feeding.catch(() => undefined);
    await out.close().catch(() => undefined);
    await rm(input.out, { force: true });
    throw error;
  } finally {
    await hasher.close();
    await out.close().catch(() => undefined);
  }
}

async function encryptInto(input: PackInput, out: FileHandle, sources: readonly PackSource[]): Promise<PackResult> {
  const files: ManifestFile[] = [];
  const entries: ChunkEntry[] = [];
  const packed = new Map<string, ChunkEntry>();
  // Ciphertext arrays are recycled once written: ~20 whole-chunk arrays serve the whole pack.
  const pool = createCipherPool();
  const encryptor = createBlobEncryptor({ sodium: input.sodium, key: input.packKey, context: input.context, allocate: pool.take });
  const writer = createPositionalWriter(out, pool.give);
  await writer.write(encryptor.header);
  let first = 0;
  for (;;) {
    input.signal.throwIfAborted();
    const event = await input.hasher.next();
    if (!event) break;
    const source = sources[event.source];
    if (!source) throw new Error(`the hasher named source ${event.source}, which was not given`);
    if (event.type === 'done') {
      files.push({ path: source.path, size: event.size, first, count: entries.length - first, hash: fileHash(input.sodium, input.chunkIdKey, entries.slice(first), event.size) });
      first = entries.length;
      continue;
    }
    const { bytes, ids } = event;
    const cipher: Uint8Array[] = [];
    let runStart = -1;
    for (let at = 0, i = 0; at < bytes.length; at += source.chunkBytes, i += 1) {
      const id = ids.slice(i * CHUNK_ID_BYTES, (i + 1) * CHUNK_ID_BYTES);
      const hex = Buffer.from(id.buffer, id.byteOffset, id.length).toString('hex');
      const existing = input.known.get(hex) ?? packed.get(hex);
      if (existing) {
        entries.push({ ...existing, id });
        if (runStart >= 0) cipher.push(...encryptor.write(bytes.subarray(runStart, at)));
        runStart = -1;
        continue;
      }
      const length = Math.min(source.chunkBytes, bytes.length - at);
      const entry = { id, pack: input.packIndex, offset: encryptor.written + (runStart >= 0 ? at - runStart : 0), length };
      packed.set(hex, entry);
      entries.push(entry);
      if (runStart < 0) runStart = at;
    }
    if (runStart >= 0) cipher.push(...encryptor.write(bytes.subarray(runStart)));
    // Encrypted (into arrays of the pool): the piece goes back to the hasher before the writes are waited for.
    input.hasher.release(bytes);
    input.onRead(bytes.length);
    for (const chunk of cipher) await writer.write(chunk);
  }
  for (const chunk of encryptor.end()) await writer.write(chunk);
  await writer.flush();
  return { files, entries, packedBytes: encryptor.written, cipherBytes: writer.position() };
}

/**
 * Arrays for encrypted chunks, given back once written. Only whole chunks' arrays (the size of the
 * first asked for) are kept; a pack's last, shorter chunk gets an array of its own.
 */
function createCipherPool() {
  const free: Uint8Array[] = [];
  let size = 0;
  return {
    take: (length: number): Uint8Array => {
      size ||= length;
      return (length === size && free.pop()) || new Uint8Array(length);
    },
    give: (bytes: Uint8Array): void => {
      if (bytes.length === size) free.push(bytes);
    },
  };
}

/** Writes arrays one after another at their offsets, several in flight on the file system's threads; each is handed to `written` once on disk. */
function createPositionalWriter(handle: FileHandle, written: (bytes: Uint8Array) => void) {
  let position = 0;
  let inFlightBytes = 0;
  let failure: unknown = null;
  const inFlight = new Set<Promise<void>>();
  const check = () => {
    if (failure) throw failure;
  };
  return {
    position: () => position,
    async write(bytes: Uint8Array): Promise<void> {
      check();
      const length = bytes.length;
      const pending: Promise<void> = handle.write(bytes, 0, length, position).then(
        () => {
          inFlight.delete(pending);
          inFlightBytes -= length;
          written(bytes);
        },
        (error: unknown) => {
          inFlight.delete(pending);
          failure ??= error;
        },
      );
      inFlight.add(pending);
      inFlightBytes += length;
      position += length;
      while (inFlightBytes > WRITES_IN_FLIGHT_BYTES && inFlight.size > 0 && !failure) await Promise.race(inFlight);
      check();
    },
    async flush(): Promise<void> {
      await Promise.all(inFlight);
      check();
    },
  };
}

/** Keyed BLAKE2b-256 of a file's size and chunk ids (hex): checks a restored file as a whole. */
export function fileHash(sodium: SodiumPort, key: Uint8Array, chunks: readonly ChunkEntry[], size: number): string {
  const bytes = new Uint8Array(8 + chunks.length * CHUNK_ID_BYTES);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(size));
  chunks.forEach((chunk, i) => bytes.set(chunk.id, 8 + i * CHUNK_ID_BYTES));
  return Buffer.from(sodium.genericHash(32, bytes, key)).toString('hex');
}
