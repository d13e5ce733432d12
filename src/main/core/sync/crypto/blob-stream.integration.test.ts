import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { BLOB_READ_BYTES, decryptBlobStream, encryptBlobStream } from './blob-stream';
import { createNativeSodium } from './sodium-native.adapter';
import { createWasmSodium } from './sodium-wasm.adapter';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-blob-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const native = createNativeSodium();
const wasm = await createWasmSodium();

describe('blob streams over Node file streams', () => {
  it('encrypts a file to a file and back with stream.pipeline (1 MiB chunks and reads, then 64 KiB reads back), native one way and WASM the other', async () => {
    const key = native.randomBytes(32);
    const plain = path.join(dir, 'backup.sqlite');
    const sealed = path.join(dir, 'backup.sqlite.nvbs');
    const restored = path.join(dir, 'restored.sqlite');
    writeFileSync(plain, native.randomBytes(2 * 1024 * 1024 + 12_345));

    await pipeline(createReadStream(plain, { highWaterMark: BLOB_READ_BYTES }), (source) => encryptBlobStream(source, { sodium: native, key }), createWriteStream(sealed));
    expect(statSync(sealed).size).toBeGreaterThan(statSync(plain).size);
    await pipeline(createReadStream(sealed), (source) => decryptBlobStream(source, { sodium: wasm, key }), createWriteStream(restored));
    expect(readFileSync(restored).equals(readFileSync(plain))).toBe(true);
  });

  it('fails the pipeline with TRUNCATED when the encrypted file was cut at a chunk boundary', async () => {
    const key = native.randomBytes(32);
    const sealed = path.join(dir, 'cut.nvbs');
    await pipeline(
      (async function* () {
        yield native.randomBytes(3 * 1024 * 1024);
      })(),
      (source) => encryptBlobStream(source, { sodium: native, key }),
      createWriteStream(sealed),
    );
    writeFileSync(sealed, readFileSync(sealed).subarray(0, 30 + 2 * (1024 * 1024 + 17)));
    const failure = await pipeline(createReadStream(sealed), (source) => decryptBlobStream(source, { sodium: native, key }), createWriteStream(path.join(dir, 'cut.out'))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.TRUNCATED);
  });
});
