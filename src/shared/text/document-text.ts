import type { DocNode } from '../models/document';
import { countWords } from './word-count';

/** Marks, on the walk's stack, the point where a block's children end. */
const END_OF_BLOCK = Symbol('end-of-block');

const BLOCK_TYPES = new Set<string>(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'horizontalRule']);

/**
 * The plain text of a rich-text document: what is counted, indexed for search and shown in
 * previews. Blocks are separated by blank lines so paragraphs stay paragraphs.
 */
export function documentToPlainText(doc: DocNode): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim().length > 0) blocks.push(current.trim());
    current = '';
  };
  // Iterative walk: a hostile, deeply nested document must not overflow the stack.
  const stack: Array<DocNode | typeof END_OF_BLOCK> = [doc];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === END_OF_BLOCK) {
      flush();
      continue;
    }
    if (item.type === 'text') {
      current += item.text ?? '';
      continue;
    }
    if (item.type === 'hardBreak') {
      current += '\n';
      continue;
    }
    if (BLOCK_TYPES.has(item.type)) {
      flush();
      stack.push(END_OF_BLOCK);
    }
    const children = item.content ?? [];
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as DocNode);
  }
  flush();
  return blocks.join('\n\n');
}

/**
 * The words of a rich-text document: what the core stores beside a scene and what the editor
 * shows while one types. Both sides call this one function, so the figures always agree.
 */
export function countDocumentWords(doc: DocNode): number {
  return countWords(documentToPlainText(doc));
}
