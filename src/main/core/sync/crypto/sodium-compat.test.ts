import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../platform/logger';
import { BLOB_HEADER_BYTES, createBlobEncryptor, decryptBlobStream, encryptBlobStream } from './blob-stream';
import { MIN_KDF } from './key-envelope';
import { createKeyringService } from './keyring';
import { createRecordSealer } from './record-seal';
import { createNativeSodium } from './sodium-native.adapter';
import { loadSodium } from './sodium-loader';
import type { SodiumPort } from './sodium.port';
import { createWasmSodium } from './sodium-wasm.adapter';

const wasm = await createWasmSodium();
const native = createNativeSodium();
const pairs: Array<[string, SodiumPort, SodiumPort]> = [
  ['native → wasm', native, wasm],
  ['wasm → native', wasm, native],
];

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part.slice());
  return Buffer.concat(parts);
}
async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

describe('the native and WASM builds write the same format', () => {
  it('loads the native binding here, and both report their kind', () => {
    expect(native.kind).toBe('native');
    expect(wasm.kind).toBe('wasm');
  });

  it('derive the same Argon2id and BLAKE2b outputs', async () => {
    const password = new TextEncoder().encode('passphrase');
    const salt = new Uint8Array(16).fill(3);
    expect(Buffer.from(await native.pwhash(32, password, salt, 1, 8192)).equals(Buffer.from(await wasm.pwhash(32, password, salt, 1, 8192)))).toBe(true);
    const hashKey = new Uint8Array(32).fill(9);
    expect(Buffer.from(native.genericHash(16, password, hashKey)).equals(Buffer.from(wasm.genericHash(16, password, hashKey)))).toBe(true);
    expect(Buffer.from(native.genericHash(32, password, null)).equals(Buffer.from(wasm.genericHash(32, password, null)))).toBe(true);
  });

  describe.each(pairs)('%s', (_name, writer, reader) => {
    it('AEAD, raw secretstream and constant-time compare agree', () => {
      const key = writer.randomBytes(32);
      const nonce = writer.randomBytes(24);
      const ad = new TextEncoder().encode('ad');
      const sealed = writer.aeadEncrypt(new TextEncoder().encode('hello'), ad, nonce, key);
      expect(new TextDecoder().decode(reader.aeadDecrypt(sealed, ad, nonce, key) ?? new Uint8Array())).toBe('hello');
      sealed[0] = (sealed[0] ?? 0) ^ 1;
      expect(reader.aeadDecrypt(sealed, ad, nonce, key)).toBeNull();
      expect(reader.aeadDecrypt(new Uint8Array(3), ad, nonce, key)).toBeNull();

      const pusher = writer.streamPusher(key);
      const c1 = pusher.push(Uint8Array.from([1, 2, 3]), ad, false);
      const c2 = pusher.push(Uint8Array.from([4]), null, true);
      const puller = reader.streamPuller(pusher.header, key);
      expect(puller.pull(c1, ad)).toEqual({ message: expect.objectContaining({ length: 3 }), tag: 0 });
      expect(puller.pull(c2, null)?.tag).toBe(3);
      expect(reader.streamPuller(pusher.header, key).pull(c2, null)).toBeNull();
      expect(reader.equal(Uint8Array.from([1, 2]), Uint8Array.from([1, 2]))).toBe(true);
      expect(reader.equal(Uint8Array.from([1, 2]), Uint8Array.from([1, 3]))).toBe(false);
      expect(reader.equal(Uint8Array.from([1, 2]), Uint8Array.from([1]))).toBe(false);
    });

    it('a blob stream written by one opens with the other', async () => {
      const key = writer.randomBytes(32);
      const data = writer.randomBytes(3 * 4096 + 5);
      const cipher = await collect(encryptBlobStream(once(data), { sodium: writer, key, chunkLog2: 12 }));
      expect(cipher.length).toBeGreaterThan(BLOB_HEADER_BYTES + data.length);
      expect((await collect(decryptBlobStream(once(cipher), { sodium: reader, key }))).equals(Buffer.from(data))).toBe(true);
    });

    it('pushInto writes what push would, into the caller’s array (a blob through allocate opens with the other)', async () => {
      const key = writer.randomBytes(32);
      const pusher = writer.streamPusher(key);
      const into = new Uint8Array(3 + 17);
      pusher.pushInto(Uint8Array.from([1, 2, 3]), null, true, into);
      expect(reader.streamPuller(pusher.header, key).pull(into, null)).toEqual({ message: expect.objectContaining({ length: 3 }), tag: 3 });
      expect(() => pusher.pushInto(Uint8Array.from([1]), null, false, new Uint8Array(17))).toThrow(RangeError);

      const data = writer.randomBytes(3 * 4096 + 5);
      const lengths: number[] = [];
      const encryptor = createBlobEncryptor({ sodium: writer, key, chunkLog2: 12, allocate: (length) => (lengths.push(length), new Uint8Array(length)) });
      const cipher = Buffer.concat([encryptor.header, ...encryptor.write(data), ...encryptor.end()]);
      expect(lengths.slice(0, 3)).toEqual([4096 + 17, 4096 + 17, 4096 + 17]);
      expect((await collect(decryptBlobStream(once(cipher), { sodium: reader, key }))).equals(Buffer.from(data))).toBe(true);
    });

    it('an envelope and records made by one open with the other', async () => {
      const created = await createKeyringService({ sodium: writer, kdf: MIN_KDF }).createKeyring('passphrase');
      const sealed = createRecordSealer({ sodium: writer, keyring: created.keyring }).sealRecord({ collection: 'codex', id: 'e1', version: 1, plaintext: Uint8Array.from([7, 8]) });
      const readerKeys = createKeyringService({ sodium: reader, kdf: MIN_KDF });
      for (const keyring of [await readerKeys.unlockWithPassphrase(created.envelope, 'passphrase'), await readerKeys.unlockWithRecoveryKey(created.envelope, created.recoveryKey)]) {
        const sealer = createRecordSealer({ sodium: reader, keyring });
        expect([...sealer.openRecord({ collection: 'codex', id: 'e1', version: 1, sealed })]).toEqual([7, 8]);
        expect(sealer.serverIdOf('codex', 'e1')).toBe(createRecordSealer({ sodium: writer, keyring: created.keyring }).serverIdOf('codex', 'e1'));
      }
    });
  });

  it('falls back to WASM with a logged notice when the native binding does not load', async () => {
    const logger = { warn: vi.fn(), info: vi.fn() };
    const port = await loadSodium({ logger, loadNative: () => { throw new Error("Cannot find addon '.' imported from file:///app.asar/node_modules/sodium-native/binding.js"); } });
    expect(port.kind).toBe('wasm');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.warn.mock.calls[0])).toMatch(/WASM build.*|Cannot find addon/);
    expect((await loadSodium({ logger, loadNative: () => ({}) })).kind).toBe('wasm');
    expect((await loadSodium({ logger })).kind).toBe('native');
    expect((await loadSodium({ logger, prefer: 'wasm' })).kind).toBe('wasm');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('never hands the logger key material: the fallback notice, then a whole keyring lifecycle', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', stream: { write: (line: string) => void lines.push(line) } });
    const sodium = await loadSodium({ logger, loadNative: () => { throw new Error('no addon for this platform'); } });
    const service = createKeyringService({ sodium, kdf: MIN_KDF });
    const { keyring, recoveryKey } = await service.createKeyring('secret passphrase words');
    const keys = [keyring.collectionKey('scenes'), keyring.idKey()].map((k) => Buffer.from(k));
    await service.changePassphrase(keyring, 'another secret phrase');
    const output = lines.join('');
    expect(lines).toHaveLength(1);
    for (const secret of ['secret passphrase', 'another secret', recoveryKey.slice(0, 9), ...keys.flatMap((k) => [k.toString('base64').slice(0, 12), k.toString('hex').slice(0, 12)])]) {
      expect(output).not.toContain(secret);
    }
  });
});
