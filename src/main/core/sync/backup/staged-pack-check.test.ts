import { mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNativeSodium, encryptBlobStream } from '../crypto';
import { stagedPackIsWhole } from './staged-pack-check';

const sodium = createNativeSodium();
const key = sodium.randomBytes(32);
const context = new TextEncoder().encode('nova-backup v1 test');
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A staged pack of 3.5 MiB of random bytes (four encrypted chunks); resolves with its file and size. */
async function stagePack(): Promise<{ file: string; size: number }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'nova-staged-pack-'));
  folders.push(folder);
  const plain = sodium.randomBytes(3.5 * 1024 * 1024);
  const parts: Uint8Array[] = [];
  for await (const part of encryptBlobStream((async function* () { yield plain; })(), { sodium, key, context })) parts.push(part.slice());
  const bytes = Buffer.concat(parts);
  const file = path.join(folder, 'pack.nvbs');
  writeFileSync(file, bytes);
  return { file, size: bytes.length };
}

describe('a staged pack found on disk', () => {
  it('is whole when every chunk opens and the size is the recorded one', async () => {
    const { file, size } = await stagePack();
    expect(await stagedPackIsWhole({ sodium, file, size, key, context })).toBe(true);
  });

  it('is torn with a hole of zeros in it (a page a power cut never wrote)', async () => {
    const { file, size } = await stagePack();
    const fd = openSync(file, 'r+');
    writeSync(fd, new Uint8Array(4096), 0, 4096, 2 * 1024 * 1024);
    closeSync(fd);
    expect(await stagedPackIsWhole({ sodium, file, size, key, context })).toBe(false);
  });

  it('is torn when shorter than recorded, or when its tail is cut and the record says so', async () => {
    const { file, size } = await stagePack();
    truncateSync(file, size - 100);
    expect(await stagedPackIsWhole({ sodium, file, size, key, context })).toBe(false);
    expect(await stagedPackIsWhole({ sodium, file, size: size - 100, key, context })).toBe(false);
  });

  it('is missing, or does not open under this key or context: packed again, not an error', async () => {
    const { file, size } = await stagePack();
    expect(await stagedPackIsWhole({ sodium, file, size, key: sodium.randomBytes(32), context })).toBe(false);
    expect(await stagedPackIsWhole({ sodium, file, size, key, context: new TextEncoder().encode('another backup') })).toBe(false);
    expect(await stagedPackIsWhole({ sodium, file: `${file}.gone`, size, key, context })).toBe(false);
  });
});
