import { exportFileSchema, exportRequestSchema } from '../../models/export';
import { method } from './method';

/** The export domain: the manuscript as a file. */
export const exportContract = {
  'export.run': method({ input: exportRequestSchema, output: exportFileSchema, doc: 'Exports the manuscript to Markdown, DOCX, EPUB or PDF (manuscript or book layout).' }),
} as const;
