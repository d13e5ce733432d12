import { describe, expect, it } from 'vitest';
import { documentSchema, MAX_DOCUMENT_DEPTH, type DocNode } from './document';

/** A doc whose only paragraph sits inside `levels` blockquotes. */
function nestedQuotes(levels: number): DocNode {
  let node: DocNode = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
  for (let i = 0; i < levels; i += 1) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('documentSchema depth bound', () => {
  it('accepts a document nested as deep as the bound allows', () => {
    // doc → (bound - 3) quotes → paragraph → text: exactly MAX_DOCUMENT_DEPTH levels of nodes.
    expect(documentSchema.safeParse(nestedQuotes(MAX_DOCUMENT_DEPTH - 3)).success).toBe(true);
  });

  it('refuses a document one level deeper with a sentence, not a stack overflow', () => {
    const result = documentSchema.safeParse(nestedQuotes(MAX_DOCUMENT_DEPTH - 2));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`A scene’s text can be nested at most ${MAX_DOCUMENT_DEPTH} levels deep (quotes, lists and the like).`);
  });

  it('refuses the 800-blockquote document from the probe without throwing', () => {
    const probe = nestedQuotes(800);
    expect(JSON.stringify(probe).length).toBeLessThan(30_000);
    expect(() => documentSchema.safeParse(probe)).not.toThrow();
    expect(documentSchema.safeParse(probe).success).toBe(false);
  });

  it('refuses a cyclic object (the Electron IPC can carry one) without throwing', () => {
    const paragraph: { type: 'paragraph'; content: unknown[] } = { type: 'paragraph', content: [] };
    paragraph.content.push(paragraph);
    expect(documentSchema.safeParse({ type: 'doc', content: [paragraph] }).success).toBe(false);
  });
});
