import { getSchema } from '@tiptap/core';
import { history, undo, undoDepth } from '@tiptap/pm/history';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { documentExtensions } from '../editor/editor-extensions';
import { clearSuggestion, holdRange, placedSuggestion, setSuggestion, suggestionKey, suggestionPlugin } from './suggestion-plugin';
import { targetFor, type SuggestionTarget } from './suggestion-target';
import { acceptTransaction, sealHistory, toParagraphs } from './suggestion-transaction';

const schema = getSchema(documentExtensions());

function stateOf(paragraphs: string[]): EditorState {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined })),
  });
  return EditorState.create({ schema, doc, plugins: [history(), suggestionPlugin({ container: () => null })] });
}

/** Paragraph texts of a state. */
const texts = (state: EditorState) => {
  const out: string[] = [];
  state.doc.forEach((node) => out.push(node.textContent));
  return out;
};

/** Position of `needle` in the document (first occurrence), + offset. */
function posOf(state: EditorState, needle: string, offset = 0): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const index = node.text?.indexOf(needle) ?? -1;
    if (index >= 0) found = pos + index + offset;
    return false;
  });
  if (found < 0) throw new Error(`not found: ${needle}`);
  return found;
}

function accept(state: EditorState, target: SuggestionTarget, text: string): EditorState {
  const tr = acceptTransaction(state, target, text, clearSuggestion);
  if (!tr) throw new Error('no transaction');
  const next = state.apply(tr);
  return next.apply(sealHistory(next));
}

function undone(state: EditorState): EditorState {
  let result = state;
  undo(state, (tr: Transaction) => {
    result = state.apply(tr);
  });
  return result;
}

/** Typing as the view does it: one transaction per burst, stamped with a time. */
function type(state: EditorState, at: number, text: string, time: number): EditorState {
  const tr = state.tr.insertText(text, at);
  tr.time = time;
  return state.apply(tr);
}

describe('toParagraphs', () => {
  it('splits on line breaks, drops blank lines and outer spaces', () => {
    expect(toParagraphs('  One.\n\nTwo.\r\nThree. \n\n\n')).toEqual(['One.', 'Two.', 'Three.']);
    expect(toParagraphs(' \n ')).toEqual([]);
  });
});

describe('acceptTransaction', () => {
  it('replaces the selection for a rewrite, as one undo step', () => {
    const state = stateOf(['The cat sat on the mat.', 'Next.']);
    const from = posOf(state, 'cat');
    const to = posOf(state, 'sat', 3);
    const after = accept(state, targetFor('rewrite', from, to), 'dog slept');
    expect(texts(after)).toEqual(['The dog slept on the mat.', 'Next.']);
    expect(undoDepth(after)).toBe(1);
    expect(undone(after).doc.eq(state.doc)).toBe(true);
  });

  it('splits a paragraph when the rewrite has several', () => {
    const state = stateOf(['Before X after.']);
    const x = posOf(state, 'X');
    const after = accept(state, { kind: 'replace', from: x, to: x + 1 }, 'one.\n\ntwo');
    expect(texts(after)).toEqual(['Before one.', 'two after.']);
    expect(undone(after).doc.eq(state.doc)).toBe(true);
  });

  it('continues at the cursor with a joining space, and leaves the caret after the text', () => {
    const state = stateOf(['She opened the door.']);
    const end = posOf(state, 'door.', 5);
    const after = accept(state, targetFor('continue', end, end), 'The hall was dark.\nNobody answered.');
    expect(texts(after)).toEqual(['She opened the door. The hall was dark.', 'Nobody answered.']);
    expect(after.selection.from).toBe(after.doc.content.size - 1);
    expect(undone(after).doc.eq(state.doc)).toBe(true);
  });

  it('adds no space at the start of an empty paragraph or before punctuation', () => {
    const empty = stateOf(['']);
    expect(texts(accept(empty, { kind: 'insert', at: 1 }, 'Once.'))).toEqual(['Once.']);
    const state = stateOf(['Wait']);
    expect(texts(accept(state, { kind: 'insert', at: 5 }, ', she said.'))).toEqual(['Wait, she said.']);
  });

  it('puts a description or brainstorm after the paragraph, never inside it', () => {
    const state = stateOf(['The lighthouse stood there.', 'Later.']);
    const from = posOf(state, 'lighthouse');
    const after = accept(state, targetFor('describe', from, from + 10), 'White, cracked, humming.\n• idea two');
    expect(texts(after)).toEqual(['The lighthouse stood there.', 'White, cracked, humming.', '• idea two', 'Later.']);
    expect(undone(after).doc.eq(state.doc)).toBe(true);
  });

  it('gives nothing for empty text', () => {
    const state = stateOf(['Text.']);
    expect(acceptTransaction(state, { kind: 'insert', at: 1 }, '  \n ')).toBeNull();
  });

  it('is its own undo step even right after typing, and typing right after it is another', () => {
    let state = stateOf(['Hello']);
    state = type(state, 6, ' there', 1_000);
    const typed = state;
    // Accepted 100 ms after the typing, at the very spot: without closing history it would merge.
    const tr = acceptTransaction(state, { kind: 'insert', at: state.doc.content.size - 1 }, 'friend.', clearSuggestion)!;
    tr.time = 1_100;
    state = state.apply(tr);
    const seal = sealHistory(state);
    seal.time = 1_100;
    state = state.apply(seal);
    state = type(state, state.doc.content.size - 1, ' Bye', 1_200);
    expect(texts(state)).toEqual(['Hello there friend. Bye']);
    state = undone(state);
    expect(texts(state)).toEqual(['Hello there friend.']);
    state = undone(state);
    expect(state.doc.eq(typed.doc)).toBe(true);
  });
});

describe('suggestion plugin', () => {
  it('keeps the target on the right words while the writer types elsewhere', () => {
    let state = stateOf(['First paragraph.', 'Rewrite this part please.']);
    const from = posOf(state, 'this');
    const to = posOf(state, 'part', 4);
    state = state.apply(setSuggestion(state.tr, { id: 1, target: { kind: 'replace', from, to } }));
    // Typing before the target (in another paragraph) and after it.
    state = type(state, 1, 'My ', 10);
    state = type(state, state.doc.content.size - 1, ' Thanks.', 20);
    const placed = placedSuggestion(state);
    expect(placed?.target.kind).toBe('replace');
    if (placed?.target.kind !== 'replace') return;
    expect(state.doc.textBetween(placed.target.from, placed.target.to)).toBe('this part');
    const after = accept(state, placed.target, 'that bit');
    expect(texts(after)).toEqual(['My First paragraph.', 'Rewrite that bit please. Thanks.']);
    expect(placedSuggestion(after)).toBeNull();
  });

  it('keeps typing at the insertion point before the suggestion', () => {
    let state = stateOf(['He ran']);
    const at = state.doc.content.size - 1;
    state = state.apply(setSuggestion(state.tr, { id: 2, target: { kind: 'insert', at } }));
    state = type(state, at, ' fast', 10);
    const placed = placedSuggestion(state)!;
    expect(placed.target).toEqual({ kind: 'insert', at: at + 5 });
    expect(texts(accept(state, placed.target, 'and far.'))).toEqual(['He ran fast and far.']);
  });

  it('survives the target text being deleted: the range collapses, nothing else is touched', () => {
    let state = stateOf(['Keep. Drop me. Keep.']);
    const from = posOf(state, 'Drop');
    const to = posOf(state, 'me.', 3);
    state = state.apply(setSuggestion(state.tr, { id: 3, target: { kind: 'replace', from, to } }));
    state = state.apply(state.tr.delete(from - 1, to + 1));
    const placed = placedSuggestion(state)!;
    expect(placed.target.kind === 'replace' && placed.target.from === placed.target.to).toBe(true);
  });

  it('keeps a held selection on its words through typing, without touching the document', () => {
    let state = stateOf(['Hold these words.']);
    const from = posOf(state, 'these');
    state = state.apply(holdRange(state.tr, { from, to: from + 5 }));
    state = type(state, 1, 'Now ', 10);
    const held = suggestionKey.getState(state)?.held;
    expect(held && state.doc.textBetween(held.from, held.to)).toBe('these');
    state = state.apply(holdRange(state.tr, null));
    expect(suggestionKey.getState(state)?.held).toBeNull();
    expect(undoDepth(state)).toBe(1);
  });

  it('rejecting leaves the document identical', () => {
    const state = stateOf(['Some text.']);
    const withSuggestion = state.apply(setSuggestion(state.tr.setSelection(TextSelection.create(state.doc, 2, 5)), { id: 4, target: { kind: 'replace', from: 2, to: 5 } }));
    const rejected = withSuggestion.apply(clearSuggestion(withSuggestion.tr));
    expect(rejected.doc.eq(state.doc)).toBe(true);
    expect(placedSuggestion(rejected)).toBeNull();
    expect(undoDepth(rejected)).toBe(0);
  });
});
