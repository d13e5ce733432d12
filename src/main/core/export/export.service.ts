import { AppError, ErrorCode, isAppError } from '../../../shared/ipc/errors';
import type { ExportFile, ExportFormat, ExportRequest } from '../../../shared/models/export';
import { renderDocx } from './docx.render';
import { renderEpub } from './epub.render';
import type { ManuscriptForExport } from './export.types';
import { exportFileName } from './file-name';
import { renderMarkdown } from './markdown.render';

/** What the export service needs: a way to load the manuscript, and the time. */
export interface ExportDeps {
  /** Loads the project's manuscript in order; only `chapterIds` (in manuscript order) when given. */
  loadManuscript(projectId: string, chapterIds?: string[]): ManuscriptForExport;
  clock: { now(): number };
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
};

/**
 * Creates the export service. Errors that already carry a code (a project or chapter that does
 * not exist) pass through unchanged; anything else becomes `EXPORT_FAILED` with the cause kept.
 */
export function createExportService(deps: ExportDeps): ExportService {
  const render = async (manuscript: ManuscriptForExport, format: ExportFormat): Promise<Buffer> => {
    switch (format) {
      case 'markdown':
        return Buffer.from(renderMarkdown(manuscript), 'utf8');
      case 'docx':
        return renderDocx(manuscript);
      case 'epub':
        return renderEpub(manuscript, { modifiedAt: deps.clock.now() });
    }
  };

  return {
    async exportManuscript(request) {
      const format = formats[request.format];
      try {
        const manuscript = deps.loadManuscript(request.projectId, request.chapterIds);
        const bytes = await render(manuscript, request.format);
        return {
          fileName: exportFileName(manuscript.title, format.extension),
          mimeType: format.mimeType,
          base64: bytes.toString('base64'),
          byteLength: bytes.byteLength,
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
