import type { DocMark, DocNode } from '../../../shared/models/document';
import type { ManuscriptForExport } from './export.types';

/* Test data shared by the renderer tests: one document that uses every node and mark type. */

export const text = (value: string, ...marks: DocMark[]): DocNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
export const mark = (type: DocMark['type'], attrs?: DocMark['attrs']): DocMark => (attrs ? { type, attrs } : { type });
export const paragraph = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });
export const doc = (...content: DocNode[]): DocNode => ({ type: 'doc', content });
const item = (...content: DocNode[]): DocNode => ({ type: 'listItem', content });

/** A scene with every node and mark the editor stores. */
export function everythingScene(): DocNode {
  return doc(
    { type: 'heading', attrs: { level: 1 }, content: [text('Inside heading')] },
    paragraph(
      text('Plain '),
      text('bold', mark('bold')),
      text(' '),
      text('italic', mark('italic')),
      text(' '),
      text('under', mark('underline')),
      text(' '),
      text('struck', mark('strike')),
      text(' '),
      text('x < y', mark('code')),
      text(' '),
      text('a link', mark('link', { href: 'https://example.com/a b' })),
      text(' '),
      text('no script', mark('link', { href: 'javascript:alert(1)' })),
    ),
    paragraph(text('First line'), { type: 'hardBreak' }, text('second line')),
    { type: 'blockquote', content: [paragraph(text('A quoted line.'))] },
    { type: 'bulletList', content: [item(paragraph(text('apple'))), item(paragraph(text('pear')))] },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph(text('third'))), item(paragraph(text('fourth')))] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('let a = 1;\nlet b = a * 2;')] },
    { type: 'horizontalRule' },
    paragraph(text('Tom & Jerry <3 *stars* _under_ #tag [x]')),
  );
}

/** A two-chapter manuscript: chapter one has the rich scene and a plain one, chapter two one scene. */
export function sampleManuscript(overrides: Partial<ManuscriptForExport> = {}): ManuscriptForExport {
  return {
    title: 'The <Lighthouse> & Sea',
    description: 'A keeper finds a letter.\n\nIt changes everything.',
    genre: 'Literary',
    author: 'Ada Quill',
    chapters: [
      {
        title: 'Arrival',
        scenes: [
          { title: 'One', content: everythingScene() },
          { title: 'Two', content: doc(paragraph(text('The second scene begins at dawn.'))) },
        ],
      },
      { title: 'The Storm', scenes: [{ title: 'Three', content: doc(paragraph(text('Waves broke over the rocks.'))) }] },
    ],
    ...overrides,
  };
}
