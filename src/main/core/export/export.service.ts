import { AppError, ErrorCode, isAppError } from '../../../shared/ipc/errors';
import { defaultPageSize, type ExportFile, type ExportFormat, type ExportRequest } from '../../../shared/models/export';
import { DEFAULT_LANGUAGE } from '../../../shared/models/language';
import { bookIdentifier } from './book-identifier';
import { renderDocx } from './docx.render';
import { renderEpub } from './epub.render';
import type { ManuscriptForExport } from './export.types';
import { exportFileName } from './file-name';
import { renderMarkdown } from './markdown.render';
import { DEFAULT_FONTS_FOLDER, loadPdfFonts, type PdfFonts } from './pdf.fonts';
import { renderPdf } from './pdf.render';

/** What the export service needs: a way to load the manuscript, the time, and the PDF fonts. */
export interface ExportDeps {
  /** Loads the project's manuscript in order; only `chapterIds` (in manuscript order) when given. */
  loadManuscript(projectId: string, chapterIds?: string[]): ManuscriptForExport;
  clock: { now(): number };
  /** The folder of the fonts PDFs embed; `resources/fonts` of the repository when absent. */
  fontsFolder?: string;
}

export interface ExportService {
  /** Renders the requested manuscript and returns the finished file, base64-encoded. */
  exportManuscript(request: ExportRequest): Promise<ExportFile>;
}

const formats: Record<ExportFormat, { extension: string; mimeType: string; label: string }> = {
  markdown: { extension: 'md', mimeType: 'text/markdown; charset=utf-8', label: 'Markdown' },
  docx: {
    extension: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
  },
  epub: { extension: 'epub', mimeType: 'application/epub+zip', label: 'EPUB' },
  pdf: { extension: 'pdf', mimeType: 'application/pdf', label: 'PDF' },
};

/** What a renderer made: the file, and a sentence for the writer when something is worth knowing. */
interface Rendered {
  bytes: Buffer;
  notice?: string;
}

const MAX_LISTED_CHARACTERS = 12;

/** Tells the writer which characters the PDF's font could not draw, and where they are kept. */
function missingGlyphsNotice(characters: readonly string[]): string | undefined {
  if (characters.length === 0) return undefined;
  const listed = characters.slice(0, MAX_LISTED_CHARACTERS).join(' ');
  const more = characters.length > MAX_LISTED_CHARACTERS ? ` and ${characters.length - MAX_LISTED_CHARACTERS} more` : '';
  return `The PDF font has no glyphs for ${listed}${more}: they print as □. The Word, EPUB and Markdown exports keep them.`;
}

/**
 * Creates the export service. Errors that already carry a code (a project or chapter that does
 * not exist) pass through unchanged; anything else becomes `EXPORT_FAILED` with the cause kept.
 */
export function createExportService(deps: ExportDeps): ExportService {
  let fonts: PdfFonts | null = null;
  // Read on the first PDF export only (about 1.9 MB), then kept.
  const pdfFonts = (): PdfFonts => (fonts ??= loadPdfFonts(deps.fontsFolder ?? DEFAULT_FONTS_FOLDER));

  const renderPdfFile = async (manuscript: ManuscriptForExport, request: ExportRequest): Promise<Rendered> => {
    const style = request.pdf?.style ?? 'manuscript';
    const pageSize = request.pdf?.pageSize ?? defaultPageSize(style, manuscript.language ?? DEFAULT_LANGUAGE);
    const result = await renderPdf(manuscript, { style, pageSize, fonts: pdfFonts(), modifiedAt: deps.clock.now() });
    const notice = missingGlyphsNotice(result.missingCharacters);
    return notice ? { bytes: result.bytes, notice } : { bytes: result.bytes };
  };

  const render = async (manuscript: ManuscriptForExport, request: ExportRequest): Promise<Rendered> => {
    switch (request.format) {
      case 'markdown':
        return { bytes: Buffer.from(renderMarkdown(manuscript), 'utf8') };
      case 'docx':
        return { bytes: await renderDocx(manuscript, { modifiedAt: deps.clock.now() }) };
      case 'epub':
        return { bytes: await renderEpub(manuscript, { identifier: bookIdentifier(request.projectId, request.chapterIds), modifiedAt: deps.clock.now() }) };
      case 'pdf':
        return renderPdfFile(manuscript, request);
    }
  };

  return {
    async exportManuscript(request) {
      const format = formats[request.format];
      try {
        const manuscript = deps.loadManuscript(request.projectId, request.chapterIds);
        const { bytes, notice } = await render(manuscript, request);
        return {
          fileName: exportFileName(manuscript.title, format.extension),
          mimeType: format.mimeType,
          base64: bytes.toString('base64'),
          byteLength: bytes.byteLength,
          ...(notice !== undefined && { notice }),
        };
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError(ErrorCode.EXPORT_FAILED, `The manuscript could not be exported as ${format.label}. Please try again.`, {
          cause: error,
        });
      }
    },
  };
}
