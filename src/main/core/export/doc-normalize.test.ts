import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../shared/models/document';
import { isBlankDoc, normalizeDoc, safeHref } from './doc-normalize';
import { doc, mark, paragraph, text } from './export.fixture';

describe('normalizeDoc', () => {
  it('wraps stray inline content in paragraphs and flattens blocks inside paragraphs', () => {
    const input = doc(text('loose'), paragraph(paragraph(text('inner'))), text('tail'));
    expect(normalizeDoc(input)).toEqual(doc(paragraph(text('loose')), paragraph(text('inner')), paragraph(text('tail'))));
  });

  it('turns newlines into hard breaks, trims line starts and drops empty text', () => {
    expect(normalizeDoc(doc(paragraph(text('   one\n    two'), text(''), { type: 'hardBreak' }, text('\tthree'))))).toEqual(
      doc(paragraph(text('one'), { type: 'hardBreak' }, text('two'), { type: 'hardBreak' }, text('three'))),
    );
  });

  it('removes characters XML forbids and keeps the rest', () => {
    expect(normalizeDoc(doc(paragraph(text('a\u0000b\u0007c\uFFFEd\uD800e 🌊'))))).toEqual(doc(paragraph(text('abcde 🌊'))));
  });

  it('keeps safe links only and drops duplicate marks', () => {
    const input = doc(
      paragraph(
        text('ok', mark('link', { href: 'https://example.com', target: '_blank' }), mark('bold'), mark('bold')),
        text('bad', mark('link', { href: 'javascript:alert(1)' })),
      ),
    );
    expect(normalizeDoc(input)).toEqual(doc(paragraph(text('ok', mark('link', { href: 'https://example.com/' }), mark('bold')), text('bad'))));
  });

  it('puts list children into list items, bounds attributes and drops empty containers', () => {
    const input: DocNode = doc(
      { type: 'orderedList', attrs: { start: -4 }, content: [paragraph(text('x'))] },
      { type: 'heading', attrs: { level: 9 }, content: [text('h')] },
      { type: 'blockquote', content: [] },
      { type: 'bulletList', content: [] },
    );
    expect(normalizeDoc(input)).toEqual(
      doc(
        { type: 'orderedList', attrs: { start: 0 }, content: [{ type: 'listItem', content: [paragraph(text('x'))] }] },
        { type: 'heading', attrs: { level: 6 }, content: [text('h')] },
      ),
    );
  });

  it('keeps code blocks verbatim', () => {
    const code: DocNode = { type: 'codeBlock', attrs: { language: 'bad lang!' }, content: [text('  indented\n\tcode')] };
    expect(normalizeDoc(doc(code))).toEqual(doc({ type: 'codeBlock', attrs: { language: null }, content: [text('  indented\n\tcode')] }));
  });
});

describe('isBlankDoc', () => {
  it('is true for documents that print nothing', () => {
    expect(isBlankDoc(normalizeDoc(doc(paragraph(), paragraph(text('  '))))))
      .toBe(true);
    expect(isBlankDoc(normalizeDoc(doc(paragraph(text('x')))))).toBe(false);
    expect(isBlankDoc(normalizeDoc(doc({ type: 'horizontalRule' })))).toBe(false);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['mailto:me@example.com', 'mailto:me@example.com'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['/relative', null],
    [42, null],
  ])('%j → %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });
});
