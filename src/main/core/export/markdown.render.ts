import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { defaultMarkdownSerializer, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown';
import type { DocNode } from '../../../shared/models/document';
import type { ManuscriptForExport } from './export.types';
import { escapeMarkdownText } from './markdown.escape';
import { toPrintManuscript } from './manuscript-normalize';

/** The scene break between scenes: a thematic break in Markdown, three spaced asterisks as text. */
export const MARKDOWN_SCENE_BREAK = '* * *';

// Scene headings sit under the book (#) and chapter (##) headings.
const SCENE_HEADING_OFFSET = 2;

// The editor's schema, built once: it is immutable data, not state.
let editorSchema: Schema | undefined;
function schema(): Schema {
  editorSchema ??= getSchema([StarterKit]);
  return editorSchema;
}

/**
 * A list is tight (no blank lines between items) unless an item holds two blocks that would
 * merge without a blank line; a nested list directly under an item's text is fine either way.
 */
function renderList(state: MarkdownSerializerState, node: PmNode, delim: string, firstDelim: (i: number) => string): void {
  let tight = true;
  node.forEach((item) => {
    item.forEach((block, _offset, index) => {
      if (index > 0 && !block.type.name.endsWith('List')) tight = false;
    });
  });
  const previous = state.options.tightLists;
  state.options.tightLists = tight;
  state.renderList(node, delim, firstDelim);
  state.options.tightLists = previous;
}

const percentEncode = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

function fenceFor(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

const defaultMarks = defaultMarkdownSerializer.marks;

const serializer = (): MarkdownSerializer =>
  new MarkdownSerializer(
    {
      blockquote: (state, node) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
      codeBlock: (state, node) => {
        const fence = fenceFor(node.textContent);
        const language = typeof node.attrs['language'] === 'string' ? node.attrs['language'] : '';
        state.write(`${fence}${language}\n`);
        state.text(node.textContent, false);
        state.ensureNewLine();
        state.write(fence);
        state.closeBlock(node);
      },
      heading: (state, node) => {
        if (node.childCount === 0) return;
        const level = Math.min(6, Number(node.attrs['level']) + SCENE_HEADING_OFFSET);
        state.write(`${'#'.repeat(level)} `);
        state.renderInline(node, false);
        state.closeBlock(node);
      },
      horizontalRule: (state, node) => {
        state.write('---');
        state.closeBlock(node);
      },
      bulletList: (state, node) => renderList(state, node, '  ', () => '- '),
      orderedList: (state, node) => {
        const start = Number(node.attrs['start'] ?? 1);
        const width = String(start + node.childCount - 1).length;
        renderList(state, node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width, ' ')}. `);
      },
      listItem: (state, node) => state.renderContent(node),
      paragraph: (state, node) => {
        state.renderInline(node);
        state.closeBlock(node);
      },
      hardBreak: (state, node, parent, index) => {
        // A trailing break shows nothing and would leave a stray backslash.
        if (index < parent.childCount - 1) state.write('\\\n');
      },
      text: (state, node, parent, index) => {
        const previous = index > 0 ? parent.child(index - 1) : null;
        const lineStart = previous === null || previous.type.name === 'hardBreak';
        const headingEnd = parent.type.name === 'heading' && index === parent.childCount - 1;
        state.text(escapeMarkdownText(node.text ?? '', { lineStart, headingEnd }), false);
      },
    },
    {
      italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
      bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
      strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
      // CommonMark has no underline; the words stay, the line goes.
      underline: { open: '', close: '', mixable: true },
      code: defaultMarks['code'] ?? { open: '`', close: '`', escape: false },
      link: {
        open: '[',
        // The href is already URL-normalised; brackets and blanks would end the destination early.
        close: (_state, mark) => `](${String(mark.attrs['href']).replace(/[()<>\s]/g, percentEncode)})`,
        mixable: true,
      },
    },
  );

/** Renders one normalised scene as Markdown blocks, without surrounding blank lines. */
function renderScene(markdown: MarkdownSerializer, doc: DocNode): string {
  return markdown
    .serialize(schema().nodeFromJSON(doc))
    .replace(/\n+$/, '');
}

const heading = (level: number, text: string): string =>
  `${'#'.repeat(level)} ${escapeMarkdownText(text, { lineStart: false, headingEnd: true })}`;

/**
 * Renders a manuscript as CommonMark: `# Title`, the author and description, then `## Chapter`
 * per chapter with its scenes separated by {@link MARKDOWN_SCENE_BREAK}. Headings inside scenes
 * move down two levels so they nest under the chapter; underline has no Markdown form and is
 * dropped; scene titles are working labels and are not printed.
 */
export function renderMarkdown(manuscript: ManuscriptForExport): string {
  const book = toPrintManuscript(manuscript);
  const markdown = serializer();
  const blocks: string[] = [heading(1, book.title)];
  if (book.author) blocks.push(`by ${escapeMarkdownText(book.author, { lineStart: false })}`);
  for (const paragraph of book.descriptionParagraphs) blocks.push(escapeMarkdownText(paragraph, { lineStart: true }));
  for (const chapter of book.chapters) {
    blocks.push(heading(2, chapter.title));
    chapter.scenes.forEach((scene, index) => {
      if (index > 0) blocks.push(MARKDOWN_SCENE_BREAK);
      blocks.push(renderScene(markdown, scene));
    });
  }
  return `${blocks.join('\n\n')}\n`;
}
