import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { CodexMentions } from './codex-mentions';

/**
 * StarterKit's nodes and marks are exactly the set the core stores (shared/models/document.ts),
 * so every saved document can be exported. Links are kept but never opened by a click inside
 * the editor, where a click means "put the caret here".
 */
export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, linkOnPaste: true, defaultProtocol: 'https' },
      // The trailing node is a paragraph: it keeps a place to type after a quote or a rule.
      trailingNode: { node: 'paragraph' },
    }),
  ];
}

/** The editor's extensions: the document schema plus the codex highlighter. */
export function editorExtensions(onOpenEntry: (id: string) => void): Extensions {
  return [...documentExtensions(), CodexMentions.configure({ onOpenEntry })];
}
