import { createByteReader } from './byte-reader';
import { cryptoErrors } from './crypto-errors';
import { paddedLength } from './padding';
import { SODIUM_SIZES, STREAM_TAG, type SodiumPort } from './sodium.port';

/**
 * Large blobs (backups, media) as crypto_secretstream_xchacha20poly1305, streamed in fixed
 * chunks so a 256 MB backup never sits in memory. Layout:
 *
 *     "NVBS" ‖ format 1 ‖ log2(chunk size) ‖ secretstream header (24)      — 30 bytes
 *     chunk 1 … chunk n: chunk size + 17 bytes each, the last 18 … chunk size + 17, tagged FINAL
 *
 * The plaintext is padded (0x80, zeros) to its Padmé bucket before chunking, so the server
 * learns the size only to within ~3% (1 MiB+) — the padding may span several chunks. The first
 * chunk's associated data is the 6 bytes before the secretstream header plus the caller's
 * `context` (say, the backup's id), so the chunk size cannot be altered and a blob cannot be
 * passed off as another; secretstream chains the chunks, so a reordered, duplicated or dropped
 * chunk fails, and a stream without its FINAL chunk is reported as cut short.
 */
export const BLOB_MAGIC = new TextEncoder().encode('NVBS');
const FORMAT = 1;
const PREFIX = BLOB_MAGIC.length + 2;
export const BLOB_HEADER_BYTES = PREFIX + SODIUM_SIZES.STREAM_HEADER;
/** 1 MiB chunks: large enough that per-chunk overhead is noise, small enough to stream. */
export const DEFAULT_CHUNK_LOG2 = 20;
/**
 * Read files to encrypt in pieces of this size (`createReadStream(path, { highWaterMark })`):
 * each piece is then encrypted where it lies; smaller pieces are first copied into a chunk,
 * which `bench/sync-crypto.ts` shows costs ~10–25% of the throughput.
 */
export const BLOB_READ_BYTES = 2 ** DEFAULT_CHUNK_LOG2;
const MIN_CHUNK_LOG2 = 12;
const MAX_CHUNK_LOG2 = 24;
/** Blobs below 4 KiB all pad to 4 KiB. */
export const BLOB_PAD_FLOOR = 4096;

export interface BlobStreamOptions {
  sodium: SodiumPort;
  /** A 32-byte key, e.g. `keyring.collectionKey('backup')`. */
  key: Uint8Array;
  /** Bytes the blob is bound to (its id, its kind): opening needs the same. */
  context?: Uint8Array;
  /** How an error names the blob, as a sentence's subject ("The backup of 12 March"). Default "The encrypted file". */
  description?: string;
}

/**
 * The exact size of the encrypted stream for `length` bytes of plaintext: what an upload's
 * progress bar and a quota check count before encrypting.
 */
export function encryptedBlobSize(length: number, chunkLog2 = DEFAULT_CHUNK_LOG2): number {
  const padded = paddedLength(length, BLOB_PAD_FLOOR);
  return BLOB_HEADER_BYTES + padded + SODIUM_SIZES.STREAM_OVERHEAD * Math.ceil(padded / 2 ** chunkLog2);
}

/**
 * The encrypting end of a blob as a push API, for callers that produce the plaintext themselves
 * (the backup packer). `write` takes arrays of any size and returns the chunks they completed —
 * whole chunks of an array are encrypted where they lie, a partial one is copied once into a
 * reused buffer — and `end` pads and returns the last ones. The chunk boundaries depend only on
 * the bytes written, never on the sizes they were written in: the same layout as
 * {@link encryptBlobStream}, which is built on this.
 */
export interface BlobEncryptor {
  /** The first bytes of the blob: prefix and secretstream header ({@link BLOB_HEADER_BYTES}). */
  readonly header: Uint8Array;
  /** Plaintext bytes written so far. */
  readonly written: number;
  /** Encrypts what `data` completes; the returned chunks are fresh arrays (or `allocate`'s), `data` is not kept. */
  write(data: Uint8Array): Uint8Array[];
  /** Pads the plaintext to its bucket and returns the remaining chunks, the last tagged FINAL. */
  end(): Uint8Array[];
}

/**
 * The push form of {@link encryptBlobStream}. `allocate(length)`, when given, supplies the array
 * each encrypted chunk is written into (a caller recycling its arrays once written); by default
 * each chunk is a fresh array.
 */
export function createBlobEncryptor(options: BlobStreamOptions & { chunkLog2?: number; allocate?: (length: number) => Uint8Array }): BlobEncryptor {
  const chunkLog2 = options.chunkLog2 ?? DEFAULT_CHUNK_LOG2;
  if (!Number.isInteger(chunkLog2) || chunkLog2 < MIN_CHUNK_LOG2 || chunkLog2 > MAX_CHUNK_LOG2) throw new RangeError(`chunkLog2 must be ${MIN_CHUNK_LOG2}…${MAX_CHUNK_LOG2}`);
  const size = 2 ** chunkLog2;
  const prefix = prefixBytes(chunkLog2);
  const pusher = options.sodium.streamPusher(options.key);
  const { allocate } = options;
  let firstAd: Uint8Array | null = concat(prefix, options.context ?? new Uint8Array(0));
  const push = (message: Uint8Array, final: boolean) => {
    let out: Uint8Array;
    if (allocate) pusher.pushInto(message, firstAd, final, (out = allocate(message.length + SODIUM_SIZES.STREAM_OVERHEAD)));
    else out = pusher.push(message, firstAd, final);
    firstAd = null;
    return out;
  };
  const buffer = new Uint8Array(size);
  let fill = 0;
  let written = 0;
  let ended = false;
  return {
    header: concat(prefix, pusher.header),
    get written() {
      return written;
    },
    write(data) {
      if (ended) throw new Error('the blob was already ended');
      written += data.length;
      const out: Uint8Array[] = [];
      let at = 0;
      if (fill > 0) {
        const take = Math.min(size - fill, data.length);
        buffer.set(data.subarray(0, take), fill);
        fill += take;
        at = take;
        // A full chunk of data is never the last: at least the 0x80 padding byte follows it.
        if (fill === size) {
          out.push(push(buffer, false));
          fill = 0;
        }
      }
      for (; data.length - at >= size; at += size) out.push(push(data.subarray(at, at + size), false));
      if (at < data.length) {
        buffer.set(data.subarray(at), fill);
        fill += data.length - at;
      }
      return out;
    },
    end() {
      if (ended) throw new Error('the blob was already ended');
      ended = true;
      const out: Uint8Array[] = [];
      let padding = paddedLength(written, BLOB_PAD_FLOOR) - written;
      buffer[fill] = 0x80;
      fill += 1;
      padding -= 1;
      for (;;) {
        const take = Math.min(size - fill, padding);
        buffer.fill(0, fill, fill + take);
        fill += take;
        padding -= take;
        if (padding === 0) {
          out.push(push(buffer.subarray(0, fill), true));
          return out;
        }
        out.push(push(buffer, false));
        fill = 0;
      }
    },
  };
}

/** Encrypts a byte stream; yields the header, then one array per chunk. */
export async function* encryptBlobStream(source: AsyncIterable<Uint8Array>, options: BlobStreamOptions & { chunkLog2?: number }): AsyncGenerator<Uint8Array> {
  const encryptor = createBlobEncryptor(options);
  yield encryptor.header;
  const reader = createByteReader(source);
  // Read in chunk-sized pieces: arrays of a chunk or more arrive as views (encrypted in place).
  const scratch = new Uint8Array(2 ** (options.chunkLog2 ?? DEFAULT_CHUNK_LOG2));
  for (;;) {
    const data = await reader.readChunk(scratch);
    yield* encryptor.write(data);
    if (data.length < scratch.length) break;
  }
  yield* encryptor.end();
}

/**
 * Decrypts what {@link encryptBlobStream} wrote, yielding plaintext as each chunk
 * authenticates. TAMPERED when a byte changed, chunks were reordered or duplicated, the key or
 * context is not the one used, or data follows the FINAL chunk; TRUNCATED when the stream ends
 * before its FINAL chunk. Plaintext already yielded before an error must be discarded.
 */
export async function* decryptBlobStream(source: AsyncIterable<Uint8Array>, options: BlobStreamOptions): AsyncGenerator<Uint8Array> {
  const what = options.description ?? 'The encrypted file';
  const tampered = () => cryptoErrors.tampered(what, true);
  const reader = createByteReader(source);
  const header = await reader.read(BLOB_HEADER_BYTES);
  if (header.length >= BLOB_MAGIC.length && !BLOB_MAGIC.every((byte, i) => header[i] === byte)) throw tampered();
  if (header.length < BLOB_HEADER_BYTES) throw cryptoErrors.truncated(what);
  const chunkLog2 = header[BLOB_MAGIC.length + 1] ?? 0;
  if (header[BLOB_MAGIC.length] !== FORMAT || chunkLog2 < MIN_CHUNK_LOG2 || chunkLog2 > MAX_CHUNK_LOG2) throw tampered();
  const puller = options.sodium.streamPuller(header.slice(PREFIX), options.key);
  let ad: Uint8Array | null = concat(header.subarray(0, PREFIX), options.context ?? new Uint8Array(0));
  const unpadder = createStreamUnpadder(2 ** chunkLog2);

  const record = new Uint8Array(2 ** chunkLog2 + SODIUM_SIZES.STREAM_OVERHEAD);
  for (;;) {
    const cipher = await reader.readChunk(record);
    // Ended on a chunk boundary with no FINAL chunk yet (or a stub too short to be a chunk): cut short.
    if (cipher.length <= SODIUM_SIZES.STREAM_OVERHEAD) throw cryptoErrors.truncated(what);
    const chunk = puller.pull(cipher, ad);
    ad = null;
    if (!chunk || (chunk.tag !== STREAM_TAG.MESSAGE && chunk.tag !== STREAM_TAG.FINAL)) throw tampered();
    yield* unpadder.take(chunk.message);
    if (chunk.tag === STREAM_TAG.FINAL) {
      if (!(await reader.atEnd())) throw tampered();
      if (!unpadder.finish()) throw tampered();
      return;
    }
  }
}

/**
 * Removes the trailing 0x80-then-zeros padding from a stream without knowing where it starts:
 * everything before the last non-zero byte seen is data; that byte and the zeros after it are
 * held back (as a count, not as bytes, since the padding may span chunks) until either another
 * non-zero byte proves them data or the stream ends and the held byte must be the 0x80 marker.
 */
function createStreamUnpadder(maxPiece: number) {
  let marker: number | null = null;
  let zeros = 0;
  const heldBack = function* (): Generator<Uint8Array> {
    let left = zeros + (marker === null ? 0 : 1);
    let first = true;
    while (left > 0) {
      const piece = new Uint8Array(Math.min(left, maxPiece));
      if (first && marker !== null) piece[0] = marker;
      first = false;
      left -= piece.length;
      yield piece;
    }
  };
  return {
    *take(message: Uint8Array): Generator<Uint8Array> {
      let last = message.length - 1;
      while (last >= 0 && message[last] === 0) last -= 1;
      if (last < 0) {
        zeros += message.length;
        return;
      }
      // A non-zero byte: what was held back (zeros before it included) is data after all.
      yield* heldBack();
      if (last > 0) yield message.subarray(0, last);
      marker = message[last] ?? null;
      zeros = message.length - last - 1;
    },
    finish: () => marker === 0x80,
  };
}

function prefixBytes(chunkLog2: number): Uint8Array {
  const out = new Uint8Array(PREFIX);
  out.set(BLOB_MAGIC);
  out[BLOB_MAGIC.length] = FORMAT;
  out[BLOB_MAGIC.length + 1] = chunkLog2;
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
