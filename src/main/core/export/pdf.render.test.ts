import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poppler } from '../../testing/read-back';
import { doc, mark, paragraph, sampleManuscript, text } from './export.fixture';
import type { ManuscriptForExport } from './export.types';
import { DEFAULT_FONTS_FOLDER, loadPdfFonts } from './pdf.fonts';
import { renderPdf, type PdfRenderOptions } from './pdf.render';
import { approximateWordCount } from './pdf.title-page';

/*
 * PDFs are read back with poppler-utils: pdftotext (text, and word boxes for the layout),
 * pdffonts (embedding), pdfinfo (page size, metadata), pdftohtml -xml (which face each word is in).
 */

const fonts = loadPdfFonts(DEFAULT_FONTS_FOLDER);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
async function render(manuscript: ManuscriptForExport, options: Partial<PdfRenderOptions> = {}) {
  const result = await renderPdf(manuscript, { style: 'manuscript', pageSize: 'letter', fonts, modifiedAt: Date.UTC(2025, 5, 6, 7, 8, 9), ...options });
  const file = path.join(dir, `out-${(fileCount += 1)}.pdf`);
  writeFileSync(file, result.bytes);
  const tool = (command: Parameters<typeof poppler>[0], ...args: string[]): string => {
    const run = poppler(command, ...args, file, ...(command === 'pdftotext' ? ['-'] : []));
    expect(run.status, run.stderr).toBe(0);
    return run.stdout;
  };
  /** The text of each page, as `pdftotext -layout` lays it out. */
  const pages = (): string[] => tool('pdftotext', '-layout').split('\f').slice(0, -1);
  return { result, file, tool, pages };
}

interface Word {
  text: string;
  x: number;
  y: number;
  page: number;
}

/** Every word with its page and the top-left corner of its box, in points. */
function wordsOf(bboxHtml: string): Word[] {
  const words: Word[] = [];
  bboxHtml.split('<page ').slice(1).forEach((page, index) => {
    for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
      words.push({ text: match[3] ?? '', x: Number(match[1]), y: Number(match[2]), page: index + 1 });
    }
  });
  return words;
}

function expectInOrder(haystack: string, needles: readonly string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" after offset ${from} in:\n${haystack}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

const squash = (value: string): string => value.replace(/\s+/g, ' ');

/** A manuscript with a contact block and a long chapter that runs over several pages. */
function longManuscript(overrides: Partial<ManuscriptForExport> = {}): ManuscriptForExport {
  const sample = sampleManuscript();
  const paragraphs = Array.from({ length: 40 }, (_, i) =>
    paragraph(text(`Paragraph ${i + 1} opens as the keeper climbs the long stair, and the gulls cry over the grey water while the `), text('lantern', mark('italic')), text(' burns on. '), text('Nothing', mark('bold')), text(' else moves.')),
  );
  return {
    ...sample,
    contact: 'Ada Quill\n12 Harbour Road\nPortsmouth PO1 2AB\nada@example.com',
    chapters: [...sample.chapters, { title: 'The Long Watch', scenes: [{ title: 'Long', content: doc(...paragraphs) }] }],
    ...overrides,
  };
}

describe('renderPdf in standard manuscript format', () => {
  it('has a title page with the contact block, the word count, the title and the author, and no running head', async () => {
    const { pages } = await render(longManuscript({ chapters: longManuscript().chapters.map((c) => ({ ...c, scenes: c.scenes.map((s) => ({ ...s, wordCount: 45_678 / 4 })) })) }));
    const [title] = pages();
    expectInOrder(squash(title ?? ''), ['Ada Quill', 'about 46,000 words', '12 Harbour Road', 'Portsmouth PO1 2AB', 'ada@example.com', 'The <Lighthouse> & Sea', 'by Ada Quill']);
    expect(title).not.toMatch(/\/ 1\b/);
  });

  it('lays the title page out by the convention: contact top left, word count top right, title halfway down', async () => {
    const { tool } = await render(longManuscript());
    const words = wordsOf(tool('pdftotext', '-bbox', '-f', '1', '-l', '1'));
    const at = (word: string): Word => words.find((w) => w.text === word) ?? expect.unreachable(`${word} on the title page`);
    expect(at('Ada')).toMatchObject({ x: 72, y: 72 });
    expect(at('words').x).toBeGreaterThan(400); // right-aligned at the right margin
    expect(at('words').y).toBe(72);
    expect(at('Sea').y).toBeGreaterThan(792 / 2 - 48);
    expect(at('Sea').y).toBeLessThan(792 / 2 + 24);
    expect(at('by').y - at('Sea').y).toBe(24); // a double-spaced line below
  });

  it('prints all the text in order, chapters on new pages, scenes separated by #', async () => {
    const { pages } = await render(longManuscript());
    const all = pages();
    const body = squash(all.slice(1).join('\n'));
    expectInOrder(body, [
      'Arrival',
      'Inside heading',
      'Plain bold italic under struck x < y a link no script',
      'First line',
      'second line',
      'A quoted line.',
      'apple',
      'pear',
      '3. third',
      '4. fourth',
      'let a = 1;',
      'let b = a * 2;',
      '#',
      'Tom & Jerry <3 *stars* _under_ #tag [x]',
      '#',
      'The second scene begins at dawn.',
      'The Storm',
      'Waves broke over the rocks.',
      'The Long Watch',
      'Paragraph 1 opens',
      'Paragraph 40 opens',
    ]);
    const opening = (title: string): number => all.findIndex((page) => page.includes(title));
    expect(opening('Arrival')).toBe(1);
    expect(opening('The Storm')).toBe(2);
    expect(all[2]).not.toContain('Arrival');
    expect(opening('The Long Watch')).toBe(3);
    expect(all.length).toBeGreaterThan(5); // the long chapter runs over pages
  });

  it('puts "Surname / SHORT TITLE / n" at the top right of every page after the title page', async () => {
    const { pages, tool } = await render(longManuscript({ title: 'The Lighthouse Keeper of Ness Point and Other Stories' }));
    const all = pages();
    all.slice(1).forEach((page, index) => {
      expect(page.split('\n')[0]?.trim()).toBe(`Quill / LIGHTHOUSE KEEPER / ${index + 1}`);
    });
    const heads = wordsOf(tool('pdftotext', '-bbox')).filter((word) => word.page > 1 && word.y < 72);
    for (const word of heads) expect(word.y).toBe(36); // half an inch from the top
    const numbers = heads.filter((word) => /^\d+$/.test(word.text));
    expect(numbers.map((word) => word.text)).toEqual(all.slice(1).map((_, i) => String(i + 1)));
  });

  it('uses the surname and short title the writer set, upper-casing the title in the book’s language', async () => {
    const { pages } = await render(longManuscript({ surname: 'Quill-Smith', shortTitle: 'istanbul', language: 'tr' }));
    expect(pages()[1]?.split('\n')[0]?.trim()).toBe('Quill-Smith / İSTANBUL / 1');
  });

  it('sets 12 pt text double-spaced with 1-inch margins, half-inch indents, and chapters a third of the way down', async () => {
    const { tool } = await render(longManuscript());
    const words = wordsOf(tool('pdftotext', '-bbox'));
    const chapterTitle = words.find((word) => word.text === 'Watch') ?? expect.unreachable('the chapter title');
    expect(chapterTitle.y).toBe(792 / 3);
    const lineTops = [...new Set(words.filter((word) => word.page === chapterTitle.page && word.y > chapterTitle.y).map((word) => word.y))];
    const gaps = lineTops.slice(1).map((y, i) => y - (lineTops[i] ?? 0));
    expect(new Set(gaps)).toEqual(new Set([24]));
    const firstWord = words.find((word) => word.text === 'Paragraph' && word.page === chapterTitle.page) ?? expect.unreachable('a paragraph');
    expect(firstWord.x).toBe(72 + 36);
    expect(firstWord.y - chapterTitle.y).toBe(48); // a blank double-spaced line after the title
    const lineStarts = words.filter((word) => word.page === chapterTitle.page + 1).map((word) => word.x);
    expect(Math.min(...lineStarts)).toBe(72);
    expect(Math.max(...words.filter((word) => word.page > 1).map((word) => word.y))).toBeLessThanOrEqual(792 - 72);
  });

  it('prints bold and italic marks in the bold and italic faces', async () => {
    const { tool } = await render(sampleManuscript({ chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(paragraph(text('plain '), text('strong', mark('bold')), text(' '), text('slanted', mark('italic')), text(' '), text('both', mark('bold'), mark('italic')))) }] }] }));
    const xml = tool('pdftohtml', '-xml', '-i', '-f', '2', '-l', '2', '-stdout');
    expect(xml).toContain('>plain </text>');
    expect(xml).toContain('><b>strong</b></text>');
    expect(xml).toContain('><i>slanted</i></text>');
    expect(xml).toContain('><i><b>both</b></i></text>');
    const faces = tool('pdffonts');
    for (const face of ['LiberationSerif ', 'LiberationSerif-Bold ', 'LiberationSerif-Italic ', 'LiberationSerif-BoldItalic ']) expect(faces).toContain(face);
  });

  it('embeds every font it uses, as a subset, and no other', async () => {
    const { tool } = await render(longManuscript());
    const rows = tool('pdffonts').trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+Liberation(Serif|Mono)\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('writes the metadata: title, author, genre, creator, language and the clock’s date', async () => {
    const { tool, result } = await render(longManuscript({ language: 'fr-CA' }));
    const info = tool('pdfinfo');
    expect(info).toMatch(/^Title:\s+The <Lighthouse> & Sea$/m);
    expect(info).toMatch(/^Author:\s+Ada Quill$/m);
    expect(info).toMatch(/^Subject:\s+Literary$/m);
    expect(info).toMatch(/^Creator:\s+Nova Studio$/m);
    expect(info).toMatch(/^CreationDate:\s+Fri Jun {2}6 07:08:09 2025 UTC$/m);
    expect(result.bytes.toString('latin1')).toContain('/Lang (fr-CA)');
  });

  it('prints a character the font lacks as □, keeps the rest, and reports it', async () => {
    const { result, pages } = await render(sampleManuscript({ chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(paragraph(text('Kanji 漢字, a wave 🌊, Привет, café\u200D.'))) }] }] }));
    expect(squash(pages()[1] ?? '')).toContain('Kanji □□, a wave □, Привет, café.');
    expect(result.missingCharacters).toEqual(['漢', '字', '🌊']);
  });

  it.each([
    ['letter', 'manuscript', '612 x 792 pts (letter)'],
    ['a4', 'manuscript', '595.28 x 841.89 pts (A4)'],
    ['trade', 'book', '432 x 648 pts'],
    ['a5', 'book', '419.53 x 595.28 pts'],
  ] as const)('prints on %s paper', async (pageSize, style, expected) => {
    const { tool } = await render(sampleManuscript(), { pageSize, style });
    expect(tool('pdfinfo')).toContain(`Page size:       ${expected}`);
  });

  it('lets the event loop run while a long book is laid out', async () => {
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const paragraphs = Array.from({ length: 800 }, (_, i) => paragraph(text(`Line ${i} of a long book.`)));
    await renderPdf(sampleManuscript({ chapters: [{ title: 'Long', scenes: [{ title: 's', content: doc(...paragraphs) }] }] }), {
      style: 'manuscript',
      pageSize: 'letter',
      fonts,
      modifiedAt: 0,
    });
    ticking = false;
    // One turn at least for every slice of 40 blocks.
    expect(turns).toBeGreaterThanOrEqual(800 / 40 - 1);
  });
});

describe('renderPdf as a book', () => {
  it('has a title page, chapters on new pages, and page numbers at the foot from the first chapter', async () => {
    const { pages, tool } = await render(longManuscript(), { style: 'book', pageSize: 'trade' });
    const all = pages();
    expectInOrder(squash(all[0] ?? ''), ['The <Lighthouse> & Sea', 'Ada Quill']);
    expect(all[0]).not.toContain('words');
    expectInOrder(squash(all.slice(1).join('\n')), ['Arrival', 'Inside heading', '* * *', 'The second scene begins at dawn.', 'The Storm', 'The Long Watch', 'Paragraph 40 opens']);
    expect(all.findIndex((page) => page.includes('The Storm'))).toBe(2);
    const words = wordsOf(tool('pdftotext', '-bbox'));
    const folios = words.filter((word) => word.y > 648 - 63);
    expect(folios.map((word) => word.text)).toEqual(all.slice(1).map((_, i) => String(i + 1)));
    expect(words.filter((word) => word.page > 1 && word.y < 54)).toEqual([]); // no running head
  });

  it('starts the first paragraph after a chapter title or a scene break flush left, and indents the others', async () => {
    const { tool } = await render(longManuscript(), { style: 'book', pageSize: 'trade' });
    const words = wordsOf(tool('pdftotext', '-bbox'));
    const left = words.find((word) => word.text === 'Paragraph' && word.page === words.find((w) => w.text === 'Watch')?.page);
    const second = words.filter((word) => word.text === 'Paragraph')[1];
    const side = 54; // 3/4 inch: wider than the 33-em measure needs on 6 × 9 in paper
    expect(left?.x).toBe(side);
    expect(second?.x).toBe(side + 16.5);
  });
});

describe('approximateWordCount', () => {
  it.each([
    [0, '0 words'],
    [1, '1 word'],
    [87, '87 words'],
    [3_449, 'about 3,400 words'],
    [3_450, 'about 3,500 words'],
    [19_949, 'about 19,900 words'],
    [45_678, 'about 46,000 words'],
    [150_321, 'about 150,000 words'],
  ])('%i → %s', (words, expected) => {
    expect(approximateWordCount(words)).toBe(expected);
  });
});
