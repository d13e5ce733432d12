import { z } from 'zod';
import { idSchema } from './common';

export const ExportFormat = { markdown: 'markdown', docx: 'docx', epub: 'epub' } as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];
export const exportFormatSchema = z.enum(Object.values(ExportFormat) as [ExportFormat, ...ExportFormat[]]);

export const exportRequestSchema = z
  .object({
    projectId: idSchema,
    format: exportFormatSchema,
    /** Only these chapters, in manuscript order; all chapters when absent. */
    chapterIds: z.array(idSchema).min(1).max(10_000).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** The finished file; the renderer offers it to the user as a download / save dialog. */
export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  byteLength: z.number().int().nonnegative(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
