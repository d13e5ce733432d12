import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { sceneBreak, sceneParagraphs, type DocxBuild } from './docx.blocks';
import { coreProperties } from './docx.core-props';
import { docxStyles, DocxStyle, INCH, numberingFor } from './docx.styles';
import type { ManuscriptForExport } from './export.types';
import { toPrintManuscript, type PrintChapter, type PrintManuscript } from './manuscript-normalize';

function titlePage(book: PrintManuscript): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(book.title)] }),
    ...(book.author ? [new Paragraph({ style: DocxStyle.author, children: [new TextRun(`by ${book.author}`)] })] : []),
    ...book.descriptionParagraphs.map((text) => new Paragraph({ style: DocxStyle.description, children: [new TextRun(text)] })),
  ];
}

function chapterParagraphs(chapter: PrintChapter, build: DocxBuild): Paragraph[] {
  return [
    // Every chapter, the first included, opens a new page after the title page.
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(chapter.title)] }),
    ...chapter.scenes.flatMap((scene, index) => [...(index > 0 ? [sceneBreak()] : []), ...sceneParagraphs(scene, build)]),
  ];
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
  });
}

/** Options for {@link renderDocx}. */
export interface DocxOptions {
  /** When the document was made (ms since the epoch), for its core properties. */
  modifiedAt: number;
}

/**
 * Renders a manuscript as a Word document laid out like a submission manuscript: a title page
 * (title, author, description), each chapter on a new page under a Heading 1, scenes separated
 * by a centred `* * *`, Times New Roman 12 pt at 1.5 spacing with first-line indents, and page
 * numbers in the footer from the first chapter on. The author and the text's language go into
 * the document's properties, and the language into its default style (for spelling and
 * hyphenation in Word).
 */
export async function renderDocx(manuscript: ManuscriptForExport, options: DocxOptions): Promise<Buffer> {
  const book = toPrintManuscript(manuscript);
  const build: DocxBuild = { nextListInstance: 1, orderedStarts: new Set() };
  const body = book.chapters.flatMap((chapter) => chapterParagraphs(chapter, build));
  const document = new Document({
    title: book.title,
    styles: docxStyles(book.language),
    numbering: numberingFor(build.orderedStarts),
    sections: [
      {
        properties: {
          titlePage: true,
          page: { margin: { top: INCH, right: INCH, bottom: INCH, left: INCH } },
        },
        footers: { default: pageNumberFooter(), first: new Footer({ children: [] }) },
        children: [...titlePage(book), ...body],
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreProperties(book, options.modifiedAt) }]);
}
