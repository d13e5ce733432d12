import JSZip from 'jszip';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../shared/models/export';
import { epubcheck, poppler, python } from '../../testing/read-back';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';
import { everythingScene } from './export.fixture';

let t: TestCore;
let dir: string;
beforeEach(() => {
  t = createTestCore();
  dir = mkdtempSync(path.join(os.tmpdir(), 'nova-export-'));
});
afterEach(() => {
  t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A project with author and language set in its settings, and a little text. */
type Settings = { author?: string; language?: string; contact?: string; shortTitle?: string; surname?: string };

async function novel(title: string, settings: Settings = {}) {
  const project = await t.call('project.create', { title });
  await t.call('project.update', { id: project.id, ...settings });
  const outline = await t.call('outline.get', { projectId: project.id });
  const scene = outline.chapters[0]?.scenes[0];
  if (!scene) throw new Error('a new project starts with a scene');
  await t.call('scene.save', { id: scene.id, content: doc('Le gardien monta l’escalier.', 'La nuit tomba.'), baseRevision: scene.revision });
  return project;
}

function save(file: ExportFile): string {
  const target = path.join(dir, file.fileName);
  writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return target;
}

async function opf(file: ExportFile): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'));
  const text = await zip.file('OEBPS/content.opf')?.async('string');
  if (text === undefined) throw new Error('content.opf is missing');
  return text;
}

const identifierOf = (packageXml: string): string | undefined => /<dc:identifier id="book-id">([^<]+)<\/dc:identifier>/.exec(packageXml)?.[1];

describe('export with the project’s author and language', () => {
  it('writes an EPUB that EPUBCheck accepts, with dc:creator, the project language and an identifier from the project id', async () => {
    const project = await novel('Le Phare', { author: 'Ada Quill', language: 'fr-CA' });
    // A second chapter holding every node and mark the editor makes, so EPUBCheck sees them all.
    const chapter = await t.call('chapter.create', { projectId: project.id, title: 'Tout <à> la fois & plus' });
    const scene = await t.call('scene.create', { chapterId: chapter.id, title: 'Everything' });
    await t.call('scene.save', { id: scene.id, content: everythingScene(), baseRevision: scene.revision });
    const file = await t.call('export.run', { projectId: project.id, format: 'epub' });

    const check = epubcheck(save(file));
    expect(check.stdout + check.stderr).toContain('No errors or warnings detected');
    expect(check.status).toBe(0);

    const packageXml = await opf(file);
    expect(packageXml).toContain('<dc:creator id="creator">Ada Quill</dc:creator>');
    expect(packageXml).toContain('<dc:language>fr-CA</dc:language>');
    expect(identifierOf(packageXml)).toBe(`urn:uuid:${project.id}`);
  }, 180_000); // EPUBCheck is a Java program: ~6 s of CPU, far longer on a busy machine.

  it('gives two projects with one title different identifiers, and one project the same one every time', async () => {
    const first = await novel('Twins', { author: 'Ada Quill' });
    const second = await novel('Twins', { author: 'Ada Quill' });
    const idOf = async (projectId: string) => identifierOf(await opf(await t.call('export.run', { projectId, format: 'epub' })));
    expect(await idOf(first.id)).not.toBe(await idOf(second.id));
    expect(await idOf(first.id)).toBe(await idOf(first.id));
  });

  it('gives an export of some chapters its own stable identifier, so it does not replace the whole book', async () => {
    const project = await novel('Parts');
    const chapter = await t.call('chapter.create', { projectId: project.id, title: 'Two' });
    const idOf = async (chapterIds?: string[]) =>
      identifierOf(await opf(await t.call('export.run', { projectId: project.id, format: 'epub', ...(chapterIds && { chapterIds }) })));
    const whole = await idOf();
    const part = await idOf([chapter.id]);
    expect(part).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(part).not.toBe(whole);
    expect(await idOf([chapter.id])).toBe(part);
  });

  it('writes the author and language into the DOCX, as Word and python-docx read them', async () => {
    const project = await novel('Le Phare', { author: 'Ada Quill', language: 'fr-CA' });
    const target = save(await t.call('export.run', { projectId: project.id, format: 'docx' }));
    const read = python(
      `import docx, json, sys
d = docx.Document(sys.argv[1])
p = d.core_properties
lang = d.styles.element.find('.//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang')
print(json.dumps({"author": p.author, "lastModifiedBy": p.last_modified_by, "language": p.language, "title": p.title,
  "styleLang": lang.get('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val') if lang is not None else None}))`,
      target,
    );
    expect(read.stderr).toBe('');
    expect(JSON.parse(read.stdout)).toEqual({ author: 'Ada Quill', lastModifiedBy: 'Ada Quill', language: 'fr-CA', title: 'Le Phare', styleLang: 'fr-CA' });
  });

  it('leaves the author out rather than writing a placeholder when the project has none', async () => {
    const project = await novel('Nameless');
    const target = save(await t.call('export.run', { projectId: project.id, format: 'docx' }));
    const read = python('import docx, sys\nprint(repr(docx.Document(sys.argv[1]).core_properties.author))', target);
    expect(read.stdout.trim()).toBe("''");
    expect(await opf(await t.call('export.run', { projectId: project.id, format: 'epub' }))).not.toContain('dc:creator');
  });

  it('starts the Markdown with the title and the author', async () => {
    const project = await novel('Le Phare', { author: 'Ada Quill' });
    const file = await t.call('export.run', { projectId: project.id, format: 'markdown' });
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toMatch(/^# Le Phare\n\nby Ada Quill\n/);
  });
});

describe('PDF export of a project', () => {
  it('prints the project’s author, contact block, word count and running head', async () => {
    const project = await novel('The Lighthouse Keeper of Ness Point', {
      author: 'Ursula K. Le Guin',
      contact: 'Ursula Le Guin\n1 Harbour Road\nursula@example.com',
      language: 'en-GB',
    });
    const file = await t.call('export.run', { projectId: project.id, format: 'pdf' });
    const target = save(file);
    const text = poppler('pdftotext', '-layout', target, '-');
    expect(text.stderr).toBe('');
    const [titlePage, first] = text.stdout.split('\f');
    expect(titlePage).toMatch(/Ursula Le Guin\s+7 words\s+1 Harbour Road\s+ursula@example.com/);
    expect(titlePage).toMatch(/The Lighthouse Keeper of Ness Point\s+by Ursula K. Le Guin/);
    expect(first?.split('\n')[0]?.trim()).toBe('Le Guin / LIGHTHOUSE KEEPER / 1');
    expect(first).toMatch(/Le gardien monta l’escalier.\s+La nuit tomba./);
    expect(poppler('pdfinfo', target).stdout).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
  });

  it('uses the running head the writer set in the project settings', async () => {
    const project = await novel('The Lighthouse', { author: 'Ada Quill', shortTitle: 'Keeper', surname: 'Quill-Smith' });
    const target = save(await t.call('export.run', { projectId: project.id, format: 'pdf', pdf: { style: 'manuscript', pageSize: 'a4' } }));
    expect(poppler('pdftotext', '-layout', target, '-').stdout.split('\f')[1]?.split('\n')[0]?.trim()).toBe('Quill-Smith / KEEPER / 1');
  });
});

describe('project publishing settings', () => {
  it('stores author, language (canonical), contact and running head, and refuses a language that is not one', async () => {
    const project = await t.call('project.create', { title: 'Settings' });
    expect(project).toMatchObject({ author: '', language: 'en', contact: '', shortTitle: '', surname: '' });
    const updated = await t.call('project.update', { id: project.id, author: ' Ada Quill ', language: 'PT-br', contact: 'Ada\nLisbon', shortTitle: 'Set', surname: 'Quill' });
    expect(updated).toMatchObject({ author: 'Ada Quill', language: 'pt-BR', contact: 'Ada\nLisbon', shortTitle: 'Set', surname: 'Quill' });
    expect(await t.call('project.get', { id: project.id })).toMatchObject({ author: 'Ada Quill', language: 'pt-BR' });
    const bad = await t.raw('project.update', { id: project.id, language: 'english please' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toContain('Enter a language tag such as en, en-GB or fr-CA.');
  });

  it('gives a new project the author and contact of the last project that has them, and the language asked for', async () => {
    const first = await t.call('project.create', { title: 'First' });
    await t.call('project.update', { id: first.id, author: 'Ada Quill', contact: 'Ada Quill\nada@example.com' });
    const second = await t.call('project.create', { title: 'Second', language: 'de-AT' });
    expect(second).toMatchObject({ author: 'Ada Quill', contact: 'Ada Quill\nada@example.com', language: 'de-AT', shortTitle: '', surname: '' });
    const third = await t.call('project.create', { title: 'Third', author: 'A. Pen Name' });
    expect(third).toMatchObject({ author: 'A. Pen Name', contact: '' });
  });
});
