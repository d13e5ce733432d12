import { create } from 'zustand';
import type { InlineAction } from '../../../../shared/models/llm';
import { idleSuggestion, transition, type SuggestionEvent, type SuggestionState } from './suggestion-machine';

/** Where to open the AI menu (viewport coordinates of its top-left corner). */
export interface MenuAnchor {
  x: number;
  y: number;
}

/** A finished text (a chat reply) waiting for the open editor to show it as a suggestion. */
export interface SuggestionOffer {
  id: number;
  text: string;
}

/** What the editor's open AI layer can do; registered by the layer while an editor is mounted. */
export interface InlineAiActions {
  run(action: InlineAction, instruction: string): void;
  /** Runs the last action again at the same place. */
  retry(): void;
  stop(): void;
  /** Opens the suggestion's text for editing before accepting it. */
  edit(): void;
  accept(): void;
  reject(): void;
}

interface InlineAiState {
  /** The suggestion on screen. Its text grows once per frame while streaming; only the card reads it. */
  suggestion: SuggestionState;
  /** The element the preview card renders into, for the current suggestion. */
  card: HTMLElement | null;
  menu: MenuAnchor | null;
  offer: SuggestionOffer | null;
  actions: InlineAiActions | null;
  dispatch(event: SuggestionEvent): void;
  setCard(card: HTMLElement | null): void;
  openMenu(anchor: MenuAnchor): void;
  closeMenu(): void;
  setActions(actions: InlineAiActions | null): void;
  /** Clears the suggestion (the scene changed or the editor closed). */
  reset(): void;
}

let nextOffer = 1;

/**
 * The editor's AI state. One editor is open at a time, so one store serves it; the layer in the
 * editor resets it when the scene changes.
 */
export const useInlineAi = create<InlineAiState>()((set) => ({
  suggestion: idleSuggestion,
  card: null,
  menu: null,
  offer: null,
  actions: null,
  dispatch: (event) =>
    set((state) => {
      const next = transition(state.suggestion, event);
      return next === state.suggestion ? state : { suggestion: next };
    }),
  setCard: (card) => set({ card }),
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: null }),
  setActions: (actions) => set({ actions }),
  reset: () => set({ suggestion: idleSuggestion, card: null, menu: null }),
}));

/**
 * Hands a text to the open editor as a suggestion the writer accepts or rejects (never a silent
 * insert). The editor places it at the writer's cursor. Used by the chat's "Insert into manuscript".
 */
export function offerSuggestion(text: string): void {
  useInlineAi.setState({ offer: { id: nextOffer++, text } });
}
