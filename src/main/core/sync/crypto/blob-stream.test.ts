import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { BLOB_HEADER_BYTES, decryptBlobStream, encryptBlobStream, encryptedBlobSize } from './blob-stream';
import { createWasmSodium } from './sodium-wasm.adapter';

const sodium = await createWasmSodium();
const key = sodium.randomBytes(32);
/** 4 KiB chunks keep the tests small; the format is the same at 1 MiB. */
const CHUNK_LOG2 = 12;
const CHUNK = 2 ** CHUNK_LOG2;
const RECORD = CHUNK + 17;
const context = new TextEncoder().encode('backup:b-1');

async function* piecesOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part.slice());
  return new Uint8Array(Buffer.concat(parts));
}

const encrypt = (data: Uint8Array, piece = 1000, options: { key?: Uint8Array; context?: Uint8Array } = {}) =>
  collect(encryptBlobStream(piecesOf(data, piece), { sodium, key: options.key ?? key, context: options.context ?? context, chunkLog2: CHUNK_LOG2 }));
const decrypt = (cipher: Uint8Array, piece = 777, options: { key?: Uint8Array; context?: Uint8Array } = {}) =>
  collect(decryptBlobStream(piecesOf(cipher, piece), { sodium, key: options.key ?? key, context: options.context ?? context }));

function sample(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('blob streams: crypto_secretstream in fixed chunks', () => {
  it('round-trips every size around the chunk boundaries, whatever sizes the input arrives in', async () => {
    for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 5 * CHUNK + 123]) {
      const data = sample(length, length + 1);
      for (const [inPiece, outPiece] of [[1000, 777], [CHUNK, RECORD], [1, 100_000]] as const) {
        const cipher = await encrypt(data, inPiece);
        expect(cipher.length).toBe(encryptedBlobSize(length, CHUNK_LOG2));
        expect(Buffer.from(await decrypt(cipher, outPiece)).equals(Buffer.from(data))).toBe(true);
      }
    }
  });

  it('keeps data that looks like padding: trailing zeros, a trailing 0x80, long zero runs across chunks', async () => {
    const zeros = new Uint8Array(3 * CHUNK + 5);
    const endsWithMarker = Uint8Array.from([...sample(CHUNK, 9), 0x80, 0, 0, 0]);
    const startsWithZeros = new Uint8Array(2 * CHUNK + 10);
    startsWithZeros[2 * CHUNK + 3] = 7;
    for (const data of [zeros, endsWithMarker, startsWithZeros, Uint8Array.from([0x80])]) {
      expect(Buffer.from(await decrypt(await encrypt(data))).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('hides the exact size: lengths in one bucket give streams of one size', async () => {
    const a = await encrypt(sample(100_000));
    const b = await encrypt(sample(99_000));
    expect(a.length).toBe(b.length);
    expect((await encrypt(new Uint8Array(10))).length).toBe((await encrypt(new Uint8Array(4000))).length);
    expect(encryptedBlobSize(10, CHUNK_LOG2)).toBe(BLOB_HEADER_BYTES + 4096 + 17);
    // 256 MB in 1 MiB chunks: within 3.2% of the plaintext (Padmé) plus 17 bytes a chunk.
    expect(encryptedBlobSize(256e6) / 256e6).toBeLessThan(1.032);
  });

  it('refuses a bit flip in the magic, format, chunk size, secretstream header, and the first, a middle and the last chunk', async () => {
    const cipher = await encrypt(sample(3 * CHUNK + 100));
    const last = cipher.length - 1;
    const positions = [0, 4, 5, 6, BLOB_HEADER_BYTES - 1, BLOB_HEADER_BYTES, BLOB_HEADER_BYTES + RECORD - 1, BLOB_HEADER_BYTES + RECORD + 50, BLOB_HEADER_BYTES + 2 * RECORD + 17, last - 20, last];
    for (const at of positions) {
      const copy = cipher.slice();
      copy[at] = (copy[at] ?? 0) ^ 0x10;
      await expectCode(decrypt(copy), ErrorCode.TAMPERED);
    }
  });

  it('refuses reordered, duplicated and dropped chunks, data after the end, a wrong key and a wrong context', async () => {
    const cipher = await encrypt(sample(4 * CHUNK + 100));
    const header = cipher.subarray(0, BLOB_HEADER_BYTES);
    const chunks = Array.from({ length: Math.ceil((cipher.length - BLOB_HEADER_BYTES) / RECORD) }, (_, i) => cipher.subarray(BLOB_HEADER_BYTES + i * RECORD, BLOB_HEADER_BYTES + (i + 1) * RECORD));
    const join = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat([header, ...parts]));
    const [c0, c1, c2, c3, ...rest] = chunks;
    if (!c0 || !c1 || !c2 || !c3) throw new Error('expected at least four chunks');
    await expectCode(decrypt(join([c0, c2, c1, c3, ...rest])), ErrorCode.TAMPERED);
    await expectCode(decrypt(join([c0, c1, c1, c2, c3, ...rest])), ErrorCode.TAMPERED);
    await expectCode(decrypt(join([c0, c2, c3, ...rest])), ErrorCode.TAMPERED);
    await expectCode(decrypt(join([c1, c0, c2, c3, ...rest])), ErrorCode.TAMPERED);
    await expectCode(decrypt(new Uint8Array(Buffer.concat([cipher, Uint8Array.from([1])]))), ErrorCode.TAMPERED);
    await expectCode(decrypt(cipher, 777, { key: sodium.randomBytes(32) }), ErrorCode.TAMPERED);
    await expectCode(decrypt(cipher, 777, { context: new TextEncoder().encode('backup:b-2') }), ErrorCode.TAMPERED);
    await expectCode(decrypt(new TextEncoder().encode('not an encrypted file at all, just text')), ErrorCode.TAMPERED);
    const named = collect(decryptBlobStream(piecesOf(join([c1, c0]), 999), { sodium, key, context, description: 'The backup of 12 March' }));
    await expect(named).rejects.toThrow('The backup of 12 March was changed, cut short, or does not belong here, so it was not used.');
  });

  it('reports a stream cut short (no FINAL chunk) as TRUNCATED', async () => {
    const cipher = await encrypt(sample(3 * CHUNK + 100));
    for (const cut of [0, 3, BLOB_HEADER_BYTES - 1, BLOB_HEADER_BYTES, BLOB_HEADER_BYTES + RECORD, BLOB_HEADER_BYTES + 2 * RECORD, BLOB_HEADER_BYTES + 2 * RECORD + 10]) {
      await expectCode(decrypt(cipher.subarray(0, cut)), ErrorCode.TRUNCATED);
    }
    // Cut inside a chunk: the partial chunk cannot authenticate.
    await expectCode(decrypt(cipher.subarray(0, BLOB_HEADER_BYTES + RECORD + 100)), ErrorCode.TAMPERED);
  });

  it('streams: reads its input only as fast as its output is consumed', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        produced += 1000;
        yield new Uint8Array(1000);
      }
    }
    const stream = encryptBlobStream(endless(), { sodium, key, chunkLog2: CHUNK_LOG2 });
    let chunks = 0;
    for await (const _ of stream) {
      chunks += 1;
      if (chunks === 20) break;
    }
    // 19 chunks of 4 KiB after the header: at most one chunk and one input piece read ahead.
    expect(produced).toBeLessThanOrEqual(20 * CHUNK + 1000);
  });

  it('decrypts as it reads too: a long stream yields plaintext before its end arrives', async () => {
    const cipher = await encrypt(sample(20 * CHUNK));
    let delivered = 0;
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < cipher.length; at += 1000) {
        delivered = at + 1000;
        yield cipher.subarray(at, at + 1000);
      }
    }
    const plain = decryptBlobStream(slow(), { sodium, key, context });
    const first = await plain.next();
    expect(first.done).toBe(false);
    // The first chunk's plaintext came out after about one chunk of ciphertext, not the whole file.
    expect(delivered).toBeLessThanOrEqual(BLOB_HEADER_BYTES + 2 * RECORD + 1000);
    await plain.return(undefined);
  });

  it('refuses input that is not bytes, and a chunk size outside 4 KiB…16 MiB', async () => {
    async function* strings(): AsyncGenerator<Uint8Array> {
      yield 'text' as unknown as Uint8Array;
    }
    await expect(collect(encryptBlobStream(strings(), { sodium, key }))).rejects.toThrow(TypeError);
    await expect(collect(encryptBlobStream(piecesOf(new Uint8Array(1), 1), { sodium, key, chunkLog2: 30 }))).rejects.toThrow(RangeError);
  });
});
