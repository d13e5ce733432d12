// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { documentExtensions } from './editor-extensions';
import { adoptMergedContent } from './external-change';

const doc = (...paragraphs: string[]): DocNode => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const text = (editor: Editor) => ((editor.getJSON() as DocNode).content ?? []).map((p) => (p.content ?? []).map((t) => t.text ?? '').join(''));

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

describe('adoptMergedContent', () => {
  it('replaces only what changed: the caret stays with its words, no update is emitted, and undo does not take the merge out', () => {
    editor = new Editor({ element: document.createElement('div'), extensions: documentExtensions(), content: doc('First.', 'Mine here') });
    editor.commands.focus('end');
    editor.commands.insertContent(' now');
    const caretText = () => editor?.state.doc.textBetween(0, editor.state.selection.from, '\n');
    expect(caretText()).toBe('First.\nMine here now');
    let updates = 0;
    editor.on('update', () => (updates += 1));

    // The core merged another window's paragraph in before ours, and a word into the first one.
    adoptMergedContent(editor, doc('First, theirs.', 'A new one.', 'Mine here now'));
    expect(text(editor)).toEqual(['First, theirs.', 'A new one.', 'Mine here now']);
    expect(caretText()).toBe('First, theirs.\nA new one.\nMine here now');
    expect(updates).toBe(0);

    // Undo takes back the writer's own typing, not the other window's words.
    editor.commands.undo();
    expect(text(editor)).toEqual(['First, theirs.', 'A new one.', 'Mine here']);
  });

  it('does nothing when the text is already the merged text', () => {
    editor = new Editor({ element: document.createElement('div'), extensions: documentExtensions(), content: doc('Same.') });
    const before = editor.state;
    adoptMergedContent(editor, doc('Same.'));
    expect(editor.state).toBe(before);
  });
});
