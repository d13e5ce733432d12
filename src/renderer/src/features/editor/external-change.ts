import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import type { DocNode } from '../../../../shared/models/document';

/**
 * Shows text the core stored from elsewhere (an approved proposal, another window, a snapshot
 * restore) in the open editor as ONE undoable step: the whole document is replaced in a single
 * transaction, and the undo history is closed before it (so it does not merge with what the
 * writer typed just before) and after it (so what they type next does not merge into it).
 * One Ctrl+Z then brings back exactly the text from before the change, and the autosave stores
 * that as the next revision. No `update` is emitted for the replacement itself: it is already
 * saved. The selection is kept where it was, clamped to the new text.
 */
export function showExternalContent(editor: Editor, content: DocNode): void {
  const { from, to } = editor.state.selection;
  editor
    .chain()
    .command(({ tr }) => {
      closeHistory(tr);
      return true;
    })
    .setContent(content, { emitUpdate: false })
    .run();
  const size = editor.state.doc.content.size;
  editor.commands.setTextSelection({ from: Math.min(from, size), to: Math.min(to, size) });
  // An empty transaction that only closes the history: the next keystroke starts a new undo step.
  editor.view.dispatch(closeHistory(editor.state.tr));
}
