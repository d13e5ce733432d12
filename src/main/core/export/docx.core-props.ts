import type { PrintManuscript } from './manuscript-normalize';
import { escapeXml as esc } from './xhtml.render';

/** `2025-06-06T07:08:09Z`: the W3CDTF form the core properties use. */
function w3cdtf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(tag: string, value: string): string {
  return value === '' ? `<${tag}/>` : `<${tag}>${esc(value)}</${tag}>`;
}

/**
 * `docProps/core.xml`, written here rather than by the docx package because that one has no
 * `dc:language` and fills a missing author with "Un-named". The author is left empty when the
 * project has none; dates come from the caller's clock.
 */
export function coreProperties(book: PrintManuscript, modifiedAt: number): string {
  const date = w3cdtf(modifiedAt);
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    element('dc:title', book.title),
    element('dc:subject', book.genre),
    element('dc:creator', book.author ?? ''),
    element('dc:description', book.descriptionParagraphs.join('\n\n')),
    element('cp:lastModifiedBy', book.author ?? ''),
    '<cp:revision>1</cp:revision>',
    element('dc:language', book.language),
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}
