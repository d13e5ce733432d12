import type { Node as PmNode } from '@tiptap/pm/model';
import type { Mappable } from '@tiptap/pm/transform';
import type { InlineAction } from '../../../../shared/models/llm';

/**
 * Where an accepted suggestion goes, in document positions that are mapped through every edit
 * the writer makes while the suggestion streams.
 * - `replace`: the text replaces `from…to` (rewrite, expand).
 * - `insert`: the text joins the prose at `at` (continue, a chat reply).
 * - `after-block`: the text becomes new paragraphs after the block holding `at` (describe, brainstorm).
 */
export type SuggestionTarget =
  | { kind: 'replace'; from: number; to: number }
  | { kind: 'insert'; at: number }
  | { kind: 'after-block'; at: number };

/** Actions that work on selected text; they are offered only with a selection. */
export const SELECTION_ACTIONS: ReadonlySet<InlineAction> = new Set<InlineAction>(['rewrite', 'expand', 'describe']);

/** The target of an action run on the selection `from…to` (equal when nothing is selected). */
export function targetFor(action: InlineAction | 'chat', from: number, to: number): SuggestionTarget {
  switch (action) {
    case 'rewrite':
    case 'expand':
      return { kind: 'replace', from, to };
    case 'describe':
    case 'brainstorm':
      return { kind: 'after-block', at: to };
    case 'continue':
    case 'chat':
      return { kind: 'insert', at: to };
  }
}

/**
 * Maps a target through an edit. Text typed right at an edge stays outside a replaced range, and
 * text typed at an insertion point goes before the suggestion (the writer's words come first).
 */
export function mapTarget(target: SuggestionTarget, mapping: Mappable): SuggestionTarget {
  if (target.kind === 'replace') {
    const from = mapping.map(target.from, 1);
    const to = mapping.map(target.to, -1);
    return { kind: 'replace', from, to: Math.max(from, to) };
  }
  return { ...target, at: mapping.map(target.at, 1) };
}

/** The position where the text will start (the widget showing the preview sits in that block). */
export function targetHead(target: SuggestionTarget): number {
  return target.kind === 'replace' ? target.to : target.at;
}

/** The position just after the textblock holding `pos` (or `pos` itself outside a textblock). */
export function blockEnd(doc: PmNode, pos: number): number {
  const $pos = doc.resolve(Math.min(Math.max(0, pos), doc.content.size));
  return $pos.parent.isTextblock && $pos.depth > 0 ? $pos.after($pos.depth) : $pos.pos;
}

/** Keeps a target inside the document (after text was deleted under it). */
export function clampTarget(target: SuggestionTarget, doc: PmNode): SuggestionTarget {
  const size = doc.content.size;
  const clamp = (n: number) => Math.min(Math.max(0, n), size);
  if (target.kind === 'replace') return { kind: 'replace', from: clamp(target.from), to: clamp(Math.max(target.from, target.to)) };
  return { ...target, at: clamp(target.at) };
}
