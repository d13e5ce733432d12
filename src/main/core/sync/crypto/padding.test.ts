import { describe, expect, it } from 'vitest';
import { pad, padme, paddedLength, unpad } from './padding';
import { RECORD_PAD_FLOOR } from './record-seal';

describe('Padmé buckets', () => {
  it('keeps only the top bits of a length significant', () => {
    expect([0, 1, 2, 3, 255, 256, 257, 1000, 1025, 65_537, 1_000_000].map(padme)).toEqual([0, 1, 2, 3, 256, 256, 272, 1024, 1088, 67_584, 1_015_808]);
  });

  it('never shrinks, and overhead is below 12.5% (6.25% from 256 B, 3.125% from 64 KiB)', () => {
    for (let length = 2; length < 300_000; length += length < 5000 ? 1 : 97) {
      const bucket = padme(length);
      const overhead = (bucket - length) / length;
      expect(bucket).toBeGreaterThanOrEqual(length);
      expect(overhead).toBeLessThan(length >= 65_536 ? 0.03125 : length >= 256 ? 0.0625 : 0.125);
    }
  });

  it('collapses many lengths into few buckets (what the server can tell apart)', () => {
    const buckets = new Set<number>();
    for (let length = 0; length < 100_000; length += 1) buckets.add(paddedLength(length, RECORD_PAD_FLOOR));
    // 100,000 distinct lengths → a couple of hundred sizes on the wire.
    expect(buckets.size).toBeLessThan(200);
    expect(paddedLength(0, RECORD_PAD_FLOOR)).toBe(RECORD_PAD_FLOOR);
    expect(paddedLength(RECORD_PAD_FLOOR - 1, RECORD_PAD_FLOOR)).toBe(RECORD_PAD_FLOOR);
  });
});

describe('pad and unpad', () => {
  it('round-trips any content, trailing zeros and 0x80 bytes included', () => {
    for (const content of [[], [0], [0x80], [1, 2, 0, 0], [0x80, 0, 0], Array.from({ length: 300 }, (_, i) => i % 7)]) {
      const plaintext = Uint8Array.from(content);
      const padded = pad(plaintext, 16);
      expect(padded.length).toBe(paddedLength(plaintext.length, 16));
      expect([...(unpad(padded) ?? [])]).toEqual(content);
    }
  });

  it('refuses malformed padding', () => {
    expect(unpad(new Uint8Array(8))).toBeNull();
    expect(unpad(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(unpad(new Uint8Array(0))).toBeNull();
  });
});
