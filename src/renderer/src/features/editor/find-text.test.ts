import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { DocMarkType, DocNodeType } from '../../../../shared/models/document';
import { documentExtensions } from './editor-extensions';
import { findText } from './find-text';

const schema = getSchema(documentExtensions());

function docOf(json: DocNode) {
  return schema.nodeFromJSON(json);
}

const sample: DocNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Arrival' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The ' },
        { type: 'text', text: 'silver', marks: [{ type: 'bold' }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'Lantern glowed.' },
      ],
    },
  ],
};

describe('findText', () => {
  it('finds text case-insensitively across marks and maps to document positions', () => {
    const doc = docOf(sample);
    const range = findText(doc, 'SILVER');
    expect(range).not.toBeNull();
    if (!range) return;
    expect(doc.textBetween(range.from, range.to)).toBe('silver');
    const after = findText(doc, 'lantern glowed');
    if (!after) throw new Error('expected a match after the hard break');
    expect(doc.textBetween(after.from, after.to)).toBe('Lantern glowed');
  });

  it('falls back to the longest word when the phrase is not there', () => {
    const doc = docOf(sample);
    const range = findText(doc, 'glowed brightly');
    if (!range) throw new Error('expected a match');
    expect(doc.textBetween(range.from, range.to)).toBe('glowed');
    expect(findText(doc, 'nowhere')).toBeNull();
    expect(findText(doc, '   ')).toBeNull();
  });
});

describe('document schema', () => {
  it('holds only the node and mark names the core stores', () => {
    const allowedNodes = new Set<string>(Object.values(DocNodeType));
    const allowedMarks = new Set<string>(Object.values(DocMarkType));
    expect(Object.keys(schema.nodes).filter((name) => !allowedNodes.has(name))).toEqual([]);
    expect(Object.keys(schema.marks).filter((name) => !allowedMarks.has(name))).toEqual([]);
  });
});
