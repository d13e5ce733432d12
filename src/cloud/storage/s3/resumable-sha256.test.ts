import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ResumableSha256 } from './resumable-sha256';

const nodeSha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('ResumableSha256', () => {
  it('matches node:crypto on lengths around the block and padding edges', () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const bytes = randomBytes(length);
      expect(new ResumableSha256().update(bytes).digestHex()).toBe(nodeSha(bytes));
    }
  });

  it('continues from a saved state (through JSON) at any split, and digesting does not disturb it', () => {
    const bytes = randomBytes(5000);
    for (const split of [0, 1, 63, 64, 65, 1234, 4999, 5000]) {
      const first = new ResumableSha256().update(bytes.subarray(0, split));
      expect(first.digestHex()).toBe(nodeSha(bytes.subarray(0, split)));
      const saved = JSON.parse(JSON.stringify(first.save())) as ReturnType<ResumableSha256['save']>;
      const resumed = new ResumableSha256(saved);
      for (let at = split; at < bytes.byteLength; at += 777) resumed.update(bytes.subarray(at, Math.min(at + 777, bytes.byteLength)));
      expect(resumed.digestHex()).toBe(nodeSha(bytes));
    }
  });
});
