import type { DocMark, DocNode } from '../../../shared/models/document';

/*
 * Stored documents are checked for node names only, not for structure, so a scene may hold text
 * directly under `doc`, a paragraph inside a paragraph, empty text nodes or characters XML
 * forbids. Each renderer trusts the structure below, so every document passes through here first.
 */

const inlineTypes = new Set<string>(['text', 'hardBreak']);

// Characters XML 1.0 cannot carry (C0 controls bar tab/newline, U+FFFE/FFFF, lone surrogates).
const invalidXmlChars =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that would make an XML file (DOCX, EPUB) unreadable and unifies newlines. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(invalidXmlChars, '');
}

/**
 * Returns the link target when it is safe to put in an exported file (http, https, mailto),
 * normalised (spaces percent-encoded); `null` drops the link but keeps its text.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  try {
    const url = new URL(href.trim());
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function intAttr(node: DocNode, name: string, fallback: number, min: number, max: number): number {
  const value = node.attrs?.[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function cleanMarks(marks: DocMark[] | undefined): DocMark[] {
  const seen = new Set<string>();
  const result: DocMark[] = [];
  for (const mark of marks ?? []) {
    if (seen.has(mark.type)) continue;
    if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.['href']);
      if (href === null) continue;
      result.push({ type: 'link', attrs: { href } });
    } else {
      result.push({ type: mark.type });
    }
    seen.add(mark.type);
  }
  return result;
}

/** Inline descendants of a node, in order: text and hard breaks from any depth. */
function collectInline(nodes: DocNode[] | undefined, out: DocNode[]): DocNode[] {
  for (const node of nodes ?? []) {
    if (inlineTypes.has(node.type)) out.push(node);
    else collectInline(node.content, out);
  }
  return out;
}

/** Text with newlines becomes text and hard breaks, so renderers see line breaks one way only. */
function splitLines(nodes: DocNode[]): DocNode[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'text') return [{ type: 'hardBreak' }];
    const lines = cleanText(node.text ?? '').split('\n');
    return lines.flatMap((line, i) => {
      const text: DocNode = { ...node, text: line };
      return i === 0 ? [text] : [{ type: 'hardBreak' }, text];
    });
  });
}

/**
 * Text and hard breaks only, without empty text; leading blanks of each line go, because every
 * format indents paragraphs itself (and four spaces would start a code block in Markdown).
 */
function normalizeInline(nodes: DocNode[] | undefined): DocNode[] {
  const result: DocNode[] = [];
  let atLineStart = true;
  for (const node of splitLines(collectInline(nodes, []))) {
    if (node.type === 'hardBreak') {
      result.push({ type: 'hardBreak' });
      atLineStart = true;
      continue;
    }
    const text = atLineStart ? (node.text ?? '').replace(/^[ \t]+/, '') : (node.text ?? '');
    if (text === '') continue;
    atLineStart = false;
    const marks = cleanMarks(node.marks);
    result.push(marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text });
  }
  return result;
}

function codeText(node: DocNode): string {
  return collectInline(node.content, [])
    .map((child) => (child.type === 'hardBreak' ? '\n' : cleanText(child.text ?? '')))
    .join('');
}

function normalizeListItems(list: DocNode): DocNode[] {
  return (list.content ?? []).map((child) => ({
    type: 'listItem',
    content: normalizeBlocks(child.type === 'listItem' ? child.content : [child]),
  }));
}

function normalizeBlock(node: DocNode): DocNode[] {
  switch (node.type) {
    case 'paragraph':
      return [{ type: 'paragraph', content: normalizeInline(node.content) }];
    case 'heading':
      return [{ type: 'heading', attrs: { level: intAttr(node, 'level', 1, 1, 6) }, content: normalizeInline(node.content) }];
    case 'codeBlock': {
      const language = node.attrs?.['language'];
      const text = codeText(node);
      return [
        {
          type: 'codeBlock',
          attrs: { language: typeof language === 'string' && /^[\w+#.-]{1,40}$/.test(language) ? language : null },
          content: text === '' ? [] : [{ type: 'text', text }],
        },
      ];
    }
    case 'blockquote': {
      const content = normalizeBlocks(node.content);
      return content.length > 0 ? [{ type: 'blockquote', content }] : [];
    }
    case 'bulletList':
    case 'orderedList': {
      const items = normalizeListItems(node);
      if (items.length === 0) return [];
      const attrs = node.type === 'orderedList' ? { start: intAttr(node, 'start', 1, 0, 999_999_999) } : undefined;
      return [attrs ? { type: node.type, attrs, content: items } : { type: node.type, content: items }];
    }
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    default:
      // doc or listItem in a block position: keep their blocks, drop the misplaced wrapper.
      return normalizeBlocks(node.content);
  }
}

function normalizeBlocks(nodes: DocNode[] | undefined): DocNode[] {
  const result: DocNode[] = [];
  let pendingInline: DocNode[] = [];
  const flushInline = (): void => {
    if (pendingInline.length > 0) result.push({ type: 'paragraph', content: normalizeInline(pendingInline) });
    pendingInline = [];
  };
  for (const node of nodes ?? []) {
    if (inlineTypes.has(node.type)) {
      pendingInline.push(node);
      continue;
    }
    flushInline();
    result.push(...normalizeBlock(node));
  }
  flushInline();
  return result;
}

/** A well-formed copy of `doc`: blocks in block positions, clean text, safe links, bounded attrs. */
export function normalizeDoc(doc: DocNode): DocNode {
  return { type: 'doc', content: normalizeBlocks(doc.type === 'doc' ? doc.content : [doc]) };
}

/** Whether a normalised document would print nothing visible. */
export function isBlankDoc(doc: DocNode): boolean {
  const visit = (node: DocNode): boolean =>
    node.type === 'horizontalRule' || (node.type === 'text' && /\S/.test(node.text ?? '')) || (node.content ?? []).some(visit);
  return !visit(doc);
}
