import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { MIN_KDF, parseKeyEnvelope, serializeKeyEnvelope, type KeyEnvelope } from './key-envelope';
import { createKeyringService } from './keyring';
import { createRecordSealer } from './record-seal';
import { createWasmSodium } from './sodium-wasm.adapter';

const sodium = await createWasmSodium();
const service = createKeyringService({ sodium, kdf: MIN_KDF });
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (data: Uint8Array) => new TextDecoder().decode(data);

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}`);
}

/** The envelope with one base64 field's first byte flipped. */
function flipped(envelope: KeyEnvelope, pick: (e: KeyEnvelope) => { get: () => string; set: (v: string) => void }): KeyEnvelope {
  const copy = structuredClone(envelope);
  const field = pick(copy);
  const raw = Buffer.from(field.get(), 'base64');
  raw[0] = (raw[0] ?? 0) ^ 1;
  field.set(raw.toString('base64'));
  return copy;
}

describe('keyring: passphrase → Argon2id → KEK → master key', () => {
  it('creates a keyring whose envelope unlocks with the passphrase and with the recovery key, to the same keys', async () => {
    const { keyring, envelope, recoveryKey } = await service.createKeyring('correct horse battery staple');
    const text = serializeKeyEnvelope(envelope);
    expect(text).not.toContain('correct horse');
    expect(envelope.kdf).toMatchObject({ alg: 'argon2id13', ops: MIN_KDF.ops, mem: MIN_KDF.mem });

    const byPassphrase = await service.unlockWithPassphrase(text, 'correct horse battery staple');
    const byRecovery = await service.unlockWithRecoveryKey(JSON.parse(text), recoveryKey.toLowerCase());
    for (const other of [byPassphrase, byRecovery]) {
      expect(other.keyId).toBe(keyring.keyId);
      expect([...other.collectionKey('scene-doc')]).toEqual([...keyring.collectionKey('scene-doc')]);
      expect([...other.idKey()]).toEqual([...keyring.idKey()]);
    }
    expect([...keyring.collectionKey('scene-doc')]).not.toEqual([...keyring.collectionKey('chapters')]);
    expect([...keyring.collectionKey('scene-doc')]).not.toEqual([...keyring.idKey()]);
  });

  it('treats the same passphrase in another Unicode form as the same passphrase', async () => {
    const { envelope } = await service.createKeyring('caf\u00e9 au lait');
    await expect(service.unlockWithPassphrase(envelope, 'cafe\u0301 au lait')).resolves.toBeTruthy();
  });

  it('refuses a wrong passphrase and a valid recovery key of other keys with their own codes', async () => {
    const { envelope } = await service.createKeyring('first passphrase');
    const other = await service.createKeyring('first passphrase');
    const wrong = await expectCode(service.unlockWithPassphrase(envelope, 'first passphrasE'), ErrorCode.WRONG_PASSPHRASE);
    expect(wrong.message).toMatch(/does not unlock/);
    await expectCode(service.unlockWithRecoveryKey(envelope, other.recoveryKey), ErrorCode.WRONG_RECOVERY_KEY);
    await expectCode(service.unlockWithRecoveryKey(envelope, other.recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'))), ErrorCode.INVALID_RECOVERY_KEY);
  });

  it('reports a corrupted envelope as TAMPERED, never a crash', async () => {
    const { envelope, recoveryKey } = await service.createKeyring('a passphrase');
    const damaged: unknown[] = [
      '{not json',
      null,
      {},
      { ...envelope, version: 2 },
      { ...envelope, kdf: { ...envelope.kdf, mem: 64 * 1024 * 1024 * 1024 } },
      { ...envelope, kdf: { ...envelope.kdf, salt: 'AAAA' } },
      { ...envelope, extra: true },
      flipped(envelope, (e) => ({ get: () => e.passphrase.wrapped, set: (v) => (e.passphrase.wrapped = v) })),
      flipped(envelope, (e) => ({ get: () => e.passphrase.nonce, set: (v) => (e.passphrase.nonce = v) })),
      flipped(envelope, (e) => ({ get: () => e.keyCheck, set: (v) => (e.keyCheck = v) })),
      flipped(envelope, (e) => ({ get: () => e.keyId, set: (v) => (e.keyId = v) })),
    ];
    for (const input of damaged) await expectCode(service.unlockWithPassphrase(input, 'a passphrase'), ErrorCode.TAMPERED);
    await expectCode(service.unlockWithRecoveryKey(flipped(envelope, (e) => ({ get: () => e.recovery.wrapped, set: (v) => (e.recovery.wrapped = v) })), recoveryKey), ErrorCode.TAMPERED);
    expect(() => parseKeyEnvelope('[]')).toThrow(/key envelope was changed/);
    // Weaker work factors written by someone else derive another KEK: the passphrase no longer matches.
    await expectCode(service.unlockWithPassphrase({ ...envelope, kdf: { ...envelope.kdf, ops: 2 } }, 'a passphrase'), ErrorCode.WRONG_PASSPHRASE);
  });

  it('changes the passphrase by re-wrapping the master key only: records sealed before still open', async () => {
    const created = await service.createKeyring('old passphrase');
    const sealed = createRecordSealer({ sodium, keyring: created.keyring }).sealRecord({ collection: 'chapters', id: 'c1', version: 3, plaintext: bytes('Chapter One') });
    const next = await service.changePassphrase(created.keyring, 'new passphrase');

    expect(next.keyId).toBe(created.envelope.keyId);
    expect(next.recovery).toEqual(created.envelope.recovery);
    expect(next.kdf.salt).not.toBe(created.envelope.kdf.salt);
    expect(created.keyring.envelope).toEqual(next);
    await expectCode(service.unlockWithPassphrase(next, 'old passphrase'), ErrorCode.WRONG_PASSPHRASE);
    const reopened = await service.unlockWithPassphrase(next, 'new passphrase');
    expect(read(createRecordSealer({ sodium, keyring: reopened }).openRecord({ collection: 'chapters', id: 'c1', version: 3, sealed }))).toBe('Chapter One');
    await expect(service.unlockWithRecoveryKey(next, created.recoveryKey)).resolves.toBeTruthy();
  });

  it('sets a new passphrase after a recovery-key unlock (the forgotten-passphrase path)', async () => {
    const created = await service.createKeyring('forgotten');
    const recovered = await service.unlockWithRecoveryKey(created.envelope, created.recoveryKey);
    const next = await service.changePassphrase(recovered, 'remembered');
    expect((await service.unlockWithPassphrase(next, 'remembered')).keyId).toBe(created.keyring.keyId);
  });

  it('rotates the recovery key: the old one stops working, the passphrase and the data keys stay', async () => {
    const created = await service.createKeyring('passphrase');
    const before = [...created.keyring.collectionKey('codex')];
    const rotated = await service.rotateRecoveryKey(created.keyring);
    expect(rotated.recoveryKey).not.toBe(created.recoveryKey);
    await expectCode(service.unlockWithRecoveryKey(rotated.envelope, created.recoveryKey), ErrorCode.WRONG_RECOVERY_KEY);
    expect([...(await service.unlockWithRecoveryKey(rotated.envelope, rotated.recoveryKey)).collectionKey('codex')]).toEqual(before);
    expect([...(await service.unlockWithPassphrase(rotated.envelope, 'passphrase')).collectionKey('codex')]).toEqual(before);
  });

  it('zeroes every key on lock, then refuses with KEYS_LOCKED', async () => {
    const { keyring } = await service.createKeyring('passphrase');
    const collectionKey = keyring.collectionKey('scenes');
    const idKey = keyring.idKey();
    expect(collectionKey.some((b) => b !== 0)).toBe(true);
    keyring.lock();
    expect(keyring.isLocked()).toBe(true);
    expect(collectionKey.every((b) => b === 0)).toBe(true);
    expect(idKey.every((b) => b === 0)).toBe(true);
    await expectCode(() => keyring.collectionKey('scenes'), ErrorCode.KEYS_LOCKED);
    await expectCode(() => keyring.idKey(), ErrorCode.KEYS_LOCKED);
    await expectCode(service.changePassphrase(keyring, 'other'), ErrorCode.KEYS_LOCKED);
    await expectCode(service.rotateRecoveryKey(keyring), ErrorCode.KEYS_LOCKED);
    const sealer = createRecordSealer({ sodium, keyring });
    await expectCode(() => sealer.sealRecord({ collection: 'scenes', id: 's', version: 0, plaintext: bytes('x') }), ErrorCode.KEYS_LOCKED);
  });
});

describe('keyring: the master key kept in the OS keychain', () => {
  it('opens the same keys from an exported master key, and refuses another key or a locked keyring', async () => {
    const { keyring, envelope } = await service.createKeyring('correct horse battery staple');
    const master = service.exportMasterKey(keyring);
    const reopened = service.openWithMasterKey(envelope, master);
    expect(reopened.keyId).toBe(keyring.keyId);
    expect(Buffer.from(reopened.collectionKey('scenes'))).toEqual(Buffer.from(keyring.collectionKey('scenes')));
    // The copy is the caller's: zeroing it leaves the reopened keyring working.
    master.fill(0);
    expect(reopened.isLocked()).toBe(false);
    expect(Buffer.from(reopened.idKey())).toEqual(Buffer.from(keyring.idKey()));
    const other = await service.createKeyring('another passphrase entirely');
    await expectCode(() => service.openWithMasterKey(envelope, service.exportMasterKey(other.keyring)), ErrorCode.TAMPERED);
    keyring.lock();
    await expectCode(() => service.exportMasterKey(keyring), ErrorCode.KEYS_LOCKED);
  });
});
