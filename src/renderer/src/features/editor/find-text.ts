import type { Node as PMNode } from '@tiptap/pm/model';

export interface TextRange {
  from: number;
  to: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Patterns to try, best first: the whole phrase (any run of spaces between its words), then
 * each word from the longest, because full-text search also matches the words apart.
 */
function patterns(needle: string): RegExp[] {
  const words = needle
    .split(/[\s"*()]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && !/^(AND|OR|NOT|NEAR)$/.test(w));
  if (words.length === 0) return [];
  const phrase = new RegExp(words.map(escape).join('\\s+'), 'iu');
  const singles = [...words].sort((a, b) => b.length - a.length).map((w) => new RegExp(escape(w), 'iu'));
  return words.length > 1 ? [phrase, ...singles] : singles;
}

function findPattern(doc: PMNode, pattern: RegExp): TextRange | null {
  let found: TextRange | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    // One character per inline leaf keeps string offsets equal to document positions.
    const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
    const match = pattern.exec(text);
    if (match) found = { from: pos + 1 + match.index, to: pos + 1 + match.index + match[0].length };
    return false;
  });
  return found;
}

/** The first occurrence of `needle` in the document, case-insensitive, or null. */
export function findText(doc: PMNode, needle: string): TextRange | null {
  for (const pattern of patterns(needle)) {
    const range = findPattern(doc, pattern);
    if (range) return range;
  }
  return null;
}
