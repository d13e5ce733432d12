import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/models/document';
import { renderEpub } from './epub.render';
import { doc, mark, paragraph, sampleManuscript, text } from './export.fixture';
import type { ManuscriptForExport } from './export.types';

const modifiedAt = Date.UTC(2024, 0, 2, 3, 4, 5);
const identifier = 'urn:uuid:0190a5a2-7b1c-7cde-8f00-000000000001';

async function unzip(manuscript: ManuscriptForExport): Promise<{ buffer: Buffer; zip: JSZip; read: (path: string) => Promise<string> }> {
  const buffer = await renderEpub(manuscript, { identifier, modifiedAt });
  const zip = await JSZip.loadAsync(buffer);
  const read = async (path: string): Promise<string> => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} is missing`);
    return file.async('string');
  };
  return { buffer, zip, read };
}

async function expectAllXmlWellFormed(zip: JSZip, read: (path: string) => Promise<string>): Promise<void> {
  const paths = Object.keys(zip.files).filter((path) => /\.(xhtml|opf|ncx|xml)$/.test(path));
  expect(paths.length).toBeGreaterThan(4);
  for (const path of paths) {
    const xml = await read(path);
    expect(XMLValidator.validate(xml), path).toBe(true);
    // XML knows only its five named entities; HTML ones like &nbsp; would break a reader.
    expect(xml.match(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g), path).toBeNull();
  }
}

describe('renderEpub', () => {
  it('starts with the mimetype entry, stored uncompressed and without extra fields', async () => {
    const { buffer, zip } = await unzip(sampleManuscript());
    expect(buffer.readUInt32LE(0)).toBe(0x04034b50); // local file header
    expect(buffer.readUInt16LE(8)).toBe(0); // compression method: stored
    expect(buffer.readUInt16LE(26)).toBe('mimetype'.length);
    expect(buffer.readUInt16LE(28)).toBe(0); // extra field length
    expect(buffer.toString('latin1', 30, 38)).toBe('mimetype');
    expect(buffer.toString('latin1', 38, 58)).toBe('application/epub+zip');
    expect(Object.keys(zip.files)[0]).toBe('mimetype');
  });

  it('points the container at a package whose manifest and spine list every chapter', async () => {
    const { read } = await unzip(sampleManuscript());
    expect(await read('META-INF/container.xml')).toContain('full-path="OEBPS/content.opf"');
    const opf = await read('OEBPS/content.opf');
    expect(opf).toContain('<dc:title>The &lt;Lighthouse&gt; &amp; Sea</dc:title>');
    expect(opf).toContain('<dc:creator id="creator">Ada Quill</dc:creator>');
    expect(opf).toContain('<meta refines="#creator" property="role" scheme="marc:relators">aut</meta>');
    expect(opf).toContain('<meta refines="#creator" property="file-as">Quill, Ada</meta>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<meta property="dcterms:modified">2024-01-02T03:04:05Z</meta>');
    expect(opf).toContain(`<dc:identifier id="book-id">${identifier}</dc:identifier>`);
    expect(opf).toContain('properties="nav"');
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"\/>/g)].map((match) => match[1]);
    expect(spine).toEqual(['title-page', 'nav', 'chapter-001', 'chapter-002']);
  });

  it('lists the chapters in order in the navigation document and the NCX', async () => {
    const { read, zip } = await unzip(sampleManuscript());
    const nav = await read('OEBPS/nav.xhtml');
    expect(nav).toContain('epub:type="toc"');
    const links = [...nav.matchAll(/<li><a href="([^"]+)">([^<]*)<\/a><\/li>/g)].map((match) => [match[1], match[2]]);
    expect(links).toEqual([
      ['chapter-001.xhtml', 'Arrival'],
      ['chapter-002.xhtml', 'The Storm'],
    ]);
    for (const [href] of links) expect(zip.file(`OEBPS/${href}`)).not.toBeNull();
    const ncx = await read('OEBPS/toc.ncx');
    expect([...ncx.matchAll(/<text>([^<]*)<\/text>/g)].map((match) => match[1])).toEqual(['The &lt;Lighthouse&gt; &amp; Sea', 'Arrival', 'The Storm']);
  });

  it('writes well-formed XHTML with the text escaped and the scene break between scenes', async () => {
    const { read, zip } = await unzip(sampleManuscript());
    await expectAllXmlWellFormed(zip, read);
    const chapter = await read('OEBPS/chapter-001.xhtml');
    expect(chapter).toContain('<h1 id="chapter-title">Arrival</h1>');
    expect(chapter).toContain('<p>Tom &amp; Jerry &lt;3 *stars* _under_ #tag [x]</p>');
    expect(chapter).toContain('<strong>bold</strong> <em>italic</em> <u>under</u> <s>struck</s> <code>x &lt; y</code>');
    expect(chapter).toContain('<a href="https://example.com/a%20b">a link</a> no script');
    expect(chapter).toContain('<p class="scene-break">* * *</p>\n<p>The second scene begins at dawn.</p>');
    expect(chapter).toContain('<ol start="3">');
    expect(await read('OEBPS/title.xhtml')).toContain('<p class="author">by Ada Quill</p>');
  });

  it('stays well-formed for hostile text, broken structure and a book without chapters', async () => {
    const hostile: DocNode = doc(
      text('stray ]]> <script>&nbsp;\u0000', mark('link', { href: 'https://a.b/?q="x"&y=<z>' }), mark('bold')),
      paragraph(paragraph(text(''))),
      { type: 'bulletList', content: [paragraph(text('item outside listItem')), { type: 'listItem', content: [] }] },
    );
    const { read, zip } = await unzip({
      title: 'A "quoted" <title>',
      description: 'x & y',
      genre: '',
      language: 'fr-CA',
      chapters: [{ title: '', scenes: [{ title: 's', content: hostile }] }],
    });
    await expectAllXmlWellFormed(zip, read);
    const chapter = await read('OEBPS/chapter-001.xhtml');
    expect(chapter).toContain('<h1 id="chapter-title">Chapter 1</h1>');
    expect(chapter).toContain('<a href="https://a.b/?q=%22x%22&amp;y=%3Cz%3E"><strong>stray ]]&gt; &lt;script&gt;&amp;nbsp;</strong></a>');
    expect(chapter).toContain('xml:lang="fr-CA"');

    const empty = await unzip({ title: '', description: '', genre: '', chapters: [] });
    await expectAllXmlWellFormed(empty.zip, empty.read);
    expect(await empty.read('OEBPS/nav.xhtml')).toContain('<li><a href="title.xhtml">Untitled</a></li>');
  });

  it('writes the identifier it is given into the package and the NCX', async () => {
    const { read } = await unzip(sampleManuscript());
    expect(await read('OEBPS/toc.ncx')).toContain(`<meta name="dtb:uid" content="${identifier}"/>`);
  });

  it('tags every document with the manuscript’s language', async () => {
    const { read } = await unzip(sampleManuscript({ language: 'de-AT' }));
    expect(await read('OEBPS/content.opf')).toContain('<dc:language>de-AT</dc:language>');
    for (const path of ['OEBPS/title.xhtml', 'OEBPS/nav.xhtml', 'OEBPS/chapter-001.xhtml']) {
      expect(await read(path)).toContain('xml:lang="de-AT" lang="de-AT"');
    }
  });
});
