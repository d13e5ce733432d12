import type { Editor } from '@tiptap/core';
import { useEffect } from 'react';
import { create } from 'zustand';
import { Limits } from '../../../../shared/models/common';

/**
 * The text selected in the open editor, for the chat's context ("include my selection"). Kept
 * while the editor loses focus to the chat box, as the editor keeps its selection too.
 */
interface EditorSelectionState {
  /** The scene whose editor is open, or null with no editor. */
  sceneId: string | null;
  /** The selected text ('' when nothing is selected), paragraphs separated by a blank line. */
  text: string;
  set(sceneId: string, text: string): void;
  clear(sceneId: string): void;
}

export const useEditorSelection = create<EditorSelectionState>()((set, get) => ({
  sceneId: null,
  text: '',
  set: (sceneId, text) => {
    const current = get();
    if (current.sceneId === sceneId && current.text === text) return;
    set({ sceneId, text });
  },
  clear: (sceneId) => {
    if (get().sceneId === sceneId) set({ sceneId: null, text: '' });
  },
}));

/** Selecting by dragging fires many updates; the chat needs only where it settles. */
const PUBLISH_DELAY_MS = 120;

/** Publishes the editor's selection to {@link useEditorSelection} while the editor is open. */
export function usePublishSelection(editor: Editor | null, sceneId: string): void {
  useEffect(() => {
    if (!editor) return undefined;
    const store = useEditorSelection.getState();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      if (editor.isDestroyed) return;
      const { from, to, empty } = editor.state.selection;
      const text = empty ? '' : editor.state.doc.textBetween(from, to, '\n\n', ' ').slice(0, Limits.longText);
      useEditorSelection.getState().set(sceneId, text);
    };
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(publish, PUBLISH_DELAY_MS);
    };
    publish();
    editor.on('selectionUpdate', schedule);
    return () => {
      editor.off('selectionUpdate', schedule);
      if (timer !== null) clearTimeout(timer);
      store.clear(sceneId);
    };
  }, [editor, sceneId]);
}
