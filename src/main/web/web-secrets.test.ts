import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createWebSecretStore } from './web-secrets';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-web-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps ciphertext in the data folder and the key beside it, not in it', async () => {
  const dataDir = path.join(dir, 'data');
  const keyFile = path.join(dir, 'state', 'web-secret.key');
  const web = createWebSecretStore({ dataDir, keyFile });
  expect(web.file).toBe(path.join(dataDir, 'secrets.enc.json'));
  expect(web.keyFile).toBe(keyFile);
  await web.secrets.set('api-key.openai', 'sk-proj-webModeFakeKey00000');
  expect(await readFile(web.file, 'utf8')).not.toContain('webModeFakeKey');
  expect(await createWebSecretStore({ dataDir, keyFile }).secrets.get('api-key.openai')).toBe('sk-proj-webModeFakeKey00000');
  expect(() => createWebSecretStore({ dataDir, keyFile: path.join(dataDir, 'k.key') })).toThrow(/outside the data folder/);
});
