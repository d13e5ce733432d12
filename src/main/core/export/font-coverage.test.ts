import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontCoverage } from './font-coverage';
import { DEFAULT_FONTS_FOLDER } from './pdf.fonts';

const serif = fontCoverage(readFileSync(path.join(DEFAULT_FONTS_FOLDER, 'LiberationSerif-Regular.ttf')));
const has = (text: string): boolean => Array.from(text).every((char) => serif.has(char.codePointAt(0) ?? 0));

describe('fontCoverage of the shipped serif', () => {
  it('covers Latin with accents, Vietnamese, Greek, Cyrillic, Hebrew and typographic punctuation', () => {
    expect(has('The quick brown fox jumps over the lazy dog 0123456789')).toBe(true);
    expect(has('àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžčćđłńśźżőűăâîșțğış')).toBe(true);
    expect(has('Tiếng Việt có dấu')).toBe(true);
    expect(has('Ἀθῆναι αβγδεζηθ ΑΒΓΔ')).toBe(true);
    expect(has('Съешь же ещё этих мягких французских булок ЁЖЗ ґєії')).toBe(true);
    expect(has('שלום עולם')).toBe(true);
    expect(has('“‘’”—–…•€£¥©®™°§¶†‡№')).toBe(true);
  });

  it('does not claim characters the font lacks', () => {
    expect(has('漢')).toBe(false);
    expect(has('🌊')).toBe(false);
    expect(has('ع')).toBe(false);
  });
});
