export { createExportService, type ExportDeps, type ExportService } from './export.service';
export { createExportHandlers } from './handlers';
export type { ExportChapter, ExportScene, ManuscriptForExport } from './export.types';
export { renderMarkdown, MARKDOWN_SCENE_BREAK } from './markdown.render';
export { renderDocx } from './docx.render';
export { renderEpub, type EpubOptions } from './epub.render';
export { exportFileName } from './file-name';
