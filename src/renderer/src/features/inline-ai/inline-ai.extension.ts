import { Extension, type Editor } from '@tiptap/core';
import { useInlineAi } from './inline-ai.store';
import { canAccept, isOpen } from './suggestion-machine';
import { suggestionPlugin } from './suggestion-plugin';

/** Opens the AI menu just below the selection (or the cursor). */
export function openMenuAtSelection(editor: Editor): void {
  const { view } = editor;
  try {
    // Bring the selection on screen first, so the menu opens beside it.
    view.dispatch(view.state.tr.scrollIntoView());
    const coords = view.coordsAtPos(view.state.selection.to);
    useInlineAi.getState().openMenu({ x: coords.left, y: coords.bottom + 6 });
  } catch {
    // The view is not laid out (hidden): open near the top of the editor instead.
    const rect = view.dom.getBoundingClientRect();
    useInlineAi.getState().openMenu({ x: rect.left + 16, y: rect.top + 16 });
  }
}

/**
 * The editor side of inline AI: the suggestion plugin, Mod+J for the AI menu, and, while a
 * suggestion is showing, Escape to discard it and Mod+Enter to accept it. Higher priority than
 * StarterKit so Mod+Enter accepts before it would insert a line break.
 */
export const InlineAiExtension = Extension.create({
  name: 'inlineAi',
  priority: 1000,
  addProseMirrorPlugins() {
    return [suggestionPlugin({ container: () => useInlineAi.getState().card })];
  },
  addKeyboardShortcuts() {
    return {
      'Mod-j': () => {
        if (!this.editor.isEditable) return false;
        openMenuAtSelection(this.editor);
        return true;
      },
      Escape: () => {
        const { suggestion, actions } = useInlineAi.getState();
        if (!isOpen(suggestion) || !actions) return false;
        actions.reject();
        return true;
      },
      'Mod-Enter': () => {
        const { suggestion, actions } = useInlineAi.getState();
        if (!canAccept(suggestion) || !actions) return false;
        actions.accept();
        return true;
      },
    };
  },
});
