/*
 * Which characters a TrueType/OpenType font can draw, read from its `cmap` table. PDFKit draws
 * a missing character as the font's empty .notdef glyph and leaves it out of the text layer, so
 * the PDF renderer checks coverage first and says what it could not print.
 */

interface Subtable {
  platform: number;
  encoding: number;
  offset: number;
}

function tableOffset(font: Buffer, tag: string): number {
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  throw new Error(`the font has no ${tag} table`);
}

function addFormat4(font: Buffer, at: number, into: Set<number>): void {
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s += 1) {
    const end = font.readUInt16BE(ends + s * 2);
    const start = font.readUInt16BE(starts + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code += 1) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(code);
    }
  }
}

function addFormat12(font: Buffer, at: number, into: Set<number>): void {
  const groups = font.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g += 1) {
    const group = at + 16 + g * 12;
    const start = font.readUInt32BE(group);
    const end = Math.min(font.readUInt32BE(group + 4), 0x10ffff);
    const firstGlyph = font.readUInt32BE(group + 8);
    for (let code = start; code <= end; code += 1) if (firstGlyph + (code - start) !== 0) into.add(code);
  }
}

/** The Unicode code points `font` (a TrueType or OpenType file) maps to a real glyph. */
export function fontCoverage(font: Buffer): Set<number> {
  const cmap = tableOffset(font, 'cmap');
  const subtables: Subtable[] = [];
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i += 1) {
    const record = cmap + 4 + i * 8;
    subtables.push({ platform: font.readUInt16BE(record), encoding: font.readUInt16BE(record + 2), offset: cmap + font.readUInt32BE(record + 4) });
  }
  const unicode = (s: Subtable): boolean => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const covered = new Set<number>();
  // A full-repertoire table (format 12) when there is one; the BMP table (format 4) otherwise.
  const full = subtables.find((s) => unicode(s) && font.readUInt16BE(s.offset) === 12);
  const bmp = subtables.find((s) => unicode(s) && font.readUInt16BE(s.offset) === 4);
  if (full) addFormat12(font, full.offset, covered);
  else if (bmp) addFormat4(font, bmp.offset, covered);
  else throw new Error('the font has no Unicode character map');
  return covered;
}
