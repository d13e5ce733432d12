import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobStore, ChecksumMismatchError, ChunkTooLargeError, OffsetMismatchError } from '../blob-store';
import { keyedLock } from '../keyed-lock';

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}\/[A-Za-z0-9_-]{1,128}$/;
const CHUNK_SUFFIX = '.chunk';
/** Chunk files are named by their start offset, zero-padded so a name sort is an offset sort. */
const OFFSET_DIGITS = 16;

/**
 * The blob store on a folder: `uploads/<account>/<upload>/<offset>.chunk` while an upload is
 * open, `blobs/<account>/<blob>` once complete. Every file is written to a temporary name,
 * fsynced and renamed, so a crash (even SIGKILL mid-chunk) leaves whole chunks or none.
 */
export function createFolderBlobStore(root: string): BlobStore {
  const uploadDir = (key: string): string => path.join(root, 'uploads', checkKey(key));
  const blobPath = (key: string): string => path.join(root, 'blobs', checkKey(key));
  // Appends to one upload are serialised in this process, so two racing chunks cannot both
  // pass the offset check.
  const withLock = keyedLock();

  const chunksOf = async (key: string): Promise<Array<{ file: string; start: number; size: number }>> => {
    const dir = uploadDir(key);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(CHUNK_SUFFIX)).sort();
    const chunks: Array<{ file: string; start: number; size: number }> = [];
    let expected = 0;
    for (const name of names) {
      const start = Number(name.slice(0, -CHUNK_SUFFIX.length));
      const file = path.join(dir, name);
      // A chunk that does not start where the previous ended cannot have been written by us; stop there.
      if (start !== expected) break;
      const { size } = await stat(file);
      chunks.push({ file, start, size });
      expected = start + size;
    }
    return chunks;
  };
  const offsetOf = async (key: string): Promise<number> => {
    const chunks = await chunksOf(key);
    const last = chunks.at(-1);
    return last ? last.start + last.size : 0;
  };

  return {
    async ping() {
      // A cheap check (no write): /healthz is polled often and must not cost an fsync each time.
      await mkdir(root, { recursive: true });
      if (!(await stat(root)).isDirectory()) throw new Error(`${root} is not a folder.`);
      await access(root, constants.W_OK);
    },
    uploadOffset: (key) => offsetOf(key),
    appendChunk: (key, offset, body, maxBytes) =>
      withLock(key, async () => {
        const current = await offsetOf(key);
        if (offset !== current) {
          body.resume();
          throw new OffsetMismatchError(current);
        }
        const dir = uploadDir(key);
        await mkdir(dir, { recursive: true });
        const temporary = path.join(dir, `${randomBytes(6).toString('hex')}.tmp`);
        try {
          const size = await streamToFile(body, temporary, maxBytes);
          if (size === 0) {
            await rm(temporary, { force: true });
            return current;
          }
          await rename(temporary, path.join(dir, `${String(offset).padStart(OFFSET_DIGITS, '0')}${CHUNK_SUFFIX}`));
          return current + size;
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      }),
    complete: (key, blobKey, expectedSha256) =>
      withLock(key, async () => {
        const target = blobPath(blobKey);
        await mkdir(path.dirname(target), { recursive: true });
        const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        const hash = createHash('sha256');
        let size = 0;
        try {
          // Chunk by chunk into one handle (a pipeline per chunk into one stream left listeners
          // behind on it: MaxListenersExceededWarning past ten chunks), flushed before the rename.
          const out = await open(temporary, 'w');
          try {
            for (const chunk of await chunksOf(key)) {
              for await (const bytes of createReadStream(chunk.file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
                hash.update(bytes);
                size += bytes.byteLength;
                await out.write(bytes);
              }
            }
            await out.sync();
          } finally {
            await out.close();
          }
          const sha256 = hash.digest('hex');
          if (sha256 !== expectedSha256) throw new ChecksumMismatchError(sha256);
          await rename(temporary, target);
          return { size, sha256 };
        } catch (error) {
          await rm(temporary, { force: true });
          throw error;
        }
      }),
    discardUpload: async (key) => {
      await rm(uploadDir(key), { recursive: true, force: true });
    },
    read: async (blobKey, range) => {
      const file = blobPath(blobKey);
      await stat(file);
      return createReadStream(file, range ? { start: range.start, end: range.end } : {});
    },
    delete: async (blobKey) => {
      await rm(blobPath(blobKey), { force: true });
    },
  };
}

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not a blob key: ${JSON.stringify(key)}`);
  return key;
}

/** Writes a stream to `file` (at most `maxBytes`), fsyncs it, and returns the byte count. */
async function streamToFile(body: Readable, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size > maxBytes) callback(new ChunkTooLargeError(maxBytes));
      else callback(null, chunk);
    },
  });
  await pipeline(body, limit, createWriteStream(file));
  await fsyncFile(file);
  return size;
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
