import { escapeXml as esc } from './xhtml.render';

/* The fixed parts of an EPUB 3 package. Every interpolated value is escaped here or by the caller. */

/** One content document in reading order. */
export interface EpubPage {
  id: string;
  href: string;
  /** Shown in the table of contents; `null` keeps the page out of it. */
  tocLabel: string | null;
}

export interface EpubMeta {
  identifier: string;
  title: string;
  author: string | null;
  /** "Surname, Given names" for a reader's sorting; `null` when it cannot be told apart. */
  authorSortName: string | null;
  description: string | null;
  genre: string;
  language: string;
  /** `YYYY-MM-DDThh:mm:ssZ`, as `dcterms:modified` requires. */
  modified: string;
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

export const STYLE_CSS = `body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; margin: 0 5%; }
p { margin: 0; text-indent: 1.5em; }
h1 { text-align: center; margin: 3em 0 2em; page-break-before: always; }
h2, h3, h4, h5, h6 { margin: 1.5em 0 0.5em; }
h1 + p, h2 + p, h3 + p, h4 + p, h5 + p, h6 + p, .scene-break + p, hr + p { text-indent: 0; }
.scene-break { text-align: center; text-indent: 0; margin: 1em 0; }
blockquote { margin: 1em 2em; font-style: italic; }
blockquote p, li p { text-indent: 0; }
pre { white-space: pre-wrap; font-size: 0.9em; margin: 1em 0; }
hr { border: none; border-top: 1px solid currentColor; width: 30%; margin: 1.5em auto; }
.title-page { text-align: center; margin-top: 20%; }
.title-page h1 { page-break-before: avoid; margin-top: 0; }
.title-page p { text-indent: 0; margin: 0.5em 0; }
.title-page .author { font-size: 1.2em; margin-bottom: 2em; }
.title-page .description { font-style: italic; }
nav ol { list-style: none; padding: 0; }
`;

/** A complete XHTML content document around `body` (already XHTML). */
export function xhtmlPage(title: string, language: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${esc(language)}" lang="${esc(language)}">
<head>
<title>${esc(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body>
${body}
</body>
</html>
`;
}

function optional(tag: string, value: string | null): string {
  return value ? `\n    <${tag}>${esc(value)}</${tag}>` : '';
}

/** The author as `dc:creator`, refined as the book's author (MARC relator `aut`) with a sort name. */
function creator(meta: EpubMeta): string {
  if (!meta.author) return '';
  const fileAs = meta.authorSortName ? `\n    <meta refines="#creator" property="file-as">${esc(meta.authorSortName)}</meta>` : '';
  return `
    <dc:creator id="creator">${esc(meta.author)}</dc:creator>
    <meta refines="#creator" property="role" scheme="marc:relators">aut</meta>${fileAs}`;
}

/** The package document; the reading order is the title page, the contents page, then the chapters. */
export function contentOpf(meta: EpubMeta, titlePage: EpubPage, chapters: EpubPage[]): string {
  const pages = [titlePage, ...chapters];
  const items = pages.map((page) => `    <item id="${page.id}" href="${page.href}" media-type="application/xhtml+xml"/>`).join('\n');
  const refs = [titlePage.id, 'nav', ...chapters.map((page) => page.id)].map((id) => `    <itemref idref="${id}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${esc(meta.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${esc(meta.identifier)}</dc:identifier>
    <dc:title>${esc(meta.title)}</dc:title>
    <dc:language>${esc(meta.language)}</dc:language>${creator(meta)}${optional('dc:description', meta.description)}${optional('dc:subject', meta.genre)}
    <meta property="dcterms:modified">${esc(meta.modified)}</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="css" href="style.css" media-type="text/css"/>
${items}
  </manifest>
  <spine toc="ncx">
${refs}
  </spine>
</package>
`;
}

export function navXhtml(meta: EpubMeta, contents: EpubPage[], bodyStart: EpubPage | null): string {
  const entries = contents.map((page) => `      <li><a href="${page.href}">${esc(page.tocLabel ?? '')}</a></li>`).join('\n');
  const landmarks = bodyStart
    ? `
<nav epub:type="landmarks" hidden="hidden">
  <ol>
    <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
    <li><a epub:type="bodymatter" href="${bodyStart.href}">Start</a></li>
  </ol>
</nav>`
    : '';
  const body = `<nav epub:type="toc" id="toc" role="doc-toc">
  <h1>Contents</h1>
  <ol>
${entries}
  </ol>
</nav>${landmarks}`;
  return xhtmlPage(meta.title, meta.language, body);
}

export function tocNcx(meta: EpubMeta, contents: EpubPage[]): string {
  const points = contents
    .map(
      (page, index) => `    <navPoint id="nav-${index + 1}" playOrder="${index + 1}">
      <navLabel><text>${esc(page.tocLabel ?? '')}</text></navLabel>
      <content src="${page.href}"/>
    </navPoint>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${esc(meta.language)}">
  <head>
    <meta name="dtb:uid" content="${esc(meta.identifier)}"/>
    <meta name="dtb:depth" content="1"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text>${esc(meta.title)}</text></docTitle>
  <navMap>
${points}
  </navMap>
</ncx>
`;
}
