import { act } from '@testing-library/react';
import type { Editor } from '@tiptap/core';

/**
 * The TipTap editor behind the page's text box (TipTap keeps it on its element for tests).
 * Throws when there is none, so a test never passes on an editor that did not render.
 */
export function editorIn(container: ParentNode = document): Editor {
  const dom = container.querySelector<HTMLElement & { editor?: Editor }>('.ProseMirror');
  if (!dom?.editor) throw new Error('No editor is on the page.');
  return dom.editor;
}

/** The editable text nodes of the page (not those of a widget such as the suggestion card). */
function textNodes(editor: Editor): Text[] {
  const found: Text[] = [];
  const walker = document.createTreeWalker(editor.view.dom, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[contenteditable="false"]')) found.push(node as Text);
  }
  return found;
}

/**
 * Types `typed` right after the first `anchor` in the text, the way a browser does: by changing
 * the text in the page, which ProseMirror reads back from the DOM. Fails when the editor did not
 * take the change.
 */
export async function typeAfter(editor: Editor, anchor: string, typed: string): Promise<void> {
  const node = textNodes(editor).find((text) => text.data.includes(anchor));
  if (!node) throw new Error(`No text "${anchor}" to type after.`);
  const before = editor.getText();
  const at = node.data.indexOf(anchor) + anchor.length;
  await act(async () => {
    node.data = node.data.slice(0, at) + typed + node.data.slice(at);
    // ProseMirror's DOM observer reads the change in a microtask.
    await Promise.resolve();
  });
  if (editor.getText() === before) throw new Error(`The editor did not take "${typed}".`);
}
