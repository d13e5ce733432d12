import { createHmac } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { CHUNK_ID_BYTES } from './backup-manifest';

/** Bytes the hasher reads at a time: a multiple of every chunk size (64 KiB, 1 MiB) and of the 1 MiB encryption chunk. */
export const HASH_PIECE_BYTES = 4 * 1024 * 1024;
/** Pieces in flight between the hasher and the encryptor (bounds memory to ~16 MiB). */
const POOL = 4;

/** One file for the hasher: read in order, cut into chunks of `chunkBytes` (dividing {@link HASH_PIECE_BYTES}). */
export interface HashSource {
  file: string;
  chunkBytes: number;
}

/** What the hasher hands over, in source order: a piece of a file with its chunk ids, or the end of a file. */
export type HashEvent =
  | { type: 'piece'; source: number; bytes: Uint8Array; ids: Uint8Array }
  | { type: 'done'; source: number; size: number };

/**
 * Reads files and computes their chunk ids (HMAC-SHA-256, first {@link CHUNK_ID_BYTES} bytes) —
 * each byte read and hashed once — ahead of the caller, which encrypts meanwhile. Sources may
 * be added while it runs (the database copy is added once it is made); `end` says no more come.
 */
export interface PieceHasher {
  add(source: HashSource): void;
  end(): void;
  /** Ends the hashing with `error` (a source that could not be made): `next` rejects with it. */
  fail(error: unknown): void;
  /** The next event; null once every source is done. Rejects with the hasher's failure. */
  next(): Promise<HashEvent | null>;
  /** Gives a piece's bytes back once the caller no longer needs them (they are reused). */
  release(bytes: Uint8Array): void;
  /** Stops (a worker is terminated); safe to call twice. */
  close(): Promise<void>;
}

/** Starts the hashing thread; a test passes one that fails to check the error path. */
export type StartHashWorker = (source: string, options: WorkerOptions) => Worker;

/** The default: an `eval`'d worker without the parent's flags (a tsx or test loader would only slow its start: it needs Node's own modules). */
export const startEvalWorker: StartHashWorker = (source, options) => new Worker(source, { ...options, eval: true, execArgv: [] });

const hashFailed = (why: string) =>
  new AppError(ErrorCode.INTERNAL, `The backup stopped: reading and checking your files failed (${why}). Nothing was uploaded; it starts again on the next try.`);

/**
 * The hashing thread's program. Plain JavaScript run with `eval`: it needs only Node's own
 * modules, so it starts in milliseconds in every way the core runs (the packaged app, tsx,
 * vitest) with no file of its own to bundle. Pieces travel as transferred ArrayBuffers (no
 * copy) and come back to be reused.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const { key, pieceBytes, pool, idBytes } = workerData;
const free = Array.from({ length: pool }, () => new ArrayBuffer(pieceBytes));
const queue = [];
let current = null;
let failed = false;
function finish() {
  fs.closeSync(current.fd);
  parentPort.postMessage({ type: 'done', source: current.index, size: current.position });
  current = null;
}
function pump() {
  while (!failed && free.length > 0) {
    if (!current) {
      const next = queue.shift();
      if (!next) return;
      current = { index: next.index, chunkBytes: next.chunkBytes, fd: fs.openSync(next.file, 'r'), position: 0 };
    }
    const buffer = free.pop();
    const view = new Uint8Array(buffer);
    let length = 0;
    for (;;) {
      const read = fs.readSync(current.fd, view, length, view.length - length, current.position + length);
      if (read === 0) break;
      length += read;
      if (length === view.length) break;
    }
    if (length === 0) {
      free.push(buffer);
      finish();
      continue;
    }
    const count = Math.ceil(length / current.chunkBytes);
    const ids = new Uint8Array(count * idBytes);
    for (let i = 0; i < count; i += 1) {
      const chunk = view.subarray(i * current.chunkBytes, Math.min((i + 1) * current.chunkBytes, length));
      ids.set(createHmac('sha256', key).update(chunk).digest().subarray(0, idBytes), i * idBytes);
    }
    parentPort.postMessage({ type: 'piece', source: current.index, buffer, length, ids: ids.buffer }, [buffer, ids.buffer]);
    current.position += length;
    if (length < view.length) finish();
  }
}
parentPort.on('message', (message) => {
  try {
    if (message.type === 'source') queue.push(message);
    else if (message.type === 'release') free.push(message.buffer);
    pump();
  } catch (error) {
    failed = true;
    parentPort.postMessage({ type: 'error', message: String((error && error.message) || error), code: (error && error.code) || null });
  }
});
`;

type WorkerMessage =
  | { type: 'piece'; source: number; buffer: ArrayBuffer; length: number; ids: ArrayBuffer }
  | { type: 'done'; source: number; size: number }
  | { type: 'error'; message: string; code: string | null };

/** A queue of hasher events with one waiting reader, ended by null or failed by an error. */
function createEventQueue() {
  const events: HashEvent[] = [];
  let waiting: { resolve(event: HashEvent | null): void; reject(error: unknown): void } | null = null;
  let failure: unknown = null;
  let finished = false;
  const settle = () => {
    if (!waiting) return;
    const reader = waiting;
    const event = events.shift();
    if (event) reader.resolve(event);
    else if (failure) reader.reject(failure);
    else if (finished) reader.resolve(null);
    else return;
    waiting = null;
  };
  return {
    push(event: HashEvent) {
      events.push(event);
      settle();
    },
    fail(error: unknown) {
      failure ??= error;
      settle();
    },
    finish() {
      finished = true;
      settle();
    },
    next(): Promise<HashEvent | null> {
      if (failure && events.length === 0) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      });
    },
  };
}

/** The hasher on a worker thread (the default: hashing runs beside the encryption on another core). */
export function createWorkerHasher(key: Uint8Array, start: StartHashWorker = startEvalWorker): PieceHasher {
  const queue = createEventQueue();
  let added = 0;
  let done = 0;
  let ended = false;
  let stopped = false;
  const worker = start(WORKER_SOURCE, { workerData: { key: new Uint8Array(key), pieceBytes: HASH_PIECE_BYTES, pool: POOL, idBytes: CHUNK_ID_BYTES } });
  const checkFinished = () => {
    if (ended && done === added) queue.finish();
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'piece') queue.push({ type: 'piece', source: message.source, bytes: new Uint8Array(message.buffer, 0, message.length), ids: new Uint8Array(message.ids) });
    else if (message.type === 'done') {
      done += 1;
      queue.push(message);
      checkFinished();
    } else queue.fail(readFailed(message.code, message.message));
  });
  worker.on('error', (error) => queue.fail(hashFailed(`the hashing thread failed: ${error.message}`)));
  worker.on('exit', (code) => {
    if (!stopped) queue.fail(hashFailed(`the hashing thread stopped with code ${code}`));
  });
  return {
    add(source) {
      worker.postMessage({ type: 'source', index: added, file: source.file, chunkBytes: source.chunkBytes });
      added += 1;
    },
    end() {
      ended = true;
      checkFinished();
    },
    fail: (error) => queue.fail(error),
    next: () => queue.next(),
    release(bytes) {
      if (!stopped && bytes.buffer.byteLength === HASH_PIECE_BYTES) worker.postMessage({ type: 'release', buffer: bytes.buffer }, [bytes.buffer as ArrayBuffer]);
    },
    async close() {
      if (stopped) return;
      stopped = true;
      await worker.terminate();
    },
  };
}

/** The hasher on the calling thread (no worker: a test, or a platform where threads cannot start). */
export function createInlineHasher(key: Uint8Array): PieceHasher {
  const sources: HashSource[] = [];
  let index = 0;
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  let reading: { handle: FileHandle; position: number; chunkBytes: number } | null = null;

  const readNext = async (): Promise<HashEvent | null> => {
    while (!reading) {
      if (failure) throw failure;
      const source = sources[index];
      if (source) reading = { handle: await open(source.file, 'r'), position: 0, chunkBytes: source.chunkBytes };
      else if (ended) return null;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    const bytes = new Uint8Array(HASH_PIECE_BYTES);
    let length = 0;
    for (;;) {
      const { bytesRead } = await reading.handle.read(bytes, length, bytes.length - length, reading.position + length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === bytes.length) break;
    }
    if (length === 0) {
      await reading.handle.close();
      const event: HashEvent = { type: 'done', source: index, size: reading.position };
      reading = null;
      index += 1;
      return event;
    }
    const piece = bytes.subarray(0, length);
    const ids = new Uint8Array(Math.ceil(length / reading.chunkBytes) * CHUNK_ID_BYTES);
    for (let at = 0, i = 0; at < length; at += reading.chunkBytes, i += 1) {
      ids.set(createHmac('sha256', key).update(piece.subarray(at, at + reading.chunkBytes)).digest().subarray(0, CHUNK_ID_BYTES), i * CHUNK_ID_BYTES);
    }
    reading.position += length;
    return { type: 'piece', source: index, bytes: piece, ids };
  };

  return {
    add(source) {
      sources.push(source);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    fail(error) {
      failure ??= error;
      wake?.();
    },
    async next() {
      try {
        return await readNext();
      } catch (error) {
        throw error instanceof AppError ? error : readFailed(errnoOf(error), error instanceof Error ? error.message : String(error));
      }
    },
    release: () => undefined,
    async close() {
      await reading?.handle.close();
      reading = null;
    },
  };
}

function errnoOf(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

function readFailed(code: string | null, message: string): AppError {
  if (code === 'ENOENT') return new AppError(ErrorCode.NOT_FOUND, 'A file went away while it was being backed up (moved or deleted meanwhile). Try the backup again.');
  return hashFailed(code ? `${code}: ${message}` : message);
}
