import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { renderDocx as render } from './docx.render';
import { doc, paragraph, sampleManuscript, text } from './export.fixture';
import type { ManuscriptForExport } from './export.types';

async function part(buffer: Buffer, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file(path);
  if (!file) throw new Error(`${path} is missing`);
  return file.async('string');
}

const renderDocx = (manuscript: ManuscriptForExport): Promise<Buffer> => render(manuscript, { modifiedAt: Date.UTC(2025, 0, 2, 3, 4, 5) });

function expectInOrder(haystack: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `"${needle}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

describe('renderDocx', () => {
  it('reads back with the title page, chapters, scenes and scene breaks in order', async () => {
    const { value } = await mammoth.extractRawText({ buffer: await renderDocx(sampleManuscript()) });
    expectInOrder(value, [
      'The <Lighthouse> & Sea',
      'by Ada Quill',
      'A keeper finds a letter.',
      'It changes everything.',
      'Arrival',
      'Inside heading',
      'Plain bold italic under struck x < y a link no script',
      'A quoted line.',
      'apple',
      'pear',
      'third',
      'let a = 1;',
      'Tom & Jerry <3 *stars* _under_ #tag [x]',
      '* * *',
      'The second scene begins at dawn.',
      'The Storm',
      'Waves broke over the rocks.',
    ]);
    expect(value.match(/\* \* \*/g)).toHaveLength(2); // the horizontal rule and the scene break
  });

  it('writes marks as run properties, links as hyperlinks and headings as styles', async () => {
    const buffer = await renderDocx(sampleManuscript());
    const body = await part(buffer, 'word/document.xml');
    expect(body).toMatch(/<w:r><w:rPr><w:b\/>(<w:bCs\/>)?<\/w:rPr><w:t[^>]*>bold<\/w:t><\/w:r>/);
    expect(body).toMatch(/<w:r><w:rPr><w:i\/>(<w:iCs\/>)?<\/w:rPr><w:t[^>]*>italic<\/w:t><\/w:r>/);
    expect(body).toMatch(/<w:u w:val="single"\/><\/w:rPr><w:t[^>]*>under</);
    expect(body).toMatch(/<w:strike\/><\/w:rPr><w:t[^>]*>struck</);
    expect(body).toMatch(/<w:hyperlink [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t[^>]*>a link</);
    expect(body).not.toContain('javascript');
    expect(body).toMatch(/<w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t[^>]*>Arrival</);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t[^>]*>Inside heading</);
    expect(body).toMatch(/<w:br\/><\/w:r><w:r><w:t[^>]*>second line/);
    expect(body).toContain('Tom &amp; Jerry &lt;3');

    const rels = await part(buffer, 'word/_rels/document.xml.rels');
    expect(rels).toContain('Target="https://example.com/a%20b" TargetMode="External"');
    const numbering = await part(buffer, 'word/numbering.xml');
    expect(numbering).toContain('<w:startOverride w:val="3"/>');
  });

  it('uses manuscript defaults: a serif face at 12 pt, 1.5 spacing and first-line indents', async () => {
    const styles = await part(await renderDocx(sampleManuscript()), 'word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="24"/>');
    expect(defaults).toContain('w:line="360"');
    expect(defaults).toContain('w:firstLine="720"');
  });

  it('writes the author, the language and the clock’s date into the properties, and the language into the default style', async () => {
    const buffer = await renderDocx(sampleManuscript({ language: 'pt-BR' }));
    const core = await part(buffer, 'docProps/core.xml');
    expect(core).toContain('<dc:creator>Ada Quill</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Ada Quill</cp:lastModifiedBy>');
    expect(core).toContain('<dc:language>pt-BR</dc:language>');
    expect(core).toContain('<dc:title>The &lt;Lighthouse&gt; &amp; Sea</dc:title>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-02T03:04:05Z</dcterms:modified>');
    expect(core).not.toContain('Un-named');
    const styles = await part(buffer, 'word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain('<w:lang w:val="pt-BR"/>');
  });

  it('numbers each ordered list from its own start', async () => {
    const item = (value: string) => ({ type: 'listItem' as const, content: [paragraph(text(value))] });
    const list = { type: 'orderedList' as const, content: [item('a'), item('b')] };
    const buffer = await renderDocx({
      title: 'Lists',
      description: '',
      genre: '',
      chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(list, paragraph(text('between')), list) }] }],
    });
    const body = await part(buffer, 'word/document.xml');
    const numIds = [...body.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((match) => match[1]);
    expect(numIds).toHaveLength(4);
    expect(numIds[0]).toBe(numIds[1]);
    expect(numIds[2]).not.toBe(numIds[0]);
  });

  it('renders a manuscript without chapters, and survives characters XML forbids', async () => {
    const empty = await mammoth.extractRawText({ buffer: await renderDocx({ title: '', description: '', genre: '', chapters: [] }) });
    expect(empty.value.trim()).toBe('Untitled');
    const odd = await renderDocx({
      title: 'Odd\u0001',
      description: '',
      genre: '',
      chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(paragraph(text('bell\u0007 here'))) }] }],
    });
    expect((await mammoth.extractRawText({ buffer: odd })).value).toContain('bell here');
  });
});
