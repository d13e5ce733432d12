import { describe, expect, it } from 'vitest';
import { isWellFormedText, titleSchema } from './common';

describe('well-formed text', () => {
  it('accepts any proper Unicode, astral characters included', () => {
    for (const text of ['', 'plain', 'café', '🌊 wave', '𝔉raktur', 'a\u0000b']) expect(isWellFormedText(text)).toBe(true);
  });

  it('finds a surrogate without its partner anywhere in the text, or a pair in the wrong order', () => {
    for (const text of ['\uD83D', 'x\uDE00', 'end \uD83D', '\uDE00\uD83D', '🌊\uD83D']) expect(isWellFormedText(text)).toBe(false);
  });

  it('makes titles refuse it with a sentence, rather than trimming or replacing it', () => {
    const result = titleSchema.safeParse(' Salt \uD83D ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^This text has a broken character/);
    expect(titleSchema.parse(' Salt 🌊 ')).toBe('Salt 🌊');
  });
});
