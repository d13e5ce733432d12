import type { SafeStorage } from 'electron';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { SecretStore } from '../core/platform/secrets';
import { createSerialQueue, moveAside, readSecretFile, secretsUnreadable, writeSecretFileAtomic } from '../core/secrets';

/** The parts of Electron's `safeStorage` this store uses, so a test can pass a fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike;
  /** The JSON file of encrypted values, usually `<userData>/secrets.json`. */
  file: string;
  /** Time source for naming a damaged file moved aside; defaults to `Date.now`. */
  now?: () => number;
  /** Defaults to `process.platform`; tests set it to exercise Linux's backends. */
  platform?: NodeJS.Platform;
}

interface SecretsFileV1 {
  version: 1;
  /** name → base64 of `safeStorage.encryptString(value)`. */
  entries: Record<string, string>;
}

const KEYCHAIN_UNAVAILABLE =
  'The OS keychain is unavailable, so API keys can’t be kept safely on this computer. On Linux, install and unlock a keyring (GNOME Keyring or KWallet), then restart Nova Studio.';

/**
 * The desktop app's secret store: each value is encrypted by Electron's `safeStorage` (a key
 * held by the OS keychain — Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux)
 * and kept base64-encoded in a JSON file. When no keychain is available it refuses to store
 * anything rather than fall back to plain text — including Linux's "basic_text" backend, whose
 * key is a constant.
 */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, file } = options;
  const now = options.now ?? Date.now;
  const platform = options.platform ?? process.platform;
  const serial = createSerialQueue();

  const keychainReady = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // Only Linux has backends; elsewhere the method is absent or says nothing useful.
    if (platform !== 'linux' || !safeStorage.getSelectedStorageBackend) return true;
    return safeStorage.getSelectedStorageBackend() !== 'basic_text';
  };
  const requireKeychain = (): void => {
    if (!keychainReady()) throw new AppError(ErrorCode.STORAGE_FAILED, KEYCHAIN_UNAVAILABLE);
  };

  /** The entries, or null when the file is damaged (not JSON of the known shape). */
  const load = async (): Promise<Record<string, string> | null> => {
    const bytes = await readSecretFile(file);
    if (bytes === null) return {};
    return parseEntries(bytes);
  };
  const read = async (): Promise<Record<string, string>> => {
    const entries = await load();
    if (entries === null) throw secretsUnreadable(new Error(`${file} is not a secrets file`));
    return entries;
  };
  const update = async (change: (entries: Record<string, string>) => void): Promise<void> => {
    let entries = await load();
    if (entries === null) {
      await moveAside(file, now());
      entries = {};
    }
    change(entries);
    const content: SecretsFileV1 = { version: 1, entries };
    await writeSecretFileAtomic(file, JSON.stringify(content, null, 2));
  };

  return {
    get: (name) =>
      serial(async () => {
        const encrypted = (await read())[name];
        if (encrypted === undefined) return null;
        requireKeychain();
        try {
          return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
        } catch (cause) {
          throw secretsUnreadable(cause);
        }
      }),
    list: () => serial(async () => Object.keys(await read())),
    set: (name, value) =>
      serial(async () => {
        requireKeychain();
        const encrypted = safeStorage.encryptString(value).toString('base64');
        await update((entries) => {
          entries[name] = encrypted;
        });
      }),
    delete: (name) =>
      serial(async () => {
        if ((await readSecretFile(file)) === null) return;
        await update((entries) => {
          delete entries[name];
        });
      }),
  };
}

function parseEntries(bytes: Buffer): Record<string, string> | null {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<SecretsFileV1> | null;
    if (parsed?.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) return null;
    return Object.fromEntries(Object.entries(parsed.entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
}
