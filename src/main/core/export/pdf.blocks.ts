import type { DocNode } from '../../../shared/models/document';
import type { PdfLayout } from './pdf.layout';
import type { PdfRun, PdfWriter } from './pdf.writer';

/** Where a block sits: its extra indents, and whether the next paragraph starts flush left. */
interface BlockState {
  left: number;
  right: number;
  /** Set after a heading or a break in book layout; the next body paragraph takes no indent. */
  flush: boolean;
}

const bullets = ['\u2022', '\u25E6', '\u25AA'] as const;

function runOf(node: DocNode): PdfRun {
  const has = (type: string): boolean => (node.marks ?? []).some((mark) => mark.type === type);
  const href = node.marks?.find((mark) => mark.type === 'link')?.attrs?.['href'];
  return {
    text: node.type === 'hardBreak' ? '\n' : (node.text ?? ''),
    bold: has('bold'),
    italic: has('italic'),
    underline: has('underline'),
    strike: has('strike'),
    code: has('code'),
    link: typeof href === 'string' ? href : null,
  };
}

/** Runs of a normalised block's inline content (text and hard breaks only, see doc-normalize). */
export function inlineRuns(nodes: DocNode[] | undefined): PdfRun[] {
  return (nodes ?? []).map(runOf);
}

/** Renders the normalised blocks of scenes onto a writer, in the layout's typography. */
export function createBlockRenderer(writer: PdfWriter, layout: PdfLayout) {
  const state: BlockState = { left: 0, right: 0, flush: false };

  const paragraph = (node: DocNode, firstIndent: number): void => {
    writer.paragraph({ runs: inlineRuns(node.content), firstIndent, left: state.left, right: state.right });
  };

  const bodyParagraph = (node: DocNode): void => {
    const nested = state.left > 0 || state.right > 0;
    paragraph(node, state.flush || nested ? 0 : layout.indent);
    state.flush = false;
  };

  const heading = (node: DocNode): void => {
    const level = Number(node.attrs?.['level'] ?? 1);
    writer.keep(3);
    const size = layout.style === 'book' && level <= 2 ? layout.bodySize * 1.15 : layout.bodySize;
    const runs = inlineRuns(node.content).map((run) => ({ ...run, bold: true, italic: run.italic || level >= 5 }));
    writer.paragraph({ runs, left: state.left, right: state.right, size, align: 'left' });
    state.flush = layout.flushAfterBreak;
  };

  const codeBlock = (node: DocNode): void => {
    const pitch = Math.round(layout.codeSize * 1.3);
    const text = (node.content ?? []).map((child) => child.text ?? '').join('');
    writer.paragraph({ runs: [{ text }], left: state.left + layout.indent, right: state.right, size: layout.codeSize, pitch, align: 'left', mono: true });
    writer.skip(0.5);
    state.flush = layout.flushAfterBreak;
  };

  const list = (node: DocNode, depth: number): void => {
    const ordered = node.type === 'orderedList';
    let number = ordered ? Number(node.attrs?.['start'] ?? 1) : 1;
    const saved = state.left;
    state.left = saved + layout.indent;
    for (const item of node.content ?? []) {
      const marker = ordered ? `${number}.` : (bullets[depth % bullets.length] ?? '\u2022');
      number += 1;
      (item.content ?? []).forEach((child, index) => {
        if (index === 0 && child.type === 'paragraph') {
          // The marker hangs in the indent: the paragraph's first line starts left of its body.
          writer.paragraph({ runs: [{ text: `${marker}\u00A0\u00A0` }, ...inlineRuns(child.content)], firstIndent: -layout.indent * 0.6, left: state.left, right: state.right, align: 'left' });
        } else block(child, depth + 1);
      });
    }
    state.left = saved;
    state.flush = false;
  };

  const block = (node: DocNode, depth = 0): void => {
    switch (node.type) {
      case 'paragraph':
        bodyParagraph(node);
        return;
      case 'heading':
        heading(node);
        return;
      case 'codeBlock':
        codeBlock(node);
        return;
      case 'blockquote': {
        const saved = { left: state.left, right: state.right };
        state.left += layout.indent;
        state.right += layout.indent;
        for (const child of node.content ?? []) block(child, depth);
        Object.assign(state, saved);
        return;
      }
      case 'bulletList':
      case 'orderedList':
        list(node, depth);
        return;
      case 'horizontalRule':
        sceneBreak();
        return;
      default:
        for (const child of node.content ?? []) block(child, depth);
    }
  };

  /** The centred break between scenes (and for a horizontal rule inside one). */
  const sceneBreak = (): void => {
    writer.paragraph({ runs: [{ text: layout.sceneBreak }], align: 'center' });
    state.flush = layout.flushAfterBreak;
  };

  return {
    block,
    sceneBreak,
    /** After a chapter title: the first paragraph is flush left in a book, indented in a manuscript. */
    startChapter(): void {
      state.flush = layout.flushAfterBreak;
    },
  };
}
