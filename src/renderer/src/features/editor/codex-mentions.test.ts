import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { mentionMeta, mentionPlugin } from './codex-mentions';
import { documentExtensions } from './editor-extensions';
import type { MentionEntry } from './mention-matcher';

const schema = getSchema(documentExtensions());
const anna: MentionEntry = { id: 'a', kind: 'character', name: 'Anna', aliases: ['Annie'], description: 'A spy.' };
const port: MentionEntry = { id: 'p', kind: 'location', name: 'Port Vell', aliases: [], description: '' };

function stateWith(paragraphs: string[]) {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined })),
  });
  const state = EditorState.create({ schema, doc, plugins: [mentionPlugin({ onOpenEntry: null })] });
  return state.apply(mentionMeta(state.tr, [anna, port]));
}

/** The highlighted words, in document order. */
function highlighted(state: EditorState): string[] {
  const plugin = state.plugins[0];
  const set = plugin?.getState(state) as { decorations: { find(): { from: number; to: number }[] } } | undefined;
  return (set?.decorations.find() ?? []).sort((a, b) => a.from - b.from).map((d) => state.doc.textBetween(d.from, d.to));
}

describe('codex mention plugin', () => {
  it('highlights names and aliases across paragraphs', () => {
    const state = stateWith(['Anna sailed to Port Vell.', 'There annie waited.']);
    expect(highlighted(state)).toEqual(['Anna', 'Port Vell', 'annie']);
  });

  it('updates only what typing changes, keeping other highlights in place', () => {
    let state = stateWith(['Anna sailed.', 'Then she left.']);
    // Type " Annie" at the end of the second paragraph.
    const end = state.doc.content.size - 1;
    state = state.apply(state.tr.insertText(' with Annie', end - 0));
    expect(highlighted(state)).toEqual(['Anna', 'Annie']);
    // Break a name by typing inside it.
    state = state.apply(state.tr.insertText('x', 3));
    expect(highlighted(state)).toEqual(['Annie']);
    // Insert a new paragraph before everything; positions shift but highlights stay right.
    state = state.apply(state.tr.insert(0, schema.nodes.paragraph!.create(null, schema.text('Port Vell at dawn.'))));
    expect(highlighted(state)).toEqual(['Port Vell', 'Annie']);
  });

  it('clears highlights when the codex empties', () => {
    let state = stateWith(['Anna.']);
    state = state.apply(mentionMeta(state.tr, []));
    expect(highlighted(state)).toEqual([]);
  });
});
