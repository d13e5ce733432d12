import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { blockEnd, mapTarget, targetHead, type SuggestionTarget } from './suggestion-target';

/** The suggestion the editor is showing: which one, and where its text would go. */
export interface PlacedSuggestion {
  id: number;
  target: SuggestionTarget;
}

type Meta = { type: 'set'; suggestion: PlacedSuggestion } | { type: 'clear' };

export const suggestionKey = new PluginKey<PlacedSuggestion | null>('inlineSuggestion');

/** Marks `tr` to show a suggestion at `target` (replacing any other). */
export function setSuggestion(tr: Transaction, suggestion: PlacedSuggestion): Transaction {
  return tr.setMeta(suggestionKey, { type: 'set', suggestion } satisfies Meta);
}

/** Marks `tr` to drop the suggestion. */
export function clearSuggestion(tr: Transaction): Transaction {
  return tr.setMeta(suggestionKey, { type: 'clear' } satisfies Meta);
}

/** The suggestion placed in this editor state, if any, with its target mapped to the current text. */
export function placedSuggestion(state: EditorState): PlacedSuggestion | null {
  return suggestionKey.getState(state) ?? null;
}

export interface SuggestionPluginOptions {
  /**
   * The element the preview card is rendered into (by React, through a portal). The same element
   * is returned for one suggestion every time, so the card survives redraws of the text.
   */
  container(id: number): HTMLElement | null;
}

function caret(): HTMLElement {
  const el = document.createElement('span');
  el.className = 'ai-insert-caret';
  el.setAttribute('aria-hidden', 'true');
  return el;
}

function decorations(state: EditorState, placed: PlacedSuggestion, options: SuggestionPluginOptions): DecorationSet {
  const { id, target } = placed;
  const found: Decoration[] = [];
  if (target.kind === 'replace' && target.from < target.to) {
    found.push(Decoration.inline(target.from, target.to, { class: 'ai-target' }));
  }
  if (target.kind === 'insert') {
    found.push(Decoration.widget(target.at, caret, { side: 1, key: `ai-caret-${id}`, ignoreSelection: true }));
  }
  const container = options.container(id);
  if (container) {
    found.push(
      Decoration.widget(blockEnd(state.doc, targetHead(target)), () => container, {
        side: -1,
        key: `ai-card-${id}`,
        ignoreSelection: true,
        // The card handles its own clicks and keys (buttons, the edit box); the editor must not.
        stopEvent: () => true,
      }),
    );
  }
  return DecorationSet.create(state.doc, found);
}

/**
 * Keeps the suggestion's place in the text while the writer goes on typing (every transaction
 * maps it) and draws it: the passage to be replaced, the insertion point and the preview card.
 * The document itself is never changed here; that happens only on accept.
 */
export function suggestionPlugin(options: SuggestionPluginOptions): Plugin<PlacedSuggestion | null> {
  return new Plugin<PlacedSuggestion | null>({
    key: suggestionKey,
    state: {
      init: () => null,
      apply(tr, value) {
        const meta = tr.getMeta(suggestionKey) as Meta | undefined;
        if (meta?.type === 'clear') return null;
        if (meta?.type === 'set') return meta.suggestion;
        if (!value || !tr.docChanged) return value;
        return { id: value.id, target: mapTarget(value.target, tr.mapping) };
      },
    },
    props: {
      decorations(state) {
        const placed = suggestionKey.getState(state);
        return placed ? decorations(state, placed, options) : null;
      },
    },
  });
}
