import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secrets';

const SECRET = 'sk-proj-FAKEkeyForSafeStorageTests0123';
const MAGIC = Buffer.from('FAKE-OS-CRYPT:');

/** Stands in for Electron's safeStorage: a reversible scramble tagged so foreign bytes fail to decrypt. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>> } = {}) {
  const state = { available: options.available ?? true, encrypted: 0 };
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    encryptString: (plain) => {
      state.encrypted += 1;
      return Buffer.concat([MAGIC, Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString: (encrypted) => {
      if (!encrypted.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(MAGIC.length).map((b) => b ^ 0x5a)).toString('utf8');
    },
    ...(options.backend !== undefined && { getSelectedStorageBackend: () => options.backend ?? 'unknown' }),
  };
  return { storage, state };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-safe-storage-'));
  file = path.join(dir, 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(ErrorCode.STORAGE_FAILED);
  return error as AppError;
}

describe('safeStorage secret store', () => {
  it('round-trips values through the OS encryption, across instances', async () => {
    const { storage, state } = fakeSafeStorage();
    const secrets = createSafeStorageSecretStore({ safeStorage: storage, file });
    expect(await secrets.get('openai')).toBeNull();
    expect(await secrets.list()).toEqual([]);
    await secrets.set('openai', SECRET);
    await secrets.set('anthropic', 'sk-ant-second-0000000000');
    expect(state.encrypted).toBe(2);
    const reopened = createSafeStorageSecretStore({ safeStorage: storage, file });
    expect(await reopened.get('openai')).toBe(SECRET);
    expect((await reopened.list()).sort()).toEqual(['anthropic', 'openai']);
    await reopened.delete('openai');
    expect(await reopened.get('openai')).toBeNull();
    expect(await reopened.list()).toEqual(['anthropic']);
  });

  it('writes only encrypted, base64 values to an owner-only file, atomically', async () => {
    const { storage } = fakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: storage, file }).set('openai', SECRET);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(SECRET);
    const parsed = JSON.parse(raw) as { version: number; entries: Record<string, string> };
    expect(parsed.version).toBe(1);
    expect(Buffer.from(parsed.entries.openai ?? '', 'base64').subarray(0, MAGIC.length)).toEqual(MAGIC);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('refuses to store anything when the OS keychain is unavailable', async () => {
    const { storage } = fakeSafeStorage({ available: false });
    const error = await failure(createSafeStorageSecretStore({ safeStorage: storage, file }).set('openai', SECRET));
    expect(error.message).toMatch(/OS keychain is unavailable/);
    await expect(stat(file)).rejects.toThrow();
  });

  it('refuses Linux’s basic_text backend, whose key is a constant, but not a real keyring', async () => {
    const basic = fakeSafeStorage({ backend: 'basic_text' }).storage;
    await failure(createSafeStorageSecretStore({ safeStorage: basic, file, platform: 'linux' }).set('openai', SECRET));
    await expect(stat(file)).rejects.toThrow();
    const keyring = fakeSafeStorage({ backend: 'gnome_libsecret' }).storage;
    await createSafeStorageSecretStore({ safeStorage: keyring, file, platform: 'linux' }).set('openai', SECRET);
    // Elsewhere the backend question does not apply.
    await createSafeStorageSecretStore({ safeStorage: basic, file, platform: 'darwin' }).set('openai', SECRET);
  });

  it('says a stored key cannot be read when the keychain is gone or the value does not decrypt', async () => {
    const fake = fakeSafeStorage();
    const secrets = createSafeStorageSecretStore({ safeStorage: fake.storage, file });
    await secrets.set('openai', SECRET);
    fake.state.available = false;
    expect((await failure(secrets.get('openai'))).message).toMatch(/OS keychain is unavailable/);
    fake.state.available = true;
    await writeFile(file, JSON.stringify({ version: 1, entries: { openai: Buffer.from('garbage').toString('base64') } }));
    expect((await failure(secrets.get('openai'))).message).toMatch(/can’t be read.*Enter your keys again/);
  });

  it('reports a damaged file, then moves it aside when a key is saved again', async () => {
    const { storage } = fakeSafeStorage();
    const secrets = createSafeStorageSecretStore({ safeStorage: storage, file, now: () => 7 });
    await writeFile(file, '{ not json');
    await failure(secrets.get('openai'));
    await failure(secrets.list());
    await secrets.set('openai', SECRET);
    expect(await secrets.get('openai')).toBe(SECRET);
    expect((await readdir(dir)).sort()).toEqual(['secrets.json', 'secrets.json.unreadable-7']);
  });
});
