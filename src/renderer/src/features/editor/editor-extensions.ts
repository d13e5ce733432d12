import { Extension, type Extensions } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import StarterKit from '@tiptap/starter-kit';
import { InlineAiExtension } from '../inline-ai/inline-ai.extension';
import type * as Y from 'yjs';
import { CodexMentions } from './codex-mentions';
import { SceneDocBinding } from './scene-doc-binding';

/**
 * StarterKit's nodes and marks are exactly the set the core stores (shared/models/document.ts),
 * so every saved document can be exported. Links are kept but never opened by a click inside
 * the editor, where a click means "put the caret here".
 */
export function documentExtensions(options: { history?: boolean } = {}): Extensions {
  return [
    StarterKit.configure({
      // Bound to the scene's Yjs document, undo is the Yjs undo manager's (scene-doc-binding.ts).
      ...(options.history === false && { undoRedo: false }),
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, linkOnPaste: true, defaultProtocol: 'https' },
      // The trailing node is a paragraph: it keeps a place to type after a quote or a rule.
      trailingNode: { node: 'paragraph' },
    }),
  ];
}

/** Mod+Shift+Enter inserts a scene break (a horizontal rule). */
const SceneBreakShortcut = Extension.create({
  name: 'sceneBreakShortcut',
  addKeyboardShortcuts() {
    return { 'Mod-Shift-Enter': () => this.editor.commands.setHorizontalRule() };
  },
});

/** "Begin writing…" in an empty scene, drawn by CSS from a class on the lone paragraph. */
const EmptyScenePrompt = Extension.create({
  name: 'emptyScenePrompt',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          decorations: ({ doc }) => {
            const first = doc.firstChild;
            if (doc.childCount !== 1 || !first?.isTextblock || first.content.size > 0) return DecorationSet.empty;
            return DecorationSet.create(doc, [Decoration.node(0, first.nodeSize, { class: 'is-editor-empty', 'data-placeholder': 'Begin writing…' })]);
          },
        },
      }),
    ];
  },
});

/**
 * The editor's extensions: the document schema bound to the scene's Yjs document (`fragment`),
 * the codex highlighter and inline AI suggestions.
 */
export function editorExtensions(onOpenEntry: (id: string) => void, fragment: Y.XmlFragment): Extensions {
  return [
    ...documentExtensions({ history: false }),
    SceneDocBinding.configure({ fragment }),
    SceneBreakShortcut,
    EmptyScenePrompt,
    CodexMentions.configure({ onOpenEntry }),
    InlineAiExtension,
  ];
}
