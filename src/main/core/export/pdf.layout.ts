import type { PageSize, PdfStyle } from '../../../shared/models/export';

/*
 * Page geometry and type sizes of the two PDF layouts, in PDF points (72 to the inch).
 *
 * Standard manuscript format (as agents and editors expect, e.g. William Shunn's "Proper
 * Manuscript Format"): 1-inch margins, 12 pt serif, double-spaced (24 pt from line to line),
 * half-inch first-line indents, ragged right, chapters opening a third of the way down a new
 * page, "#" for a scene break, and "Surname / SHORT TITLE / page" at the top right.
 *
 * Book: a comfortable measure (at most ~33 ems, so wide paper gets wide margins rather than
 * long lines), book leading, indents of 1.5 ems except after a heading or a break, chapter
 * titles a fifth of the way down, page numbers centred at the foot. Ragged right: PDFKit's
 * justification spaces a line wrongly where the font changes mid-line (a bold or italic run)
 * and lays every line out again uncached (2.5× the time); justified text needs our own line
 * breaker.
 */

export const INCH = 72;

const pageSizes: Record<PageSize, readonly [number, number]> = {
  letter: [8.5 * INCH, 11 * INCH],
  a4: [595.28, 841.89],
  trade: [6 * INCH, 9 * INCH],
  a5: [419.53, 595.28],
};

export interface PdfLayout {
  style: PdfStyle;
  /** PDFKit's `size`: width and height. */
  size: [number, number];
  margins: { top: number; bottom: number; left: number; right: number };
  bodySize: number;
  /** Baseline to baseline. */
  linePitch: number;
  /** First-line indent of a paragraph; also the step of quote and list indents. */
  indent: number;
  align: 'left';
  /** Whether the paragraph after a heading or a break starts flush left (book typography). */
  flushAfterBreak: boolean;
  sceneBreak: string;
  chapterTitleSize: number;
  /** Where a chapter's title sits, as a fraction of the page height from the top edge. */
  chapterDrop: number;
  codeSize: number;
}

/** The layout of `style` on paper of `pageSize`. */
export function pdfLayout(style: PdfStyle, pageSize: PageSize): PdfLayout {
  const [width, height] = pageSizes[pageSize];
  if (style === 'manuscript') {
    return {
      style,
      size: [width, height],
      margins: { top: INCH, bottom: INCH, left: INCH, right: INCH },
      bodySize: 12,
      linePitch: 24,
      indent: INCH / 2,
      align: 'left',
      flushAfterBreak: false,
      sceneBreak: '#',
      chapterTitleSize: 12,
      chapterDrop: 1 / 3,
      codeSize: 10,
    };
  }
  const small = height < 10 * INCH;
  const bodySize = small ? 11 : 12;
  const side = Math.max(small ? 0.75 * INCH : INCH, (width - 33 * bodySize) / 2);
  return {
    style,
    size: [width, height],
    margins: { top: small ? 0.75 * INCH : INCH, bottom: small ? 0.875 * INCH : 1.125 * INCH, left: side, right: side },
    bodySize,
    linePitch: Math.round(bodySize * 1.38 * 2) / 2,
    indent: bodySize * 1.5,
    align: 'left',
    flushAfterBreak: true,
    sceneBreak: '*   *   *',
    chapterTitleSize: Math.round(bodySize * 1.6),
    chapterDrop: 1 / 5,
    codeSize: bodySize - 2,
  };
}
