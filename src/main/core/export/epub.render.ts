import JSZip from 'jszip';
import { contentOpf, CONTAINER_XML, navXhtml, STYLE_CSS, tocNcx, xhtmlPage, type EpubMeta, type EpubPage } from './epub.templates';
import type { ManuscriptForExport } from './export.types';
import { toPrintManuscript, type PrintChapter, type PrintManuscript } from './manuscript-normalize';
import { docToXhtml, escapeXml } from './xhtml.render';

/** Options for {@link renderEpub}. */
export interface EpubOptions {
  /** The book's `dc:identifier` (see `bookIdentifier`): readers tell books apart by it. */
  identifier: string;
  /** When the book was last modified (ms since the epoch), for `dcterms:modified` and zip dates. */
  modifiedAt?: number;
}

function titlePageBody(book: PrintManuscript): string {
  const lines = [`<h1>${escapeXml(book.title)}</h1>`];
  if (book.author) lines.push(`<p class="author">by ${escapeXml(book.author)}</p>`);
  for (const paragraph of book.descriptionParagraphs) lines.push(`<p class="description">${escapeXml(paragraph)}</p>`);
  return `<section class="title-page" epub:type="titlepage">\n${lines.join('\n')}\n</section>`;
}

function chapterBody(chapter: PrintChapter): string {
  const scenes = chapter.scenes.map(docToXhtml).join('\n<p class="scene-break">* * *</p>\n');
  return `<section epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-title">
<h1 id="chapter-title">${escapeXml(chapter.title)}</h1>
${scenes}
</section>`;
}

/**
 * Renders a manuscript as an EPUB 3 book (with an EPUB 2 NCX for older readers): a title page,
 * one XHTML document per chapter with scene breaks between scenes, and a navigation document
 * listing the chapters. Everything is generated locally; nothing is fetched.
 */
export async function renderEpub(manuscript: ManuscriptForExport, options: EpubOptions): Promise<Buffer> {
  const book = toPrintManuscript(manuscript);
  const date = new Date(options.modifiedAt ?? Date.now());
  const meta: EpubMeta = {
    identifier: options.identifier,
    title: book.title,
    author: book.author,
    authorSortName: book.authorSortName,
    description: book.descriptionParagraphs.join('\n\n') || null,
    genre: book.genre,
    language: book.language,
    modified: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const titlePage: EpubPage = { id: 'title-page', href: 'title.xhtml', tocLabel: book.title };
  const chapters = book.chapters.map((chapter, index) => {
    const number = String(index + 1).padStart(3, '0');
    const page: EpubPage = { id: `chapter-${number}`, href: `chapter-${number}.xhtml`, tocLabel: chapter.title };
    return { page, xhtml: xhtmlPage(chapter.title, book.language, chapterBody(chapter)) };
  });
  const chapterPages = chapters.map((chapter) => chapter.page);
  // The table of contents may not be empty, so a book without chapters lists its title page.
  const contents = chapterPages.length > 0 ? chapterPages : [titlePage];

  const zip = new JSZip();
  const file = (path: string, data: string): void => {
    zip.file(path, data, { date, createFolders: false });
  };
  // OCF: `mimetype` first, stored uncompressed, so readers can sniff the type at a fixed offset.
  zip.file('mimetype', 'application/epub+zip', { date, createFolders: false, compression: 'STORE' });
  file('META-INF/container.xml', CONTAINER_XML);
  file('OEBPS/content.opf', contentOpf(meta, titlePage, chapterPages));
  file('OEBPS/nav.xhtml', navXhtml(meta, contents, chapterPages[0] ?? null));
  file('OEBPS/toc.ncx', tocNcx(meta, contents));
  file('OEBPS/style.css', STYLE_CSS);
  file(`OEBPS/${titlePage.href}`, xhtmlPage(book.title, book.language, titlePageBody(book)));
  for (const chapter of chapters) file(`OEBPS/${chapter.page.href}`, chapter.xhtml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, mimeType: 'application/epub+zip' });
}
