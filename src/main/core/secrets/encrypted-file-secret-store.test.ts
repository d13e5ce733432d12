import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { defaultDataDir } from '../platform/paths';
import { createEncryptedFileSecretStore, defaultWebKeyFile } from './encrypted-file-secret-store';
import { isInside } from './secret-file';

const SECRET = 'sk-ant-api03-THISisAfakeKEYforTESTS0123456789';
const posix = process.platform !== 'win32';

let dir: string;
let file: string;
let keyFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-secrets-'));
  file = path.join(dir, 'data', 'secrets.enc.json');
  keyFile = path.join(dir, 'keys', 'web-secret.key');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = () => createEncryptedFileSecretStore({ file, keyFile, now: () => 42 });

async function expectUnreadable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(ErrorCode.STORAGE_FAILED);
  expect((error as AppError).message).toMatch(/can’t be read.*Enter your keys again/);
}

describe('encrypted file secret store', () => {
  it('starts empty without creating any file', async () => {
    const secrets = store();
    expect(await secrets.get('openai')).toBeNull();
    expect(await secrets.list()).toEqual([]);
    await secrets.delete('openai');
    await expect(stat(keyFile)).rejects.toThrow();
    await expect(stat(file)).rejects.toThrow();
  });

  it('round-trips values, across instances, and deletes them', async () => {
    await store().set('anthropic', SECRET);
    await store().set('openai', 'sk-other-0000000000');
    const reopened = store();
    expect(await reopened.get('anthropic')).toBe(SECRET);
    expect((await reopened.list()).sort()).toEqual(['anthropic', 'openai']);
    await reopened.delete('anthropic');
    expect(await store().get('anthropic')).toBeNull();
    expect(await store().list()).toEqual(['openai']);
  });

  it('stores only ciphertext, with a new IV on every write', async () => {
    const secrets = store();
    await secrets.set('anthropic', SECRET);
    const first = JSON.parse(await readFile(file, 'utf8')) as { iv: string; data: string };
    await secrets.set('anthropic', SECRET);
    const second = JSON.parse(await readFile(file, 'utf8')) as { iv: string; data: string };
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('anthropic');
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
    expect(Buffer.from(first.iv, 'base64')).toHaveLength(12);
  });

  it('creates a 32-byte owner-only key file in an owner-only folder, and leaves no temp files', async () => {
    await store().set('openai', SECRET);
    const key = await readFile(keyFile);
    expect(key).toHaveLength(32);
    if (posix) {
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(keyFile))).mode & 0o777).toBe(0o700);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    expect(await readdir(path.dirname(file))).toEqual(['secrets.enc.json']);
    expect(await readdir(path.dirname(keyFile))).toEqual(['web-secret.key']);
  });

  it('keeps concurrent writes', async () => {
    const secrets = store();
    await Promise.all(Array.from({ length: 10 }, (_, i) => secrets.set(`name${i}`, `value-${i}`)));
    expect((await store().list()).length).toBe(10);
  });

  it('refuses a key file inside the data folder', () => {
    expect(() => createEncryptedFileSecretStore({ file, keyFile: path.join(dir, 'data', 'keys', 'k.key') })).toThrow(/outside the data folder/);
  });

  it('reports a tampered file clearly, then lets the user save keys again', async () => {
    await store().set('openai', SECRET);
    const envelope = JSON.parse(await readFile(file, 'utf8')) as { data: string };
    const bytes = Buffer.from(envelope.data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await writeFile(file, JSON.stringify({ ...envelope, data: bytes.toString('base64') }));
    await expectUnreadable(store().get('openai'));
    await expectUnreadable(store().list());

    await store().set('openai', 'sk-new-key-123456789');
    expect(await store().get('openai')).toBe('sk-new-key-123456789');
    expect(await readdir(path.dirname(file))).toContain('secrets.enc.json.unreadable-42');
  });

  it('reports a wrong or missing key, and garbage in the file', async () => {
    await store().set('openai', SECRET);
    const original = await readFile(keyFile);
    await writeFile(keyFile, Buffer.alloc(32, 7));
    await expectUnreadable(store().get('openai'));
    await rm(keyFile);
    await expectUnreadable(store().get('openai'));
    await writeFile(keyFile, original);
    expect(await store().get('openai')).toBe(SECRET);
    await writeFile(file, 'not json at all');
    await expectUnreadable(store().get('openai'));
  });

  it('replaces a damaged key file on the next save', async () => {
    await store().set('openai', SECRET);
    await writeFile(keyFile, 'short');
    await expectUnreadable(store().get('openai'));
    await store().set('anthropic', SECRET);
    expect(await store().list()).toEqual(['anthropic']);
    expect(await readFile(keyFile)).toHaveLength(32);
  });
});

describe('defaultWebKeyFile', () => {
  it('is a per-user place apart from the data folder on each platform', () => {
    expect(defaultWebKeyFile('linux', {}, '/home/ann')).toBe('/home/ann/.local/state/nova-studio/web-secret.key');
    expect(defaultWebKeyFile('linux', { XDG_STATE_HOME: '/st' }, '/home/ann')).toBe('/st/nova-studio/web-secret.key');
    expect(defaultWebKeyFile('linux', { XDG_STATE_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.local/state/nova-studio/web-secret.key');
    expect(defaultWebKeyFile('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Nova Studio Keys/web-secret.key');
    expect(defaultWebKeyFile('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Local\\Nova Studio Keys\\web-secret.key',
    );
  });

  it('never falls inside the default data folder', () => {
    for (const [platform, home] of [['linux', '/home/ann'], ['darwin', '/Users/ann']] as const) {
      expect(isInside(defaultDataDir(platform, {}, home), defaultWebKeyFile(platform, {}, home))).toBe(false);
    }
    const env = { APPDATA: '/c/ann/AppData/Roaming', LOCALAPPDATA: '/c/ann/AppData/Local' };
    expect(defaultWebKeyFile('win32', env, '/c/ann').startsWith(defaultDataDir('win32', env, '/c/ann'))).toBe(false);
  });
});
