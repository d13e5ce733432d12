import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import os from 'node:os';
import path from 'node:path';
import type { SecretStore } from '../platform/secrets';
import {
  createSerialQueue,
  isInside,
  moveAside,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  readSecretFile,
  secretsUnreadable,
  writeSecretFileAtomic,
} from './secret-file';

/*
 * The browser mode's secret store. Secrets are one JSON object encrypted with AES-256-GCM
 * (authenticated: a changed byte fails to decrypt rather than yielding garbage). The 32-byte key
 * lives in a separate file outside the data folder, so a copy or backup of the data folder
 * carries only ciphertext.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'nova-secrets';
const VERSION = 1;
/** Binds the ciphertext to its purpose: the same key could never decrypt another kind of file. */
const AAD = Buffer.from(`${FORMAT}/v${VERSION}`);

interface EnvelopeV1 {
  format: typeof FORMAT;
  version: typeof VERSION;
  iv: string;
  tag: string;
  data: string;
}

export interface EncryptedFileSecretStoreOptions {
  /** The encrypted secrets, usually `<dataDir>/secrets.enc.json`. */
  file: string;
  /** The 32-byte key; must not be inside the folder that holds `file`. Created on first save. */
  keyFile: string;
  /** Time source for naming files moved aside; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * Where the browser mode keeps its key by default: a per-user folder that is not the data
 * folder (see `defaultDataDir`) and is not roamed or synced with it.
 * Linux `$XDG_STATE_HOME/nova-studio/` (else `~/.local/state/nova-studio/`), macOS
 * `~/Library/Application Support/Nova Studio Keys/`, Windows `%LOCALAPPDATA%\Nova Studio Keys\`.
 */
export function defaultWebKeyFile(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const fileName = 'web-secret.key';
  if (platform === 'win32') {
    const p = path.win32;
    return p.join(env.LOCALAPPDATA ?? p.join(home, 'AppData', 'Local'), 'Nova Studio Keys', fileName);
  }
  const p = path.posix;
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', 'Nova Studio Keys', fileName);
  // The XDG spec says to ignore a relative value.
  const state = env.XDG_STATE_HOME && p.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : p.join(home, '.local', 'state');
  return p.join(state, 'nova-studio', fileName);
}

type Loaded = { ok: true; values: Record<string, string> } | { ok: false; cause: unknown };

/** A {@link SecretStore} in an AES-256-GCM encrypted file whose key is kept in another folder. */
export function createEncryptedFileSecretStore(options: EncryptedFileSecretStoreOptions): SecretStore {
  const { file, keyFile } = options;
  const now = options.now ?? Date.now;
  if (isInside(path.dirname(file), keyFile)) {
    throw new Error(`The secrets key file (${keyFile}) must be outside the data folder (${path.dirname(file)}), so a copy of the data folder carries no usable key.`);
  }
  const serial = createSerialQueue();

  const load = async (): Promise<Loaded> => {
    const bytes = await readSecretFile(file);
    if (bytes === null) return { ok: true, values: {} };
    const key = await readKey(keyFile);
    if (key.state !== 'ok') return { ok: false, cause: keyProblem(key) };
    try {
      return { ok: true, values: decrypt(bytes, key.key) };
    } catch (cause) {
      return { ok: false, cause };
    }
  };
  const read = async (): Promise<Record<string, string>> => {
    const loaded = await load();
    if (!loaded.ok) throw secretsUnreadable(loaded.cause);
    return loaded.values;
  };
  /** Applies `change` and saves; unreadable old content is moved aside so new keys can still be saved. */
  const update = async (change: (values: Record<string, string>) => void): Promise<void> => {
    const loaded = await load();
    let values: Record<string, string> = {};
    if (loaded.ok) values = loaded.values;
    else await moveAside(file, now());
    change(values);
    const key = await readOrCreateKey(keyFile, now);
    await writeSecretFileAtomic(file, JSON.stringify(encrypt(values, key)));
  };

  return {
    get: (name) => serial(async () => (await read())[name] ?? null),
    list: () => serial(async () => Object.keys(await read())),
    set: (name, value) =>
      serial(() =>
        update((values) => {
          values[name] = value;
        }),
      ),
    delete: (name) =>
      serial(async () => {
        // Nothing to do when the file does not exist yet: do not create a key just to delete.
        if ((await readSecretFile(file)) === null) return;
        await update((values) => {
          delete values[name];
        });
      }),
  };
}

function encrypt(values: Record<string, string>, key: Buffer): EnvelopeV1 {
  // A fresh random IV for every write: GCM must never see the same (key, IV) pair twice.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return { format: FORMAT, version: VERSION, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws on anything but an intact envelope made with this key. */
function decrypt(bytes: Buffer, key: Buffer): Record<string, string> {
  const envelope = JSON.parse(bytes.toString('utf8')) as Partial<EnvelopeV1>;
  if (envelope.format !== FORMAT || envelope.version !== VERSION) throw new Error('not a secrets file of a known version');
  if (typeof envelope.iv !== 'string' || typeof envelope.tag !== 'string' || typeof envelope.data !== 'string') throw new Error('incomplete secrets file');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
  const values: unknown = JSON.parse(plain);
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new Error('secrets are not an object');
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

type KeyRead = { state: 'ok'; key: Buffer } | { state: 'missing' } | { state: 'damaged'; size: number };

/** The key file's state; I/O failures other than "missing" throw STORAGE_FAILED. */
async function readKey(keyFile: string): Promise<KeyRead> {
  const key = await readSecretFile(keyFile);
  if (key === null) return { state: 'missing' };
  return key.length === KEY_BYTES ? { state: 'ok', key } : { state: 'damaged', size: key.length };
}

function keyProblem(read: Exclude<KeyRead, { state: 'ok' }>): Error {
  return new Error(read.state === 'missing' ? 'the key file is missing' : `the key file holds ${read.size} bytes, not ${KEY_BYTES}`);
}

/** Reads the key, creating it (owner-only) on first use; a damaged key file is moved aside and replaced. */
async function readOrCreateKey(keyFile: string, now: () => number): Promise<Buffer> {
  const existing = await readKey(keyFile);
  if (existing.state === 'ok') return existing.key;
  if (existing.state === 'damaged') await moveAside(keyFile, now());
  const key = randomBytes(KEY_BYTES);
  const temp = `${keyFile}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(keyFile), { recursive: true, mode: PRIVATE_DIR_MODE });
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(key);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await publishKey(temp, keyFile);
    return key;
  } catch (cause) {
    const raced = await readKey(keyFile).catch(() => null);
    if (raced?.state === 'ok') return raced.key;
    throw new AppError(ErrorCode.STORAGE_FAILED, `The key for saved API keys could not be created at ${keyFile}.`, { cause });
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Puts the finished key file in place. link() does so only if no key exists yet, so a second
 * process starting at the same moment keeps the first key instead of replacing it; file systems
 * without hard links fall back to a rename.
 */
async function publishKey(temp: string, keyFile: string): Promise<void> {
  try {
    await link(temp, keyFile);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') throw error;
    await rename(temp, keyFile);
  }
}
