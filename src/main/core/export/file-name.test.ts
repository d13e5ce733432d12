import { describe, expect, it } from 'vitest';
import { exportFileName, MAX_FILE_NAME_BYTES } from './file-name';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The device names Windows reserves, with or without an extension (docs.microsoft.com "Naming Files"). */
const devices = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...Array.from({ length: 10 }, (_, n) => `COM${n}`),
  ...Array.from({ length: 10 }, (_, n) => `LPT${n}`),
  'COM¹',
  'COM²',
  'COM³',
  'LPT¹',
  'LPT²',
  'LPT³',
  'CONIN$',
  'CONOUT$',
];

/** What Windows treats as the device part of a name: before the first dot, trailing spaces ignored. */
function windowsDevicePart(fileName: string): string {
  return (fileName.split('.')[0] ?? '').replace(/[ ]+$/, '').toUpperCase();
}

describe('exportFileName', () => {
  it.each([
    ['My Novel', 'docx', 'My Novel.docx'],
    ['  The <Lighthouse> & Sea  ', 'epub', 'The Lighthouse & Sea.epub'],
    ['a/b\\c:d*e?f"g<h>i|j', 'md', 'a b c d e f g h i j.md'],
    ['tab\there\u0000bell\u0007', 'md', 'tab herebell.md'],
    ['...hidden. ', 'md', 'hidden.md'],
    ['', 'docx', 'manuscript.docx'],
    ['???', 'docx', 'manuscript.docx'],
    ['Café — Ünïcödé 🌊', 'epub', 'Café — Ünïcödé 🌊.epub'],
    ['Console', 'pdf', 'Console.pdf'],
    ['Auxiliary.txt', 'md', 'Auxiliary.txt.md'],
    ['com10', 'md', 'com10.md'],
  ])('%j as %s is %j', (title, extension, expected) => {
    expect(exportFileName(title, extension)).toBe(expected);
  });

  describe('never names a Windows device', () => {
    const shapes = (device: string): string[] => [
      device,
      device.toLowerCase(),
      `${device}.txt`,
      `${device.toLowerCase()}.tar.gz`,
      `${device}.`,
      `${device}...`,
      `${device} `,
      `${device} .txt`,
      `${device}. . `,
      ` ${device}`,
    ];
    it.each(devices.flatMap((device) => shapes(device).map((title) => [title])))('%j', (title) => {
      for (const extension of ['md', 'docx', 'epub', 'pdf']) {
        const name = exportFileName(title, extension);
        expect(devices).not.toContain(windowsDevicePart(name));
        expect(name.endsWith(`.${extension}`)).toBe(true);
        // Windows drops trailing dots and spaces, which would change the name on disk.
        expect(name).not.toMatch(/[ .]$/);
      }
    });

    it('keeps the title readable: only an underscore is added after the device part', () => {
      expect(exportFileName('nul.txt', 'md')).toBe('nul_.txt.md');
      expect(exportFileName('CON', 'docx')).toBe('CON_.docx');
      expect(exportFileName('lpt1.txt', 'md')).toBe('lpt1_.txt.md');
      expect(exportFileName('aux .notes', 'pdf')).toBe('aux_.notes.pdf');
      expect(exportFileName('COM³', 'epub')).toBe('COM³_.epub');
    });

    it('checks again after the byte cap, which may cut back to a bare device name', () => {
      // One "character" of 601 bytes (a letter with 300 combining accents) does not fit and goes whole.
      expect(exportFileName(`CON${'a'.padEnd(301, '\u0301')}`, 'md')).toBe('CON_.md');
    });
  });

  describe('caps the name by UTF-8 bytes', () => {
    it('fits a 300-character title of 3-byte characters (900 bytes) into the cap', () => {
      const name = exportFileName('灯'.repeat(300), 'epub');
      expect(bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(name).toBe(`${'灯'.repeat(Math.floor((MAX_FILE_NAME_BYTES - '.epub'.length) / 3))}.epub`);
    });

    it('caps 4-byte emoji without splitting a surrogate pair', () => {
      const name = exportFileName('🌊'.repeat(300), 'md');
      expect(bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(name).toBe(`${'🌊'.repeat(Math.floor((MAX_FILE_NAME_BYTES - '.md'.length) / 4))}.md`);
    });

    it('never splits a character made of several code points (family emoji, accents, flags)', () => {
      const family = '👨‍👩‍👧'; // 18 bytes: three people joined by zero-width joiners
      const name = exportFileName(family.repeat(40), 'pdf');
      expect(bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(name).toBe(`${family.repeat(Math.floor((MAX_FILE_NAME_BYTES - 4) / bytes(family)))}.pdf`);
      const accented = exportFileName('e\u0301'.repeat(150), 'md').normalize('NFD');
      expect(accented).toMatch(/^(e\u0301)+\.md$/);
      const flags = exportFileName('🇫🇷'.repeat(60), 'md');
      expect(flags).toMatch(/^(🇫🇷)+\.md$/u);
    });

    it('keeps an ASCII title of the cap and trims a dot or space the cut leaves at the end', () => {
      const long = `${'a'.repeat(194)} b.c d`;
      const name = exportFileName(long, 'docx');
      expect(bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(name).toBe(`${'a'.repeat(194)}.docx`);
    });

    it('counts the extension in the cap, for every format', () => {
      for (const extension of ['md', 'docx', 'epub', 'pdf']) {
        expect(bytes(exportFileName('ä'.repeat(300), extension))).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      }
    });
  });
});
