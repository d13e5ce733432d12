import PDFDocument from 'pdfkit';
import type { PageSize, PdfStyle } from '../../../shared/models/export';
import type { ManuscriptForExport } from './export.types';
import { toPrintManuscript, type PrintChapter, type PrintManuscript } from './manuscript-normalize';
import { createBlockRenderer } from './pdf.blocks';
import type { PdfFonts } from './pdf.fonts';
import { pdfLayout, type PdfLayout } from './pdf.layout';
import { bookTitlePage, manuscriptTitlePage } from './pdf.title-page';
import { createPdfWriter, registerFonts, type PdfWriter } from './pdf.writer';

/** Options for {@link renderPdf}. */
export interface PdfRenderOptions {
  style: PdfStyle;
  pageSize: PageSize;
  fonts: PdfFonts;
  /** When the document was made (ms since the epoch), for its info dictionary. */
  modifiedAt: number;
}

/** The finished PDF, and the characters its fonts could not draw (printed as □). */
export interface PdfResult {
  bytes: Buffer;
  missingCharacters: string[];
}

// Blocks set between two yields to the event loop: ~1,000 words, a few milliseconds of layout.
const BLOCKS_PER_SLICE = 40;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function chapterOpening(writer: PdfWriter, layout: PdfLayout, chapter: PrintChapter): void {
  writer.newPage();
  writer.moveTo(layout.size[1] * layout.chapterDrop);
  const size = layout.chapterTitleSize;
  const bold = layout.style === 'book';
  writer.paragraph({ runs: [{ text: chapter.title, bold }], align: 'center', size, pitch: Math.max(layout.linePitch, size * 1.3) });
  // A double-spaced blank line in a manuscript; more air in a book.
  writer.skip(layout.style === 'book' ? 1.5 : 1);
}

/**
 * Marks the pages still held in memory, which are complete, and writes them out. Every page
 * after the title page gets "Surname / SHORT TITLE / n" at the top right in a manuscript, a
 * centred folio at the foot in a book; pages count from 1 after the title page. Called at each
 * chapter's start, so the work (and the compression of the pages) is spread over the export
 * instead of falling on its last moment.
 */
function finishPages(doc: PDFKit.PDFDocument, writer: PdfWriter, layout: PdfLayout, book: PrintManuscript): void {
  const { start, count } = doc.bufferedPageRange();
  const head = [book.surname, book.shortTitle.toLocaleUpperCase(book.language)].filter((part) => part !== '').join(' / ');
  const { left, top, bottom } = layout.margins;
  for (let index = Math.max(start, 1); index < start + count; index += 1) {
    doc.switchToPage(index);
    const number = index;
    if (layout.style === 'manuscript') {
      writer.place(`${head} / ${number}`, { x: left, y: top / 2, width: writer.contentWidth, align: 'right' });
    } else {
      // Below the text area: lift the bottom margin so PDFKit does not start a new page for it.
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      writer.place(String(number), { x: left, y: layout.size[1] - bottom / 2 - layout.bodySize / 2, width: writer.contentWidth, align: 'center', size: layout.bodySize - 1 });
      doc.page.margins.bottom = saved;
    }
  }
  doc.flushPages();
}

async function writeChapters(doc: PDFKit.PDFDocument, writer: PdfWriter, layout: PdfLayout, book: PrintManuscript): Promise<void> {
  const blocks = createBlockRenderer(writer, layout);
  let sinceYield = 0;
  for (const chapter of book.chapters) {
    finishPages(doc, writer, layout, book);
    chapterOpening(writer, layout, chapter);
    doc.outline.addItem(chapter.title);
    blocks.startChapter();
    for (const [index, scene] of chapter.scenes.entries()) {
      if (index > 0) blocks.sceneBreak();
      for (const node of scene.content ?? []) {
        blocks.block(node);
        sinceYield += 1;
        // Other clients' calls (autosaves) run between slices instead of waiting for the whole book.
        if (sinceYield >= BLOCKS_PER_SLICE) {
          sinceYield = 0;
          await yieldToEventLoop();
        }
      }
    }
  }
}

/**
 * Renders a manuscript as a PDF with embedded, subset fonts. `manuscript` style is standard
 * manuscript format (see pdf.layout.ts); `book` style is a typeset reading copy. Layout runs in
 * slices so a long book does not hold the core's event loop for seconds.
 */
export async function renderPdf(manuscript: ManuscriptForExport, options: PdfRenderOptions): Promise<PdfResult> {
  const book = toPrintManuscript(manuscript);
  const layout = pdfLayout(options.style, options.pageSize);
  const date = new Date(options.modifiedAt);
  const doc = new PDFDocument({
    size: layout.size,
    margins: layout.margins,
    bufferPages: true,
    lang: book.language,
    displayTitle: true,
    info: {
      Title: book.title,
      ...(book.author ? { Author: book.author } : {}),
      ...(book.genre ? { Subject: book.genre } : {}),
      Creator: 'Nova Studio',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  registerFonts(doc, options.fonts);
  const writer = createPdfWriter(doc, options.fonts, layout);
  if (layout.style === 'manuscript') manuscriptTitlePage(writer, layout, book);
  else bookTitlePage(writer, layout, book);
  await writeChapters(doc, writer, layout, book);
  finishPages(doc, writer, layout, book);
  doc.end();
  return { bytes: await finished, missingCharacters: [...writer.missing] };
}
