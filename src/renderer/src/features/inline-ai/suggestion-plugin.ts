import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { blockEnd, mapTarget, targetHead, type SuggestionTarget } from './suggestion-target';

/** The suggestion the editor is showing: which one, and where its text would go. */
export interface PlacedSuggestion {
  id: number;
  target: SuggestionTarget;
  /**
   * It failed: the passage it would replace is shown plain again (nothing will replace it
   * unless the writer edits the partial text to accept it). The card stays, with the error.
   */
  failed?: boolean;
}

/** A text range, e.g. the selection the AI menu will act on. */
export interface HeldRange {
  from: number;
  to: number;
}

interface SuggestionPluginState {
  placed: PlacedSuggestion | null;
  /** The selection kept visible while the AI menu has focus (the editor hides its own when blurred). */
  held: HeldRange | null;
}

type Meta =
  | { type: 'set'; suggestion: PlacedSuggestion }
  | { type: 'clear' }
  | { type: 'failed'; id: number; failed: boolean }
  | { type: 'hold'; range: HeldRange | null };

const empty: SuggestionPluginState = { placed: null, held: null };

export const suggestionKey = new PluginKey<SuggestionPluginState>('inlineSuggestion');

/** Marks `tr` to show a suggestion at `target` (replacing any other). */
export function setSuggestion(tr: Transaction, suggestion: PlacedSuggestion): Transaction {
  return tr.setMeta(suggestionKey, { type: 'set', suggestion } satisfies Meta);
}

/** Marks `tr` to drop the suggestion. */
export function clearSuggestion(tr: Transaction): Transaction {
  return tr.setMeta(suggestionKey, { type: 'clear' } satisfies Meta);
}

/** Marks `tr` to show suggestion `id` as failed (its target plain) or, while it is edited, live again. */
export function markFailed(tr: Transaction, id: number, failed: boolean): Transaction {
  return tr.setMeta(suggestionKey, { type: 'failed', id, failed } satisfies Meta);
}

/** Marks `tr` to keep `range` highlighted (or to stop). */
export function holdRange(tr: Transaction, range: HeldRange | null): Transaction {
  return tr.setMeta(suggestionKey, { type: 'hold', range } satisfies Meta);
}

/** The suggestion placed in this editor state, if any, with its target mapped to the current text. */
export function placedSuggestion(state: EditorState): PlacedSuggestion | null {
  return suggestionKey.getState(state)?.placed ?? null;
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

function suggestionDecorations(state: EditorState, placed: PlacedSuggestion, options: SuggestionPluginOptions): Decoration[] {
  const { id, target } = placed;
  const found: Decoration[] = [];
  if (target.kind === 'replace' && target.from < target.to && !placed.failed) {
    found.push(Decoration.inline(target.from, target.to, { class: 'ai-target' }, { aiTarget: true }));
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
  return found;
}

function mapRange(range: HeldRange, tr: Transaction): HeldRange {
  const from = tr.mapping.map(range.from, 1);
  return { from, to: Math.max(from, tr.mapping.map(range.to, -1)) };
}

/**
 * Keeps the suggestion's place in the text while the writer goes on typing (every transaction
 * maps it) and draws it: the passage to be replaced, the insertion point and the preview card.
 * The document itself is never changed here; that happens only on accept.
 */
export function suggestionPlugin(options: SuggestionPluginOptions): Plugin<SuggestionPluginState> {
  return new Plugin<SuggestionPluginState>({
    key: suggestionKey,
    state: {
      init: () => empty,
      apply(tr, value) {
        const meta = tr.getMeta(suggestionKey) as Meta | undefined;
        let { placed, held } = value;
        if (tr.docChanged) {
          placed = placed && { ...placed, target: mapTarget(placed.target, tr.mapping) };
          held = held && mapRange(held, tr);
        }
        if (meta?.type === 'clear') placed = null;
        else if (meta?.type === 'set') placed = meta.suggestion;
        else if (meta?.type === 'failed' && placed?.id === meta.id && Boolean(placed.failed) !== meta.failed) placed = { ...placed, failed: meta.failed };
        else if (meta?.type === 'hold') held = meta.range;
        return placed === value.placed && held === value.held ? value : { placed, held };
      },
    },
    props: {
      decorations(state) {
        const { placed, held } = suggestionKey.getState(state) ?? empty;
        if (!placed && !held) return null;
        const found = placed ? suggestionDecorations(state, placed, options) : [];
        if (held && held.from < held.to) found.push(Decoration.inline(held.from, held.to, { class: 'ai-held-selection' }));
        return DecorationSet.create(state.doc, found);
      },
    },
  });
}
