import type { PdfFonts } from './pdf.fonts';
import type { PdfLayout } from './pdf.layout';

/** A stretch of text in one style. `\n` inside `text` is a line break within the paragraph. */
export interface PdfRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: string | null;
}

/** How one paragraph is set. Offsets are from the layout's margins. */
export interface ParagraphSpec {
  runs: PdfRun[];
  /** First-line indent (negative for a hanging indent). */
  firstIndent?: number;
  left?: number;
  right?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  size?: number;
  /** Baseline to baseline; the layout's pitch when absent. */
  pitch?: number;
  /** The font of runs without `code`: the body serif, or the code font for code blocks. */
  mono?: boolean;
}

const FONT = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic', boldItalic: 'serif-bold-italic', mono: 'mono' } as const;

// Shown for a character the font cannot draw (the fonts' own .notdef glyph is blank).
const STAND_IN = '\u25A1';
// Invisible formatting characters (joiners, variation selectors, bidi marks) drop out silently.
const invisible = /^[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;

/** Registers the embedded fonts on a PDFKit document under the names the writer uses. */
export function registerFonts(doc: PDFKit.PDFDocument, fonts: PdfFonts): void {
  doc.registerFont(FONT.regular, fonts.serif.regular);
  doc.registerFont(FONT.bold, fonts.serif.bold);
  doc.registerFont(FONT.italic, fonts.serif.italic);
  doc.registerFont(FONT.boldItalic, fonts.serif.boldItalic);
  doc.registerFont(FONT.mono, fonts.mono);
}

function fontOf(run: PdfRun, mono: boolean): string {
  if (run.code || mono) return FONT.mono;
  if (run.bold && run.italic) return FONT.boldItalic;
  if (run.bold) return FONT.bold;
  return run.italic ? FONT.italic : FONT.regular;
}

/**
 * Text setting on a PDFKit document: paragraphs of styled runs on a fixed line pitch, blank
 * lines, page control. Characters the fonts lack print as □ and are collected in `missing`.
 */
export function createPdfWriter(doc: PDFKit.PDFDocument, fonts: PdfFonts, layout: PdfLayout) {
  const missing = new Set<string>();
  const contentWidth = layout.size[0] - layout.margins.left - layout.margins.right;

  const printable = (text: string, mono: boolean): string => {
    const coverage = mono ? fonts.coverage.mono : fonts.coverage.serif;
    let out = '';
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      if (coverage.has(code) || char === '\n') out += char;
      else if (char === '\t') out += ' ';
      else if (!invisible.test(char)) {
        missing.add(char);
        out += STAND_IN;
      }
    }
    return out;
  };

  /** The gap PDFKit adds under a line of `font` at `size` so that lines sit `pitch` apart. */
  const lineGap = (font: string, size: number, pitch: number): number => {
    doc.font(font).fontSize(size);
    return pitch - doc.currentLineHeight(true);
  };

  const remaining = (): number => layout.size[1] - layout.margins.bottom - doc.y;

  /** One line of runs, already split at line breaks; `continued` chains the runs into one flow. */
  const setLine = (runs: PdfRun[], spec: ParagraphSpec, firstLine: boolean): void => {
    const size = spec.size ?? layout.bodySize;
    const pitch = spec.pitch ?? layout.linePitch;
    const left = spec.left ?? 0;
    const gap = lineGap(FONT.regular, size, pitch);
    doc.x = layout.margins.left + left;
    runs.forEach((run, index) => {
      const mono = Boolean(run.code || spec.mono);
      doc.font(fontOf(run, Boolean(spec.mono))).fontSize(size);
      // PDFKit carries options over from one continued call to the next: every one is set each time.
      doc.text(printable(run.text, mono), {
        width: contentWidth - left - (spec.right ?? 0),
        align: spec.align ?? layout.align,
        indent: firstLine ? (spec.firstIndent ?? 0) : 0,
        lineGap: gap,
        paragraphGap: 0,
        underline: Boolean(run.underline),
        strike: Boolean(run.strike),
        link: run.link ?? null,
        continued: index < runs.length - 1,
      });
    });
  };

  const writer = {
    missing,
    contentWidth,
    remaining,

    /** Sets a paragraph; a line break starts a new line without an indent. */
    paragraph(spec: ParagraphSpec): void {
      const pitch = spec.pitch ?? layout.linePitch;
      const lines: PdfRun[][] = [[]];
      for (const run of spec.runs) {
        run.text.split('\n').forEach((part, index) => {
          if (index > 0) lines.push([]);
          if (part !== '') lines.at(-1)?.push({ ...run, text: part });
        });
      }
      lines.forEach((runs, index) => {
        if (runs.length === 0) writer.skip(1, pitch);
        else setLine(runs, spec, index === 0);
      });
    },

    /** Moves down `lines` lines of `pitch`, starting a new page when they do not fit. */
    skip(lines: number, pitch = layout.linePitch): void {
      if (remaining() < lines * pitch) writer.newPage();
      else doc.y += lines * pitch;
    },

    /** Starts a new page unless at least `lines` lines fit on this one (keeps a heading with its text). */
    keep(lines: number, pitch = layout.linePitch): void {
      if (remaining() < lines * pitch) writer.newPage();
    },

    /** Moves to `y` points from the top edge of the page. */
    moveTo(y: number): void {
      doc.x = layout.margins.left;
      doc.y = y;
    },

    newPage(): void {
      doc.addPage();
      doc.x = layout.margins.left;
      doc.y = layout.margins.top;
    },

    /** Writes `text` at an exact place, on one line, outside the text flow (running heads, folios). */
    place(text: string, at: { x: number; y: number; width: number; align: 'left' | 'center' | 'right'; size?: number }): void {
      doc.font(FONT.regular).fontSize(at.size ?? layout.bodySize);
      doc.text(printable(text, false), at.x, at.y, { width: at.width, align: at.align, lineBreak: false, underline: false, strike: false, link: null });
    },
  };
  return writer;
}

export type PdfWriter = ReturnType<typeof createPdfWriter>;
