import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { MIN_KDF } from './key-envelope';
import { createKeyringService } from './keyring';
import { padme } from './padding';
import { createRecordSealer, RECORD_PAD_FLOOR, type RecordAddress } from './record-seal';
import { createWasmSodium } from './sodium-wasm.adapter';

const sodium = await createWasmSodium();
const service = createKeyringService({ sodium, kdf: MIN_KDF });
const created = await service.createKeyring('passphrase');
const sealer = createRecordSealer({ sodium, keyring: created.keyring });
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (data: Uint8Array) => new TextDecoder().decode(data);
const address: RecordAddress = { collection: 'chapters', id: 'ch-42', version: 7 };
/** format (1) + nonce (24) before the ciphertext, the tag (16) after it. */
const OVERHEAD = 1 + 24 + 16;

function expectTampered(open: () => unknown): void {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.TAMPERED);
    expect((error as AppError).message).toMatch(/was changed, or does not belong here/);
    return;
  }
  throw new Error('opened');
}

describe('records: XChaCha20-Poly1305 bound to (collection, id, version), padded', () => {
  it('round-trips records of every size, padded to their bucket', () => {
    for (const length of [0, 1, 200, 255, 256, 1000, 5000, 42_000]) {
      const plaintext = Uint8Array.from({ length }, (_, i) => (i * 31) % 251);
      const sealed = sealer.sealRecord({ ...address, plaintext });
      expect(sealed.length).toBe(OVERHEAD + Math.max(RECORD_PAD_FLOOR, padme(length + 1)));
      expect([...sealer.openRecord({ ...address, sealed })]).toEqual([...plaintext]);
    }
  });

  it('seals the same plaintext differently each time (random nonce), and never in the clear', () => {
    const plaintext = bytes('{"title":"The Lighthouse Keeper"}');
    const a = sealer.sealRecord({ ...address, plaintext });
    const b = sealer.sealRecord({ ...address, plaintext });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).includes(Buffer.from('Lighthouse'))).toBe(false);
  });

  it('refuses a bit flip anywhere: format byte, nonce, ciphertext, padding, tag', () => {
    const sealed = sealer.sealRecord({ ...address, plaintext: bytes('A scene about the storm.') });
    for (let at = 0; at < sealed.length; at += 1) {
      for (const bit of [0, 7]) {
        const copy = sealed.slice();
        copy[at] = (copy[at] ?? 0) ^ (1 << bit);
        expectTampered(() => sealer.openRecord({ ...address, sealed: copy }));
      }
    }
  });

  it('refuses a record moved to another id or collection, or replayed at another version', () => {
    const sealed = sealer.sealRecord({ ...address, plaintext: bytes('v7') });
    expectTampered(() => sealer.openRecord({ ...address, id: 'ch-43', sealed }));
    expectTampered(() => sealer.openRecord({ ...address, collection: 'codex', sealed }));
    expectTampered(() => sealer.openRecord({ ...address, version: 6, sealed }));
    expectTampered(() => sealer.openRecord({ ...address, version: 8, sealed }));
    // The fields are length-prefixed: moving characters between collection and id changes the binding.
    const joined = sealer.sealRecord({ collection: 'ab', id: 'c', version: 0, plaintext: bytes('x') });
    expectTampered(() => sealer.openRecord({ collection: 'a', id: 'bc', version: 0, sealed: joined }));
    // Two records swapped: each fails where the other belongs.
    const other = sealer.sealRecord({ ...address, id: 'ch-43', plaintext: bytes('v7 of 43') });
    expectTampered(() => sealer.openRecord({ ...address, sealed: other }));
    expectTampered(() => sealer.openRecord({ ...address, id: 'ch-43', sealed }));
  });

  it('refuses records sealed with another keyring, and cut or empty input', async () => {
    const stranger = createRecordSealer({ sodium, keyring: (await service.createKeyring('passphrase')).keyring });
    const sealed = stranger.sealRecord({ ...address, plaintext: bytes('not yours') });
    expectTampered(() => sealer.openRecord({ ...address, sealed }));
    const mine = sealer.sealRecord({ ...address, plaintext: bytes('mine') });
    for (const cut of [0, 1, 25, 40, mine.length - 1]) expectTampered(() => sealer.openRecord({ ...address, sealed: mine.subarray(0, cut) }));
    expect(() => sealer.sealRecord({ ...address, version: -1, plaintext: bytes('x') })).toThrow(RangeError);
  });

  it('gives each record an opaque server id: stable across unlocks, distinct per record and per keyring', async () => {
    const id = sealer.serverIdOf('scenes', 'scene-1');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const again = createRecordSealer({ sodium, keyring: await service.unlockWithPassphrase(created.envelope, 'passphrase') });
    expect(again.serverIdOf('scenes', 'scene-1')).toBe(id);
    expect(read(again.openRecord({ ...address, sealed: sealer.sealRecord({ ...address, plaintext: bytes('same keys') }) }))).toBe('same keys');
    const ids = new Set([id, sealer.serverIdOf('scenes', 'scene-2'), sealer.serverIdOf('scene-doc', 'scene-1'), sealer.serverIdOf('ab', 'c'), sealer.serverIdOf('a', 'bc')]);
    expect(ids.size).toBe(5);
    const stranger = createRecordSealer({ sodium, keyring: (await service.createKeyring('passphrase')).keyring });
    expect(stranger.serverIdOf('scenes', 'scene-1')).not.toBe(id);
    expect(id).not.toContain(Buffer.from('scene-1').toString('hex'));
  });
});
