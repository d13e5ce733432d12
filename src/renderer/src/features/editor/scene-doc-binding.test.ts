import { getSchema } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { documentExtensions } from './editor-extensions';
import { CLOSE_HISTORY_META } from './scene-doc-binding';

describe('the scene document binding', () => {
  it('recognises the meta prosemirror-history’s closeHistory sets (the binding ends the Yjs undo step on it)', () => {
    const state = EditorState.create({ schema: getSchema(documentExtensions()) });
    expect(closeHistory(state.tr).getMeta(CLOSE_HISTORY_META)).toBe(true);
    expect(state.tr.getMeta(CLOSE_HISTORY_META)).toBeUndefined();
  });
});
