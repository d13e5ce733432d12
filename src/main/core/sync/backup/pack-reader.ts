import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { decryptBlobStream, type Keyring, type SodiumPort } from '../crypto';
import { decodeChunkTable, type BackupManifest } from './backup-manifest';
import type { BackupTransport } from './backup-ports';
import type { VerifiedChain } from './backup-chain';
import { backupKeysOf, chunkIdOf } from './backup-keys';
import { fileHash } from './pack-writer';

interface Need {
  offset: number;
  length: number;
  id: Uint8Array;
  targets: Array<{ file: number; position: number }>;
}

export interface AssembleInput {
  transport: BackupTransport;
  sodium: SodiumPort;
  keyring: Keyring;
  chain: VerifiedChain;
  /** An empty staging folder: the backup's files are written here, never in place. */
  into: string;
  signal: AbortSignal;
  /** Downloaded bytes so far, of `total`. */
  onBytes(done: number, total: number): void;
}

const tampered = (why: string) => new AppError(ErrorCode.TAMPERED, `The backup was changed on the server (${why}), so nothing was restored.`);

/**
 * Writes every file of the backup into `into`: downloads each pack the chunk table uses,
 * decrypts it as a stream (TAMPERED/TRUNCATED from the secretstream end everything), checks each
 * needed chunk against its keyed id and writes it where its files need it, reads each pack to its
 * end (so a cut or changed tail is caught), then checks each file's size and hash.
 */
export async function assembleBackup(input: AssembleInput): Promise<void> {
  const { manifest, packs } = input.chain;
  const keys = backupKeysOf(input.keyring);
  const entries = decodeChunkTable(manifest.chunks);
  const handles: FileHandle[] = [];
  try {
    for (const file of manifest.files) {
      const target = safeJoin(input.into, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      const handle = await open(target, 'w', 0o600);
      handles.push(handle);
      await handle.truncate(file.size);
    }
    const needs = planNeeds(manifest, entries);
    const writes = createWriteWindow();
    const total = packs.reduce((sum, pack, i) => sum + (needs.has(i) ? pack.size : 0), 0);
    let done = 0;
    for (const [packIndex, list] of needs) {
      const pack = packs[packIndex];
      if (!pack) throw tampered('a piece names no pack');
      const source = resumableDownload(input.transport, pack.blobId, input.signal, (bytes) => {
        done += bytes;
        input.onBytes(done, total);
      });
      const plain = decryptBlobStream(source, { sodium: input.sodium, key: keys.pack, context: keys.context(pack.backupKey), description: 'The backup' });
      const cursor = createCursor(plain);
      for (const need of list) {
        await cursor.skipTo(need.offset);
        const bytes = await cursor.take(need.length);
        if (bytes.length !== need.length) throw new AppError(ErrorCode.TRUNCATED, 'The backup ends early: part of it is missing, so nothing was restored.');
        const id = chunkIdOf(keys.chunkId, bytes);
        if (!input.sodium.equal(id, need.id)) throw tampered('a piece does not match its name');
        // Written on the file system's threads while the next chunk is decrypted and checked.
        for (const target of need.targets) {
          const handle = handles[target.file];
          if (handle) await writes.add(handle.write(bytes, 0, bytes.length, target.position), bytes.length);
        }
      }
      await cursor.drain();
    }
    await writes.flush();
    manifest.files.forEach((file, i) => {
      const chunks = entries.slice(file.first, file.first + file.count);
      const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      if (size !== file.size || fileHash(input.sodium, keys.chunkId, chunks, file.size) !== file.hash) throw tampered(`file ${i + 1} does not add up`);
    });
    for (const handle of handles) await handle.sync();
  } finally {
    for (const handle of handles) await handle.close();
  }
}

/** Per pack, the chunks to read in pack order, each with every place it goes. */
function planNeeds(manifest: BackupManifest, entries: ReturnType<typeof decodeChunkTable>): Map<number, Need[]> {
  const byPack = new Map<number, Map<number, Need>>();
  manifest.files.forEach((file, fileIndex) => {
    let position = 0;
    for (const entry of entries.slice(file.first, file.first + file.count)) {
      let pack = byPack.get(entry.pack);
      if (!pack) byPack.set(entry.pack, (pack = new Map()));
      let need = pack.get(entry.offset);
      if (!need) pack.set(entry.offset, (need = { offset: entry.offset, length: entry.length, id: entry.id, targets: [] }));
      need.targets.push({ file: fileIndex, position });
      position += entry.length;
    }
  });
  return new Map([...byPack].sort((a, b) => a[0] - b[0]).map(([pack, needs]) => [pack, [...needs.values()].sort((a, b) => a.offset - b.offset)]));
}

/** A path of the manifest inside `root` (a manifest naming `../x` or an absolute path is refused). */
function safeJoin(root: string, relative: string): string {
  const target = path.resolve(root, ...relative.split('/'));
  if (!target.startsWith(path.resolve(root) + path.sep)) throw tampered('a file lies outside the data folder');
  return target;
}

/** A blob's bytes; a connection lost mid-way is resumed with a ranged request from the bytes already read (3 tries). */
async function* resumableDownload(transport: BackupTransport, blobId: string, signal: AbortSignal, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let received = 0;
  let failures = 0;
  for (;;) {
    try {
      for await (const piece of transport.download(blobId, received, signal)) {
        received += piece.length;
        onBytes(piece.length);
        yield piece;
      }
      return;
    } catch (error) {
      failures += 1;
      if (signal.aborted || !(error instanceof AppError) || error.code !== ErrorCode.SYNC_OFFLINE || failures > 3) throw error;
    }
  }
}

/** Bytes being written at most: the next writes wait for earlier ones beyond this. */
const WRITES_IN_FLIGHT_BYTES = 16 * 1024 * 1024;

/** Positional writes in flight together, bounded; the first failure is thrown by the next `add` or by `flush`. */
function createWriteWindow() {
  const inFlight = new Set<Promise<unknown>>();
  let bytesInFlight = 0;
  let failure: unknown = null;
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async add(write: Promise<unknown>, bytes: number): Promise<void> {
      check();
      const tracked: Promise<unknown> = write.then(
        () => {
          inFlight.delete(tracked);
          bytesInFlight -= bytes;
        },
        (error: unknown) => {
          inFlight.delete(tracked);
          failure ??= error;
        },
      );
      inFlight.add(tracked);
      bytesInFlight += bytes;
      while (bytesInFlight > WRITES_IN_FLIGHT_BYTES && inFlight.size > 0 && !failure) await Promise.race(inFlight);
      check();
    },
    async flush(): Promise<void> {
      await Promise.all(inFlight);
      check();
    },
  };
}

/** Reads exact byte ranges from a stream of arrays. */
function createCursor(source: AsyncIterable<Uint8Array>) {
  const iterator = source[Symbol.asyncIterator]();
  let current: Uint8Array = new Uint8Array(0);
  let position = 0;
  const fill = async () => {
    while (current.length === 0) {
      const next = await iterator.next();
      if (next.done) return false;
      current = next.value;
    }
    return true;
  };
  return {
    async skipTo(offset: number) {
      while (position < offset && (await fill())) {
        const step = Math.min(current.length, offset - position);
        current = current.subarray(step);
        position += step;
      }
    },
    async take(length: number): Promise<Uint8Array> {
      // Within one decrypted array (each is fresh, never reused): a view, no copy.
      if ((await fill()) && current.length >= length) {
        const view = current.subarray(0, length);
        current = current.subarray(length);
        position += length;
        return view;
      }
      const out = new Uint8Array(length);
      let filled = 0;
      while (filled < length && (await fill())) {
        const step = Math.min(current.length, length - filled);
        out.set(current.subarray(0, step), filled);
        current = current.subarray(step);
        filled += step;
        position += step;
      }
      return out.subarray(0, filled);
    },
    async drain() {
      while ((await iterator.next()).done !== true);
    },
  };
}
