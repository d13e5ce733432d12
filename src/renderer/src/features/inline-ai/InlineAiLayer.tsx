import type { Editor } from '@tiptap/core';
import { BubbleMenu, type BubbleMenuProps } from '@tiptap/react/menus';
import { Sparkles } from 'lucide-react';
import { useCallback, useEffect, type JSX } from 'react';
import { createPortal } from 'react-dom';
import { useApi } from '../../app/services';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { cancelStream, followStream } from '../../lib/streams';
import { shortcutLabel } from '../../app/platform';
import { notify } from '../../ui';
import { AiMenu } from './AiMenu';
import { createInlineAiController, type StreamPort } from './inline-ai.controller';
import { openMenuAtSelection } from './inline-ai.extension';
import { useInlineAi } from './inline-ai.store';
import { isOpen } from './suggestion-machine';
import { holdRange } from './suggestion-plugin';
import { SuggestionCard } from './SuggestionCard';
import './inline-ai.css';

const streamsOf = (api: Api): StreamPort => ({
  start: (request) => api.call('ai.inline', request),
  follow: (handlers) => followStream(api, handlers),
  cancel: (streamId) => cancelStream(api, streamId),
});

function toError(error: unknown) {
  if (error instanceof ApiError) return { code: error.code, message: error.message, retryable: error.retryable };
  return { code: 'INTERNAL' as const, message: errorMessage(error), retryable: true };
}

function createCard(): HTMLElement {
  const host = document.createElement('div');
  host.className = 'ai-card-host';
  host.contentEditable = 'false';
  return host;
}

/** Wires one editor (one scene) to inline AI; everything stops when the scene closes. */
function useInlineAiController(editor: Editor, sceneId: string): void {
  const api = useApi();
  useEffect(() => {
    const store = useInlineAi.getState;
    const controller = createInlineAiController({
      editor: {
        get state() {
          return editor.state;
        },
        get isDestroyed() {
          return editor.isDestroyed;
        },
        dispatch: (tr) => editor.view.dispatch(tr),
        focus: () => editor.commands.focus(undefined, { scrollIntoView: false }),
      },
      sceneId,
      store: { suggestion: () => store().suggestion, dispatch: (event) => store().dispatch(event), setCard: (card) => store().setCard(card) },
      streams: streamsOf(api),
      createCard,
      toError,
    });
    store().reset();
    store().setActions(controller);
    // Only chat replies offered while this editor is open: never a stale one from before.
    const offUnsub = useInlineAi.subscribe((state, previous) => {
      if (!state.offer || state.offer === previous.offer) return;
      useInlineAi.setState({ offer: null });
      if (editor.isEditable) controller.offer(state.offer.text);
      else notify.info('Deal with the notice above the text first, then insert the reply again.', { title: 'The scene is read-only for now' });
    });
    return () => {
      offUnsub();
      controller.dispose();
      if (store().actions === controller) store().setActions(null);
      store().reset();
    };
  }, [api, editor, sceneId]);
}

/** Keeps the selection visible while the AI menu (which has the focus) is open. */
function useHeldSelection(editor: Editor, menuOpen: boolean): void {
  useEffect(() => {
    if (!menuOpen) return undefined;
    const { from, to, empty } = editor.state.selection;
    if (empty) return undefined;
    editor.view.dispatch(holdRange(editor.state.tr, { from, to }));
    return () => {
      if (!editor.isDestroyed) editor.view.dispatch(holdRange(editor.state.tr, null));
    };
  }, [editor, menuOpen]);
}

/** Escape discards the suggestion even when the focus has fallen to the page (after a button went away). */
function useEscapeAnywhere(open: boolean): void {
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.activeElement !== document.body) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      useInlineAi.getState().actions?.reject();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

/** A box Floating UI places the bubble against (the type of BubbleMenu's own reference). */
type VirtualElement = NonNullable<ReturnType<NonNullable<BubbleMenuProps['getReferencedVirtualElement']>>>;

/** Space between the bubble and the text it must not cover. */
const BUBBLE_GAP = 8;

/**
 * Beside the selection's last line, in the margin right of the text; where there is no margin
 * (a narrow window), below the selection; above it only at the bottom edge of the view. Never
 * over the selected text or the line above it.
 */
const BUBBLE_PLACEMENT: BubbleMenuProps['options'] = {
  placement: 'right-end',
  flip: { fallbackPlacements: ['bottom-end', 'top-end'] },
  shift: { padding: BUBBLE_GAP },
  // The gap is part of the reference box (selectionBand), so flip judges the real position.
  offset: false,
};

/**
 * What the bubble is placed against: the selected lines, widened to the whole text column and
 * grown by the gap. Placing against this band rather than the selection itself keeps the bubble
 * out of the text beside, below or above the selection, not just off the selected words.
 */
function selectionBand(editor: Editor): VirtualElement | null {
  const { view } = editor;
  if (view.isDestroyed || !view.dom.isConnected) return null;
  const measure = (): DOMRect => {
    const { from, to } = view.state.selection;
    const start = view.coordsAtPos(from, 1);
    const end = view.coordsAtPos(to, -1);
    const column = view.dom.getBoundingClientRect();
    const top = Math.min(start.top, end.top) - BUBBLE_GAP;
    const bottom = Math.max(start.bottom, end.bottom) + BUBBLE_GAP;
    return new DOMRect(column.left - BUBBLE_GAP, top, column.width + 2 * BUBBLE_GAP, bottom - top);
  };
  return { getBoundingClientRect: measure, getClientRects: () => [measure()] };
}

/**
 * Inline AI in the editor: the selection bubble, the AI menu and the suggestion card (drawn by the
 * suggestion plugin inside the page). Re-renders only when the menu or the suggestion's phase
 * changes; streamed text renders inside the card alone.
 */
export function InlineAiLayer({ editor, sceneId }: { editor: Editor; sceneId: string }): JSX.Element {
  useInlineAiController(editor, sceneId);
  const menu = useInlineAi((s) => s.menu);
  const card = useInlineAi((s) => s.card);
  const open = useInlineAi((s) => isOpen(s.suggestion));
  useHeldSelection(editor, menu !== null);
  useEscapeAnywhere(open);
  const closeMenu = useCallback(
    (refocus: boolean) => {
      useInlineAi.getState().closeMenu();
      if (refocus) editor.commands.focus(undefined, { scrollIntoView: false });
    },
    [editor],
  );

  return (
    <>
      {!menu && !open && (
        <BubbleMenu
          editor={editor}
          className="ai-bubble"
          getReferencedVirtualElement={() => selectionBand(editor)}
          options={BUBBLE_PLACEMENT}
          shouldShow={({ state, from, to }) => from !== to && !state.selection.empty && editor.isEditable && editor.view.hasFocus()}
        >
          <button
            type="button"
            className="ai-bubble__button"
            title={`AI actions for the selection (${shortcutLabel('Mod+J')})`}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => openMenuAtSelection(editor)}
            data-testid="ai-bubble"
          >
            <Sparkles size={14} aria-hidden="true" />
            Ask AI
          </button>
        </BubbleMenu>
      )}
      {menu && (
        <AiMenu
          anchor={menu}
          hasSelection={!editor.state.selection.empty}
          onClose={closeMenu}
          onRun={(action, instruction) => {
            useInlineAi.getState().closeMenu();
            // Back to the page first, so the writer can type on while the suggestion streams.
            editor.commands.focus(undefined, { scrollIntoView: false });
            useInlineAi.getState().actions?.run(action, instruction);
          }}
        />
      )}
      {card && open && createPortal(<SuggestionCard />, card)}
    </>
  );
}
