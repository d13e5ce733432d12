import type { DocNode } from '../../../shared/models/document';

/** A document holding plain text, one paragraph per blank-line-separated block (tests, benchmarks, imports). */
export function plainTextToDocument(text: string): DocNode {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.length > 0);
  return {
    type: 'doc',
    content:
      paragraphs.length === 0
        ? [{ type: 'paragraph' }]
        : paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}
