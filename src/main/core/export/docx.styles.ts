import { AlignmentType, LevelFormat, type IBaseParagraphStyleOptions,
  type ILevelsOptions, type INumberingOptions, type IStylesOptions } from 'docx';

/*
 * Manuscript defaults: a serif face at 12 pt, 1.5 line spacing, half-inch first-line indents,
 * one-inch margins. Units are docx's: sizes in half-points, lengths in twips (1/1440 inch).
 */

export const INCH = 1440;
export const INDENT = INCH / 2;
const BODY_FONT = 'Times New Roman';
const CODE_FONT = 'Courier New';

/** Paragraph style ids used by the renderer (custom ones are defined below). */
export const DocxStyle = {
  author: 'Author',
  description: 'Description',
  sceneBreak: 'SceneBreak',
  quote: 'Quote',
  code: 'CodeBlock',
  hyperlink: 'Hyperlink',
} as const;

const noIndent = { firstLine: 0 };

/** Headings inside scenes: left-aligned, bold, kept with the text that follows. */
function subHeading(size: number, italics: boolean): IBaseParagraphStyleOptions {
  return {
    run: { font: BODY_FONT, size, bold: true, italics, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 }, indent: noIndent, keepNext: true },
  };
}

/** The document's styles; `language` (BCP 47) is the default for every run. */
export const docxStyles = (language: string): IStylesOptions => ({
  default: {
    document: {
      run: { font: BODY_FONT, size: 24, language: { value: language } },
      paragraph: { spacing: { line: 360, before: 0, after: 0 }, indent: { firstLine: INDENT } },
    },
    title: {
      run: { font: BODY_FONT, size: 48, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2 * INCH, after: 480 }, indent: noIndent },
    },
    heading1: {
      run: { font: BODY_FONT, size: 32, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: INCH, after: 720 }, indent: noIndent, keepNext: true },
    },
    heading2: subHeading(28, false),
    heading3: subHeading(24, false),
    heading4: subHeading(24, false),
    heading5: subHeading(24, true),
    heading6: subHeading(24, true),
  },
  paragraphStyles: [
    {
      id: DocxStyle.author,
      name: 'Author',
      basedOn: 'Normal',
      run: { size: 28 },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 720 }, indent: noIndent },
    },
    {
      id: DocxStyle.description,
      name: 'Description',
      basedOn: 'Normal',
      run: { italics: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 }, indent: { left: INCH, right: INCH, firstLine: 0 } },
    },
    {
      id: DocxStyle.sceneBreak,
      name: 'Scene Break',
      basedOn: 'Normal',
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 }, indent: noIndent },
    },
    {
      id: DocxStyle.quote,
      name: 'Quote',
      basedOn: 'Normal',
      run: { italics: true },
      paragraph: { indent: { left: INDENT * 2, right: INDENT * 2, firstLine: 0 }, spacing: { before: 120, after: 120 } },
    },
    {
      id: DocxStyle.code,
      name: 'Code Block',
      basedOn: 'Normal',
      run: { font: CODE_FONT, size: 20 },
      paragraph: { spacing: { line: 240, before: 120, after: 120 }, indent: noIndent },
    },
  ],
});

/** Character formatting for inline code. */
export const codeRun = { font: CODE_FONT } as const;

const bulletGlyphs = ['\u2022', '\u25E6', '\u25AA'] as const;

/** Numbering levels indent by themselves; list paragraphs set the same indent so quotes can add to it. */
export function listIndent(level: number, quoteDepth: number): { left: number; hanging: number } {
  return { left: quoteDepth * INDENT * 2 + (level + 1) * INDENT, hanging: INDENT / 2 + 90 };
}

function levels(format: 'bullet' | 'decimal', start: number): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? (bulletGlyphs[level % bulletGlyphs.length] ?? '\u2022') : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    start: level === 0 ? start : 1,
    style: { paragraph: { indent: listIndent(level, 0) } },
  }));
}

/** The reference of the numbering definition for a list: one per start value of ordered lists. */
export function numberingReference(kind: 'bulletList' | 'orderedList', start: number): string {
  return kind === 'bulletList' ? 'bullets' : `ordered-${start}`;
}

/** Numbering definitions for the bullet list and every ordered-list start value in use. */
export function numberingFor(orderedStarts: Iterable<number>): INumberingOptions {
  const starts = new Set(orderedStarts);
  return {
    config: [
      { reference: numberingReference('bulletList', 1), levels: levels('bullet', 1) },
      ...[...starts].map((start) => ({ reference: numberingReference('orderedList', start), levels: levels('decimal', start) })),
    ],
  };
}
