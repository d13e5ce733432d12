import { z } from 'zod';
import { idSchema } from './common';
import { canonicalLanguageTag, DEFAULT_LANGUAGE } from './language';

export const ExportFormat = { markdown: 'markdown', docx: 'docx', epub: 'epub', pdf: 'pdf' } as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];
export const exportFormatSchema = z.enum(Object.values(ExportFormat) as [ExportFormat, ...ExportFormat[]]);

/**
 * The PDF's layout: `manuscript` is standard manuscript format (what agents and editors ask
 * for: 12 pt serif, double-spaced, running head); `book` is a typeset reading copy.
 */
export const PdfStyle = { manuscript: 'manuscript', book: 'book' } as const;
export type PdfStyle = (typeof PdfStyle)[keyof typeof PdfStyle];
export const pdfStyleSchema = z.enum(Object.values(PdfStyle) as [PdfStyle, ...PdfStyle[]]);

/** Paper: US Letter and A4 for manuscripts and home printing; 6 × 9 in (trade paperback) and A5 for books. */
export const PageSize = { letter: 'letter', a4: 'a4', trade: 'trade', a5: 'a5' } as const;
export type PageSize = (typeof PageSize)[keyof typeof PageSize];
export const pageSizeSchema = z.enum(Object.values(PageSize) as [PageSize, ...PageSize[]]);

export const PAGE_SIZE_LABELS: Record<PageSize, string> = {
  letter: 'US Letter (8.5 × 11 in)',
  a4: 'A4 (210 × 297 mm)',
  trade: 'Trade paperback (6 × 9 in)',
  a5: 'A5 (148 × 210 mm)',
};

/** The page sizes offered for each style, the usual one for Letter countries first. */
export const PAGE_SIZES_FOR_STYLE: Record<PdfStyle, readonly PageSize[]> = {
  manuscript: ['letter', 'a4'],
  book: ['trade', 'a5', 'letter', 'a4'],
};

// Where US Letter is the usual paper (CLDR supplemental data, paperSize "US-Letter").
const letterRegions = new Set(['BZ', 'CA', 'CL', 'CO', 'CR', 'GT', 'MX', 'NI', 'PA', 'PH', 'PR', 'SV', 'US', 'VE']);

/** Whether the text's language is usually printed on US Letter: by its region, or the likeliest one (`en` → US, `es` → ES). */
export function usesLetterPaper(language: string): boolean {
  const tag = canonicalLanguageTag(language) ?? DEFAULT_LANGUAGE;
  try {
    return letterRegions.has(new Intl.Locale(tag).maximize().region ?? '');
  } catch {
    return false;
  }
}

/**
 * The page size a PDF gets unless the writer picks another: where Letter is the usual paper,
 * Letter for a manuscript and 6 × 9 in for a book; elsewhere A4 and A5.
 */
export function defaultPageSize(style: PdfStyle, language: string): PageSize {
  const letter = usesLetterPaper(language);
  if (style === 'manuscript') return letter ? 'letter' : 'a4';
  return letter ? 'trade' : 'a5';
}

export const pdfOptionsSchema = z
  .object({
    style: pdfStyleSchema.default('manuscript'),
    /** From the project's language when absent (see {@link defaultPageSize}). */
    pageSize: pageSizeSchema.optional(),
  })
  .strict();
export type PdfOptions = z.infer<typeof pdfOptionsSchema>;

export const exportRequestSchema = z
  .object({
    projectId: idSchema,
    format: exportFormatSchema,
    /** Only these chapters, in manuscript order; all chapters when absent. */
    chapterIds: z.array(idSchema).min(1).max(10_000).optional(),
    /** Layout of a PDF; ignored by the other formats. Standard manuscript format when absent. */
    pdf: pdfOptionsSchema.optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** The finished file; the renderer offers it to the user as a download / save dialog. */
export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  byteLength: z.number().int().nonnegative(),
  /** Something the writer should know about this file (characters a PDF font cannot draw). */
  notice: z.string().optional(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
