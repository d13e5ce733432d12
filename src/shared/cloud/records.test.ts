import { describe, expect, it } from 'vitest';
import { chainPreimage, GENESIS_HASH, PutRecordsRequestSchema } from './records';

describe('chainPreimage', () => {
  it('lays out h_{n-1}, seq, id length, id, version and the ciphertext hash big-endian', () => {
    const previous = 'ab'.repeat(32);
    const ciphertextHash = 'cd'.repeat(32);
    const bytes = chainPreimage(previous, 2 ** 32 + 5, 'rec', 7, ciphertextHash);
    expect(bytes.length).toBe(32 + 8 + 2 + 3 + 8 + 32);
    expect([...bytes.slice(0, 32)].every((b) => b === 0xab)).toBe(true);
    expect([...bytes.slice(32, 40)]).toEqual([0, 0, 0, 1, 0, 0, 0, 5]);
    expect([...bytes.slice(40, 42)]).toEqual([0, 3]);
    expect(String.fromCharCode(...bytes.slice(42, 45))).toBe('rec');
    expect([...bytes.slice(45, 53)]).toEqual([0, 0, 0, 0, 0, 0, 0, 7]);
    expect([...bytes.slice(53)].every((b) => b === 0xcd)).toBe(true);
  });

  it('keeps ids of different lengths apart and refuses malformed hashes and numbers', () => {
    const a = chainPreimage(GENESIS_HASH, 1, 'ab', 1, GENESIS_HASH);
    const b = chainPreimage(GENESIS_HASH, 1, 'a', 1, GENESIS_HASH);
    expect(a.length).not.toBe(b.length);
    expect(() => chainPreimage('zz', 1, 'a', 1, GENESIS_HASH)).toThrow();
    expect(() => chainPreimage(GENESIS_HASH, -1, 'a', 1, GENESIS_HASH)).toThrow();
    expect(() => chainPreimage(GENESIS_HASH, 1.5, 'a', 1, GENESIS_HASH)).toThrow();
  });
});

describe('PutRecordsRequestSchema', () => {
  it('refuses a batch naming one record twice, and non-base64 ciphertext', () => {
    const record = { id: 'a', version: 1, ciphertext: 'AAAA' };
    expect(PutRecordsRequestSchema.safeParse({ records: [record] }).success).toBe(true);
    expect(PutRecordsRequestSchema.safeParse({ records: [record, record] }).success).toBe(false);
    expect(PutRecordsRequestSchema.safeParse({ records: [{ ...record, ciphertext: 'not base64!' }] }).success).toBe(false);
    expect(PutRecordsRequestSchema.safeParse({ records: [{ ...record, version: 0 }] }).success).toBe(false);
  });
});
