import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RACY_MS, signatureOf } from './media-index';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('signatureOf', () => {
  it('trusts no file changed within RACY_MS of the signature (a second write in the same tick would not show)', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'nova-media-index-'));
    folders.push(folder);
    const file = path.join(folder, 'clip.bin');
    writeFileSync(file, 'bytes');
    const written = Date.now();
    expect(await signatureOf(file, written)).toBeNull();
    expect(await signatureOf(file, written + RACY_MS - 100)).toBeNull();
    expect(await signatureOf(file, written + RACY_MS + 1000)).toMatchObject({ size: '5' });
  });
});
