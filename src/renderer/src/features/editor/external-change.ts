import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import type { DocNode } from '../../../../shared/models/document';

/**
 * Replaces only the part of the document that differs from `next` (one step from the first to
 * the last difference), so the selection maps through it: a caret before the change stays put,
 * one after it moves with its text. Returns false when there is no difference.
 */
function replaceDifference(tr: Transaction, next: PmNode): boolean {
  const current = tr.doc;
  const start = current.content.findDiffStart(next.content);
  if (start === null) return false;
  const end = current.content.findDiffEnd(next.content) ?? { a: current.content.size, b: next.content.size };
  let { a: endA, b: endB } = end;
  // With repeated text the two scans can cross; widen both ends as ProseMirror's own diff users do.
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  tr.replace(start, endA, next.slice(start, endB));
  return true;
}

/**
 * Shows text the core stored from elsewhere (an approved proposal, another window, a snapshot
 * restore, another device) in the open editor as ONE undoable step: the changed part of the
 * document is replaced in a single transaction, and the undo history is closed before it (so
 * it does not merge with what the writer typed just before) and after it (so what they type
 * next does not merge into it). One Ctrl+Z then brings back exactly the text from before the
 * change, and the autosave stores that as the next revision. No `update` is emitted for the
 * replacement itself: it is already saved. The selection maps through the change.
 */
export function showExternalContent(editor: Editor, content: DocNode): void {
  const next = editor.schema.nodeFromJSON(content);
  const tr = closeHistory(editor.state.tr);
  if (!replaceDifference(tr, next)) return;
  editor.view.dispatch(tr.setMeta('preventUpdate', true));
  // An empty transaction that only closes the history: the next keystroke starts a new undo step.
  editor.view.dispatch(closeHistory(editor.state.tr));
}

/**
 * Shows the text a save was merged into (this editor's changes plus edits made elsewhere since
 * it loaded). Only the difference is replaced, so the caret stays with its text; it is not an
 * undo step (undo would take the other window's words out again), and it emits no `update`:
 * the core already stores exactly this.
 */
export function adoptMergedContent(editor: Editor, content: DocNode): void {
  const tr = editor.state.tr;
  if (!replaceDifference(tr, editor.schema.nodeFromJSON(content))) return;
  editor.view.dispatch(tr.setMeta('addToHistory', false).setMeta('preventUpdate', true));
}
