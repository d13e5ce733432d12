import { describe, expect, it } from 'vitest';
import { base64ToBytes, formatBytes } from './download';

describe('export download helpers', () => {
  it('decodes base64 to the exact bytes, binary included', () => {
    const original = new Uint8Array([0, 1, 2, 250, 255, 80, 75, 3, 4]);
    const base64 = btoa(String.fromCharCode(...original));
    expect(Array.from(base64ToBytes(base64))).toEqual(Array.from(original));
    expect(base64ToBytes('')).toHaveLength(0);
  });

  it('formats sizes', () => {
    expect(formatBytes(500)).toBe('500 bytes');
    expect(formatBytes(23 * 1024)).toBe('23 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
