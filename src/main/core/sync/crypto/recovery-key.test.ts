import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { checkRecoveryKeyAnswers, formatRecoveryKey, parseRecoveryKey, RECOVERY_KEY_GROUPS, recoveryKeyChallenge, recoveryKeyGroups } from './recovery-key';
import { createWasmSodium } from './sodium-wasm.adapter';

const sodium = await createWasmSodium();
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const keys = [new Uint8Array(20), Uint8Array.from({ length: 20 }, (_, i) => i * 13 + 7), Uint8Array.from({ length: 20 }, () => 255)];

function expectInvalid(typed: string): void {
  try {
    parseRecoveryKey(sodium, typed);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.INVALID_RECOVERY_KEY);
    return;
  }
  throw new Error(`accepted ${typed}`);
}

describe('recovery key', () => {
  it('prints as nine groups of four Crockford base32 characters and reads back', () => {
    for (const bytes of keys) {
      const key = formatRecoveryKey(sodium, bytes);
      expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(recoveryKeyGroups(key)).toHaveLength(RECOVERY_KEY_GROUPS);
      expect([...parseRecoveryKey(sodium, key)]).toEqual([...bytes]);
    }
  });

  it('reads it however it was typed: case, spaces, no dashes, line breaks, O for 0 and I/L for 1', () => {
    const bytes = keys[1] ?? new Uint8Array(20);
    const key = formatRecoveryKey(sodium, bytes);
    const variants = [key.toLowerCase(), key.replace(/-/g, ' '), key.replace(/-/g, ''), `  ${key.replace(/-/g, '\n')}  `, key.replace(/0/g, 'o').replace(/1/g, 'l')];
    for (const typed of variants) expect([...parseRecoveryKey(sodium, typed)]).toEqual([...bytes]);
  });

  it('catches every one-character typo, every swap of neighbours and every swap of two groups', () => {
    for (const bytes of keys) {
      const chars = formatRecoveryKey(sodium, bytes).replace(/-/g, '');
      for (let i = 0; i < chars.length; i += 1) {
        for (const other of ALPHABET) if (other !== chars[i]) expectInvalid(chars.slice(0, i) + other + chars.slice(i + 1));
        if (i + 1 < chars.length && chars[i] !== chars[i + 1]) expectInvalid(chars.slice(0, i) + (chars[i + 1] ?? '') + (chars[i] ?? '') + chars.slice(i + 2));
      }
      const groups = recoveryKeyGroups(chars);
      for (let a = 0; a < groups.length; a += 1) {
        for (let b = a + 1; b < groups.length; b += 1) {
          if (groups[a] === groups[b]) continue;
          const swapped = [...groups];
          [swapped[a], swapped[b]] = [groups[b] ?? '', groups[a] ?? ''];
          expectInvalid(swapped.join('-'));
        }
      }
    }
  });

  it('says what is wrong with text that is not a recovery key', () => {
    const key = formatRecoveryKey(sodium, keys[1] ?? new Uint8Array(20));
    expect(() => parseRecoveryKey(sodium, key.slice(0, -5))).toThrow(/9 groups of 4 characters \(36 in all\); this has 32/);
    expect(() => parseRecoveryKey(sodium, `${key.slice(0, -1)}U`)).toThrow(/“U” is not one of its characters/);
    expect(() => parseRecoveryKey(sodium, key.replace(/^./, key[0] === 'A' ? 'B' : 'A'))).toThrow(/typo/);
  });

  it('picks distinct data groups to check back, and names the groups typed wrong', () => {
    const sequence = [0.99, 0.0, 0.5];
    let call = 0;
    const challenge = recoveryKeyChallenge({ next: () => sequence[call++ % sequence.length] ?? 0 });
    expect(challenge).toEqual([0, 4, 7]);
    expect(new Set(recoveryKeyChallenge({ next: () => 0 }, 8)).size).toBe(8);
    expect(recoveryKeyChallenge({ next: () => 0.999 }, 8).every((index) => index < 8)).toBe(true);

    const key = formatRecoveryKey(sodium, keys[1] ?? new Uint8Array(20));
    const groups = recoveryKeyGroups(key);
    expect(checkRecoveryKeyAnswers(key, [0, 4, 7], [(groups[0] ?? '').toLowerCase(), ` ${groups[4] ?? ''} `, groups[7] ?? ''])).toEqual([]);
    expect(checkRecoveryKeyAnswers(key, [0, 4, 7], [groups[1] ?? '', groups[4] ?? '', ''])).toEqual([0, 7]);
    // An answer missing, or a group the key does not have, is wrong too.
    expect(checkRecoveryKeyAnswers(key, [0, 4, 7], [groups[0] ?? ''])).toEqual([4, 7]);
    expect(checkRecoveryKeyAnswers(key, [12], ['AAAA'])).toEqual([12]);
  });
});
