import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { createNativeSodium, decryptBlobStream, encryptBlobStream, type SodiumPort } from '../crypto';
import type { ChunkEntry } from './backup-manifest';
import { chunkIdOf } from './backup-keys';
import { createInlineHasher, createWorkerHasher, HASH_PIECE_BYTES, type PieceHasher } from './pack-hasher';
import { CHUNK_BYTES, writePack, type PackSource } from './pack-writer';

const native = createNativeSodium();
const folder = mkdtempSync(path.join(os.tmpdir(), 'nova-pack-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const chunkIdKey = native.randomBytes(32);
const packKey = native.randomBytes(32);
const context = new TextEncoder().encode('nova-backup v1 test');

/** Seeded bytes (a linear congruential generator): the same file on every run. */
function bytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function file(name: string, content: Uint8Array, chunkBytes: number): PackSource {
  const target = path.join(folder, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return { path: name, file: target, chunkBytes };
}

// A database over two hasher pieces with a partial last chunk, a repeated block (deduplicated
// inside the pack), an empty file and media whose last chunk is short.
const repeated = bytes(CHUNK_BYTES.database, 7);
const database = Buffer.concat([bytes(HASH_PIECE_BYTES + 3 * CHUNK_BYTES.database, 1), repeated, repeated, bytes(1000, 2)]);
const sources = [
  file('media/clip.bin', bytes(2 * CHUNK_BYTES.media + 4321, 3), CHUNK_BYTES.media),
  file('media/empty.bin', new Uint8Array(0), CHUNK_BYTES.media),
  file('nova.db', database, CHUNK_BYTES.database),
];

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A real libsodium whose stream pushers record every call: the pack's layout, independent of its random header. */
function recording(sodium: SodiumPort) {
  const pushes: Array<{ message: string; ad: string | null; final: boolean }> = [];
  const port: SodiumPort = {
    ...sodium,
    streamPusher(key) {
      const pusher = sodium.streamPusher(key);
      const record = (message: Uint8Array, ad: Uint8Array | null, final: boolean) =>
        pushes.push({ message: Buffer.from(message).toString('base64'), ad: ad && Buffer.from(ad).toString('base64'), final });
      return {
        header: pusher.header,
        push(message, ad, final) {
          record(message, ad, final);
          return pusher.push(message, ad, final);
        },
        pushInto(message, ad, final, out) {
          record(message, ad, final);
          pusher.pushInto(message, ad, final, out);
        },
      };
    },
  };
  return { port, pushes };
}

async function pack(hasher: PieceHasher, options: { known?: Map<string, ChunkEntry>; sodium?: SodiumPort; list?: ReadonlyArray<PackSource | Promise<PackSource>> } = {}) {
  const out = path.join(folder, `pack-${Math.random().toString(36).slice(2)}.nvbs`);
  const result = await writePack({
    sodium: options.sodium ?? native,
    sources: options.list ?? sources,
    hasher,
    known: options.known ?? new Map(),
    packIndex: 0,
    chunkIdKey,
    packKey,
    context,
    out,
    signal: new AbortController().signal,
    onRead: () => undefined,
  });
  return { result, out, cipher: await readFile(out) };
}

async function opened(cipher: Uint8Array): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of decryptBlobStream(once(cipher), { sodium: native, key: packKey, context })) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Every chunk of every source with its id, computed here the simple way. */
async function expectedChunks() {
  const out: Array<{ path: string; chunk: Buffer; id: Uint8Array }> = [];
  for (const source of sources) {
    const content = await readFile(source.file);
    for (let at = 0; at < content.length; at += source.chunkBytes) {
      const chunk = content.subarray(at, at + source.chunkBytes);
      out.push({ path: source.path, chunk, id: chunkIdOf(chunkIdKey, chunk) });
    }
  }
  return out;
}

describe('the pipelined pack writer', () => {
  it('writes the blob format of encryptBlobStream: the same pushes over the new chunks, keyed ids, every chunk once', async () => {
    const { port, pushes } = recording(native);
    const { result, cipher } = await pack(createWorkerHasher(chunkIdKey), { sodium: port });
    const chunks = await expectedChunks();

    // Ids are the keyed HMAC of each chunk; the repeated block is stored once and referenced twice.
    expect(result.entries.map((entry) => Buffer.from(entry.id).toString('hex'))).toEqual(chunks.map((chunk) => Buffer.from(chunk.id).toString('hex')));
    const unique = [...new Map(chunks.map((chunk) => [Buffer.from(chunk.id).toString('hex'), chunk.chunk])).values()];
    const plaintext = Buffer.concat(unique);
    expect(result.packedBytes).toBe(plaintext.length);
    expect(result.cipherBytes).toBe(cipher.length);
    expect((await opened(cipher)).equals(plaintext)).toBe(true);
    for (const entry of result.entries) {
      const expected = chunks[result.entries.indexOf(entry)]?.chunk;
      expect(plaintext.subarray(entry.offset, entry.offset + entry.length).equals(expected as Buffer)).toBe(true);
    }
    expect(result.files.map((f) => [f.path, f.size, f.count])).toEqual([
      ['media/clip.bin', 2 * CHUNK_BYTES.media + 4321, 3],
      ['media/empty.bin', 0, 0],
      ['nova.db', database.length, Math.ceil(database.length / CHUNK_BYTES.database)],
    ]);

    // The same secretstream messages (boundaries, associated data, FINAL) as encryptBlobStream over that plaintext.
    const reference = recording(native);
    for await (const part of encryptBlobStream(once(plaintext), { sodium: reference.port, key: packKey, context })) void part;
    expect(pushes).toEqual(reference.pushes);
  });

  it('gives the same chunk table and pack contents on the core thread as on the worker', async () => {
    const worker = await pack(createWorkerHasher(chunkIdKey));
    const inline = await pack(createInlineHasher(chunkIdKey));
    expect(inline.result.files).toEqual(worker.result.files);
    expect(inline.result.entries).toEqual(worker.result.entries);
    expect((await opened(inline.cipher)).equals(await opened(worker.cipher))).toBe(true);
  });

  it('references chunks the parent holds and packs only the others, at their offsets', async () => {
    const chunks = await expectedChunks();
    const known = new Map<string, ChunkEntry>();
    // The parent holds every other media chunk (in pack 0 at made-up offsets).
    chunks.filter((chunk) => chunk.path === 'media/clip.bin').forEach((chunk, i) => {
      if (i % 2 === 0) known.set(Buffer.from(chunk.id).toString('hex'), { id: chunk.id, pack: 0, offset: i * 10, length: chunk.chunk.length });
    });
    const { result, cipher } = await pack(createWorkerHasher(chunkIdKey), { known });
    const plaintext = await opened(cipher);
    const fresh = result.entries.filter((entry) => entry.pack === 0 && !known.has(Buffer.from(entry.id).toString('hex')));
    for (const entry of result.entries) {
      const hex = Buffer.from(entry.id).toString('hex');
      if (known.has(hex)) expect(entry).toEqual({ ...known.get(hex), id: entry.id });
    }
    const chunkOf = new Map(chunks.map((chunk) => [Buffer.from(chunk.id).toString('hex'), chunk.chunk]));
    for (const entry of fresh) expect(plaintext.subarray(entry.offset, entry.offset + entry.length).equals(chunkOf.get(Buffer.from(entry.id).toString('hex')) as Buffer)).toBe(true);
    expect(result.entries.filter((entry) => known.has(Buffer.from(entry.id).toString('hex')))).toHaveLength(known.size);
    const distinct = new Map(fresh.map((entry) => [Buffer.from(entry.id).toString('hex'), entry.length]));
    expect(result.packedBytes).toBe(plaintext.length);
    expect(plaintext.length).toBe([...distinct.values()].reduce((sum, length) => sum + length, 0));
  });

  it('waits for a source still being made (the database copy) while it reads the ones before', async () => {
    let made: (source: PackSource) => void = () => undefined;
    const later = new Promise<PackSource>((resolve) => (made = resolve));
    const [clip, empty, db] = sources as [PackSource, PackSource, PackSource];
    const read: number[] = [];
    const hasher = createWorkerHasher(chunkIdKey);
    const watching: PieceHasher = {
      ...hasher,
      async next() {
        const event = await hasher.next();
        if (event?.type === 'done') {
          read.push(event.source);
          if (event.source === 1) made(db);
        }
        return event;
      },
    };
    const { result } = await pack(watching, { list: [clip, empty, later] });
    expect(read).toEqual([0, 1, 2]);
    expect(result.files.map((f) => f.path)).toEqual(['media/clip.bin', 'media/empty.bin', 'nova.db']);
  });
});

describe('a pack that cannot be written', () => {
  const expectFailure = async (promise: Promise<unknown>, code: string, message: RegExp) => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(message);
  };

  it('says the hashing thread stopped and removes the partial pack when the thread dies', async () => {
    const out = path.join(folder, 'crashed.nvbs');
    // A thread that dies as soon as it is given a file.
    const crashing = () => new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));", { eval: true });
    await expectFailure(
      writePack({ sodium: native, sources, hasher: createWorkerHasher(chunkIdKey, crashing), known: new Map(), packIndex: 0, chunkIdKey, packKey, context, out, signal: new AbortController().signal, onRead: () => undefined }),
      ErrorCode.INTERNAL,
      /reading and checking your files failed \(the hashing thread stopped with code 3\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says a file went away (and removes the partial pack) when a source is missing', async () => {
    const out = path.join(folder, 'missing.nvbs');
    const gone = { path: 'media/gone.bin', file: path.join(folder, 'media', 'gone.bin'), chunkBytes: CHUNK_BYTES.media };
    for (const hasher of [createWorkerHasher(chunkIdKey), createInlineHasher(chunkIdKey)]) {
      await expectFailure(
        writePack({ sodium: native, sources: [...sources, gone], hasher, known: new Map(), packIndex: 0, chunkIdKey, packKey, context, out, signal: new AbortController().signal, onRead: () => undefined }),
        ErrorCode.NOT_FOUND,
        /went away while it was being backed up/,
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it('fails with the database copy’s error when that source cannot be made', async () => {
    const out = path.join(folder, 'no-copy.nvbs');
    const failed = Promise.reject(new AppError(ErrorCode.STORAGE_FAILED, 'The database could not be copied.'));
    failed.catch(() => undefined);
    await expectFailure(
      writePack({ sodium: native, sources: [sources[0] as PackSource, failed], hasher: createWorkerHasher(chunkIdKey), known: new Map(), packIndex: 0, chunkIdKey, packKey, context, out, signal: new AbortController().signal, onRead: () => undefined }),
      ErrorCode.STORAGE_FAILED,
      /could not be copied/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
