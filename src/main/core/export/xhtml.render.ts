import type { DocNode } from '../../../shared/models/document';

/** Escapes text for XML content and double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => xmlEntities[char] ?? char);
}

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Outermost first, so a link wraps its formatted words rather than the other way round.
const markTags = [
  ['bold', 'strong'],
  ['italic', 'em'],
  ['underline', 'u'],
  ['strike', 's'],
  ['code', 'code'],
] as const;

function inlineXhtml(node: DocNode): string {
  if (node.type === 'hardBreak') return '<br />';
  const marks = node.marks ?? [];
  let html = escapeXml(node.text ?? '');
  for (const [type, tag] of [...markTags].reverse()) {
    if (marks.some((mark) => mark.type === type)) html = `<${tag}>${html}</${tag}>`;
  }
  const href = marks.find((mark) => mark.type === 'link')?.attrs?.['href'];
  return typeof href === 'string' ? `<a href="${escapeXml(href)}">${html}</a>` : html;
}

const inline = (nodes: DocNode[] | undefined): string => (nodes ?? []).map(inlineXhtml).join('');
const blocks = (nodes: DocNode[] | undefined): string => (nodes ?? []).map(blockXhtml).join('\n');

function blockXhtml(node: DocNode): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.content)}</p>`;
    case 'heading': {
      // The chapter title is the page's h1; scene headings sit under it.
      const level = Math.min(6, Number(node.attrs?.['level'] ?? 1) + 1);
      return `<h${level}>${inline(node.content)}</h${level}>`;
    }
    case 'blockquote':
      return `<blockquote>\n${blocks(node.content)}\n</blockquote>`;
    case 'bulletList':
      return `<ul>\n${blocks(node.content)}\n</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
      return `<ol${start === 1 ? '' : ` start="${start}"`}>\n${blocks(node.content)}\n</ol>`;
    }
    case 'listItem':
      return `<li>${blocks(node.content)}</li>`;
    case 'codeBlock':
      return `<pre><code>${escapeXml((node.content ?? []).map((child) => child.text ?? '').join(''))}</code></pre>`;
    case 'horizontalRule':
      return '<hr />';
    default:
      return blocks(node.content);
  }
}

/** XHTML body markup for one normalised document. */
export function docToXhtml(doc: DocNode): string {
  return blocks(doc.content);
}
