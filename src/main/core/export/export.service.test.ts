import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import { createExportService, type ExportDeps } from './export.service';
import { doc, paragraph, sampleManuscript, text } from './export.fixture';
import type { ManuscriptForExport } from './export.types';
import { createExportHandlers } from './handlers';

const projectId = '0190a5a2-7b1c-7cde-8f00-000000000001';

function service(load: ExportDeps['loadManuscript'] = () => sampleManuscript()) {
  return createExportService({ loadManuscript: load, clock: { now: () => Date.UTC(2025, 5, 6, 7, 8, 9) } });
}


describe('createExportService', () => {
  it('exports Markdown as UTF-8 with a file name from the title', async () => {
    const file = await service().exportManuscript({ projectId, format: 'markdown' });
    expect(file.fileName).toBe('The Lighthouse & Sea.md');
    expect(file.mimeType).toBe('text/markdown; charset=utf-8');
    const markdown = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(markdown.startsWith('# The \\<Lighthouse> & Sea\n')).toBe(true);
    expect(file.byteLength).toBe(Buffer.byteLength(markdown));
  });

  it('exports DOCX and EPUB as zip files, with the EPUB dated by the clock', async () => {
    const docx = await service().exportManuscript({ projectId, format: 'docx' });
    expect(docx.fileName).toBe('The Lighthouse & Sea.docx');
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');

    const epub = await service().exportManuscript({ projectId, format: 'epub' });
    const bytes = Buffer.from(epub.base64, 'base64');
    expect(epub).toMatchObject({ fileName: 'The Lighthouse & Sea.epub', mimeType: 'application/epub+zip', byteLength: bytes.byteLength });
    const JSZip = (await import('jszip')).default;
    const opf = await (await JSZip.loadAsync(bytes)).file('OEBPS/content.opf')?.async('string');
    expect(opf).toContain('2025-06-06T07:08:09Z');
  });

  it('exports PDF in standard manuscript format by default, on the paper of the book’s language', async () => {
    const pdfOf = async (language: string, pdf?: { style: 'manuscript' | 'book'; pageSize?: 'letter' | 'a4' | 'trade' | 'a5' }) => {
      const file = await service(() => sampleManuscript({ language })).exportManuscript({ projectId, format: 'pdf', ...(pdf && { pdf }) });
      const bytes = Buffer.from(file.base64, 'base64');
      expect(file).toMatchObject({ fileName: 'The Lighthouse & Sea.pdf', mimeType: 'application/pdf', byteLength: bytes.byteLength });
      expect(file.notice).toBeUndefined();
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      return bytes.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/)?.slice(1).join(' x ');
    };
    expect(await pdfOf('en')).toBe('612 x 792');
    expect(await pdfOf('en-CA')).toBe('612 x 792');
    expect(await pdfOf('en-GB')).toBe('595.28 x 841.89');
    expect(await pdfOf('fr')).toBe('595.28 x 841.89');
    expect(await pdfOf('en', { style: 'book' })).toBe('432 x 648');
    expect(await pdfOf('de', { style: 'book' })).toBe('419.53 x 595.28');
    expect(await pdfOf('de', { style: 'manuscript', pageSize: 'letter' })).toBe('612 x 792');
  });

  it('says which characters the PDF font cannot draw', async () => {
    const manuscript = sampleManuscript({ chapters: [{ title: 'C', scenes: [{ title: 's', content: doc(paragraph(text('東京 and 🌊'))) }] }] });
    const file = await service(() => manuscript).exportManuscript({ projectId, format: 'pdf' });
    expect(file.notice).toBe('The PDF font has no glyphs for 東 京 🌊: they print as □. The Word, EPUB and Markdown exports keep them.');
  });

  it('fails with a sentence when the PDF fonts are missing from the installation', async () => {
    const broken = createExportService({ loadManuscript: () => sampleManuscript(), clock: { now: () => 0 }, fontsFolder: '/nonexistent/fonts' });
    await expect(broken.exportManuscript({ projectId, format: 'pdf' })).rejects.toMatchObject({
      code: ErrorCode.EXPORT_FAILED,
      message: 'The PDF font LiberationSerif-Regular.ttf is missing from this installation. Reinstall Nova Studio to export PDF.',
    });
    // The other formats do not need them.
    await expect(broken.exportManuscript({ projectId, format: 'markdown' })).resolves.toMatchObject({ fileName: 'The Lighthouse & Sea.md' });
  });

  it('asks the loader for the chosen chapters only', async () => {
    const load = vi.fn((): ManuscriptForExport => sampleManuscript());
    const chapterIds = ['0190a5a2-7b1c-7cde-8f00-000000000002'];
    await service(load).exportManuscript({ projectId, format: 'markdown', chapterIds });
    expect(load).toHaveBeenCalledWith(projectId, chapterIds);
  });

  it('passes coded errors from the loader through unchanged', async () => {
    const missing = notFound('The project');
    await expect(
      service(() => {
        throw missing;
      }).exportManuscript({ projectId, format: 'docx' }),
    ).rejects.toBe(missing);
  });

  it('wraps any other failure in EXPORT_FAILED with a sentence and the cause', async () => {
    const cause = new Error('disk on fire');
    const error: unknown = await service(() => {
      throw cause;
    })
      .exportManuscript({ projectId, format: 'epub' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.EXPORT_FAILED, retryable: false, cause });
    expect((error as AppError).message).toBe('The manuscript could not be exported as EPUB. Please try again.');
  });

  it('wraps a renderer failure too', async () => {
    const broken = { ...sampleManuscript(), chapters: null } as unknown as ManuscriptForExport;
    await expect(service(() => broken).exportManuscript({ projectId, format: 'markdown' })).rejects.toMatchObject({
      code: ErrorCode.EXPORT_FAILED,
    });
  });
});

describe('createExportHandlers', () => {
  it('routes export.run to the service', async () => {
    const handlers = createExportHandlers(service());
    const file = await handlers['export.run']({ projectId, format: 'markdown' }, { transport: 'direct' });
    expect(file.fileName).toBe('The Lighthouse & Sea.md');
  });
});
