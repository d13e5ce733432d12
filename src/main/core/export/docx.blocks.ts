import { ExternalHyperlink, HeadingLevel, Paragraph, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { DocNode } from '../../../shared/models/document';
import { codeRun, DocxStyle, INDENT, listIndent, numberingReference } from './docx.styles';

/** Shared across one document: list instances must be unique so each list numbers from its start. */
export interface DocxBuild {
  nextListInstance: number;
  orderedStarts: Set<number>;
}

/** Where a block sits: inside how many quotes, and which list item (if any) it opens or continues. */
interface BlockContext {
  quoteDepth: number;
  list: { level: number; numbering: IParagraphOptions['numbering'] | null } | null;
}

// Scene headings sit under the chapter's Heading 1.
const sceneHeadings = [
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** The centred `* * *` paragraph between scenes. */
export function sceneBreak(): Paragraph {
  return new Paragraph({ style: DocxStyle.sceneBreak, children: [new TextRun('* * *')] });
}

function textRun(node: DocNode): TextRun {
  const has = (type: string): boolean => (node.marks ?? []).some((mark) => mark.type === type);
  return new TextRun({
    text: node.text ?? '',
    ...(has('bold') ? { bold: true } : {}),
    ...(has('italic') ? { italics: true } : {}),
    ...(has('underline') ? { underline: {} } : {}),
    ...(has('strike') ? { strike: true } : {}),
    ...(has('code') ? codeRun : {}),
    ...(has('link') ? { style: DocxStyle.hyperlink } : {}),
  });
}

function linkOf(node: DocNode): string | null {
  const href = node.marks?.find((mark) => mark.type === 'link')?.attrs?.['href'];
  return typeof href === 'string' ? href : null;
}

/** Runs for inline content; neighbouring text with the same link becomes one hyperlink. */
export function inlineRuns(nodes: DocNode[] | undefined): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  let linkHref: string | null = null;
  let linkRuns: TextRun[] = [];
  const flushLink = (): void => {
    if (linkHref !== null) children.push(new ExternalHyperlink({ link: linkHref, children: linkRuns }));
    linkHref = null;
    linkRuns = [];
  };
  for (const node of nodes ?? []) {
    const href = node.type === 'text' ? linkOf(node) : null;
    if (href !== linkHref) flushLink();
    if (node.type === 'hardBreak') children.push(new TextRun({ break: 1 }));
    else if (href === null) children.push(textRun(node));
    else {
      linkHref = href;
      linkRuns.push(textRun(node));
    }
  }
  flushLink();
  return children;
}

function paragraphLayout(context: BlockContext): IParagraphOptions {
  const { quoteDepth, list } = context;
  if (list) {
    const indent = listIndent(list.level, quoteDepth);
    return list.numbering
      ? { numbering: list.numbering, indent, ...(quoteDepth > 0 ? { style: DocxStyle.quote } : {}) }
      : { indent: { left: indent.left, firstLine: 0 }, ...(quoteDepth > 0 ? { style: DocxStyle.quote } : {}) };
  }
  if (quoteDepth === 0) return {};
  const side = quoteDepth * INDENT * 2;
  return { style: DocxStyle.quote, indent: { left: side, right: side, firstLine: 0 } };
}

function listParagraphs(node: DocNode, build: DocxBuild, context: BlockContext): Paragraph[] {
  const ordered = node.type === 'orderedList';
  const start = ordered ? Number(node.attrs?.['start'] ?? 1) : 1;
  if (ordered) build.orderedStarts.add(start);
  const reference = numberingReference(ordered ? 'orderedList' : 'bulletList', start);
  const instance = build.nextListInstance++;
  const level = Math.min(8, context.list ? context.list.level + 1 : 0);
  return (node.content ?? []).flatMap((item) =>
    (item.content ?? []).flatMap((block, index) =>
      blockParagraphs(block, build, {
        quoteDepth: context.quoteDepth,
        list: { level, numbering: index === 0 ? { reference, level, instance } : null },
      }),
    ),
  );
}

/** Paragraphs for one normalised block node. */
export function blockParagraphs(node: DocNode, build: DocxBuild, context: BlockContext): Paragraph[] {
  switch (node.type) {
    case 'paragraph':
      return [new Paragraph({ ...paragraphLayout(context), children: inlineRuns(node.content) })];
    case 'heading': {
      const level = Number(node.attrs?.['level'] ?? 1);
      const heading = sceneHeadings[Math.min(sceneHeadings.length, Math.max(1, level)) - 1];
      return [new Paragraph({ heading, children: inlineRuns(node.content) })];
    }
    case 'codeBlock': {
      const lines = (node.content ?? []).map((child) => child.text ?? '').join('').split('\n');
      const runs = lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
      return [new Paragraph({ style: DocxStyle.code, children: runs })];
    }
    case 'blockquote':
      return (node.content ?? []).flatMap((child) =>
        blockParagraphs(child, build, { ...context, quoteDepth: context.quoteDepth + 1 }),
      );
    case 'bulletList':
    case 'orderedList':
      return listParagraphs(node, build, context);
    case 'horizontalRule':
      return [sceneBreak()];
    default:
      return (node.content ?? []).flatMap((child) => blockParagraphs(child, build, context));
  }
}

/** Paragraphs for one normalised scene document. */
export function sceneParagraphs(doc: DocNode, build: DocxBuild): Paragraph[] {
  return (doc.content ?? []).flatMap((block) => blockParagraphs(block, build, { quoteDepth: 0, list: null }));
}
