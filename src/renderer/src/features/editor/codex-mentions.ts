import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { buildMentionMatcher, findMentions, mentionTitle, type MentionEntry, type MentionMatcher } from './mention-matcher';

interface MentionState {
  matcher: MentionMatcher | null;
  decorations: DecorationSet;
}

interface MentionMeta {
  matcher: MentionMatcher | null;
}

const mentionKey = new PluginKey<MentionState>('codexMentions');

/** A stand-in for inline leaves (hard breaks): one character, as their size in the document is one. */
const LEAF = '\ufffc';

function decorateBlock(block: PMNode, pos: number, matcher: MentionMatcher): Decoration[] {
  if (block.type.spec.code) return [];
  const text = block.textBetween(0, block.content.size, undefined, LEAF);
  return findMentions(text, matcher).map((match) =>
    Decoration.inline(pos + 1 + match.from, pos + 1 + match.to, {
      class: 'codex-mention',
      title: mentionTitle(match.entry),
      'data-codex-id': match.entry.id,
      'data-codex-kind': match.entry.kind,
    }),
  );
}

function decorateAll(doc: PMNode, matcher: MentionMatcher | null): DecorationSet {
  if (!matcher) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    decorations.push(...decorateBlock(node, pos, matcher));
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** The ranges of the new document a transaction touched. */
function changedRanges(tr: Transaction): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  tr.mapping.maps.forEach((stepMap, index) => {
    const rest = tr.mapping.slice(index + 1);
    stepMap.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
    });
  });
  return ranges;
}

/**
 * Typing re-scans only the paragraphs a transaction touched; the rest of the decorations are
 * mapped through the change. A new codex (entries added or renamed) re-scans the whole scene.
 */
function updateDecorations(tr: Transaction, state: MentionState): DecorationSet {
  const { matcher } = state;
  if (!matcher) return DecorationSet.empty;
  const doc = tr.doc;
  let decorations = state.decorations.map(tr.mapping, doc);
  const blocks = new Map<number, PMNode>();
  for (const [from, to] of changedRanges(tr)) {
    const start = Math.max(0, Math.min(from, to) - 1);
    const end = Math.min(doc.content.size, Math.max(from, to) + 1);
    doc.nodesBetween(start, end, (node, pos) => {
      if (!node.isTextblock) return true;
      blocks.set(pos, node);
      return false;
    });
  }
  for (const [pos, block] of blocks) {
    decorations = decorations.remove(decorations.find(pos, pos + block.nodeSize));
    decorations = decorations.add(doc, decorateBlock(block, pos, matcher));
  }
  return decorations;
}

/** The ProseMirror plugin behind {@link CodexMentions}; give it entries with {@link mentionMeta}. */
export function mentionPlugin(options: CodexMentionsOptions): Plugin<MentionState> {
  return new Plugin<MentionState>({
    key: mentionKey,
    state: {
      init: () => ({ matcher: null, decorations: DecorationSet.empty }),
      apply(tr, value) {
        const meta = tr.getMeta(mentionKey) as MentionMeta | undefined;
        if (meta) return { matcher: meta.matcher, decorations: decorateAll(tr.doc, meta.matcher) };
        if (!tr.docChanged) return value;
        return { matcher: value.matcher, decorations: updateDecorations(tr, value) };
      },
    },
    props: {
      decorations: (state) => mentionKey.getState(state)?.decorations ?? DecorationSet.empty,
      handleClick(_view, _pos, event) {
        if (!(event.metaKey || event.ctrlKey) || !options.onOpenEntry) return false;
        const target = event.target instanceof Element ? event.target.closest('[data-codex-id]') : null;
        const id = target?.getAttribute('data-codex-id');
        if (!id) return false;
        options.onOpenEntry(id);
        return true;
      },
    },
  });
}

/** Marks a transaction as carrying a new codex for the mention plugin. */
export function mentionMeta(tr: Transaction, entries: readonly MentionEntry[]): Transaction {
  const meta: MentionMeta = { matcher: buildMentionMatcher(entries) };
  return tr.setMeta(mentionKey, meta).setMeta('addToHistory', false);
}

export interface CodexMentionsOptions {
  /** Called on Ctrl/Cmd-click on a mention with the codex entry's id. */
  onOpenEntry: ((id: string) => void) | null;
}

/** Highlights names and aliases of codex entries wherever they appear in the text. */
export const CodexMentions = Extension.create<CodexMentionsOptions>({
  name: 'codexMentions',

  addOptions() {
    return { onOpenEntry: null };
  },

  addProseMirrorPlugins() {
    return [mentionPlugin(this.options)];
  },
});

/** Gives the editor the project's codex; the whole scene is re-scanned once. */
export function setMentionEntries(editor: Editor, entries: readonly MentionEntry[]): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(mentionMeta(editor.state.tr, entries));
}
