import type { PdfLayout } from './pdf.layout';
import type { PdfWriter } from './pdf.writer';
import type { PrintManuscript } from './manuscript-normalize';

const thousands = new Intl.NumberFormat('en-US');

/**
 * The word count a manuscript's title page shows, rounded as the convention asks: exact under
 * 100 words, to the nearest 100 for short fiction (under 20,000 words), to the nearest 1,000
 * for a novella or novel. "about 92,000 words".
 */
export function approximateWordCount(words: number): string {
  if (words < 100) return `${words} ${words === 1 ? 'word' : 'words'}`;
  const step = words < 20_000 ? 100 : 1000;
  return `about ${thousands.format(Math.round(words / step) * step)} words`;
}

/**
 * Standard manuscript format's first page: the writer's contact block at the top left, single-
 * spaced; the approximate word count at the top right; the title centred halfway down, and
 * "by Author" a double-spaced line below it.
 */
export function manuscriptTitlePage(writer: PdfWriter, layout: PdfLayout, book: PrintManuscript): void {
  const { left, top } = layout.margins;
  const width = writer.contentWidth;
  const single = layout.bodySize * 1.2;
  book.contactLines.forEach((line, index) => {
    writer.place(line, { x: left, y: top + index * single, width: width * 0.6, align: 'left' });
  });
  writer.place(approximateWordCount(book.wordCount), { x: left + width * 0.6, y: top, width: width * 0.4, align: 'right' });
  const middle = layout.size[1] / 2 - layout.linePitch;
  writer.moveTo(middle);
  writer.paragraph({ runs: [{ text: book.title }], align: 'center' });
  if (book.author) writer.paragraph({ runs: [{ text: `by ${book.author}` }], align: 'center' });
}

/** A book's title page: the title large a third of the way down, the author's name beneath. */
export function bookTitlePage(writer: PdfWriter, layout: PdfLayout, book: PrintManuscript): void {
  const titleSize = layout.bodySize * 2.2;
  writer.moveTo(layout.size[1] * 0.3);
  writer.paragraph({ runs: [{ text: book.title, bold: true }], align: 'center', size: titleSize, pitch: titleSize * 1.2 });
  if (book.author) {
    writer.skip(1.5);
    const size = layout.bodySize * 1.35;
    writer.paragraph({ runs: [{ text: book.author }], align: 'center', size, pitch: size * 1.3 });
  }
}
