import { useEffect, type RefObject } from 'react';
import { focusableIn } from './focus';

/** The modal dialog on top: dialogs are portalled to the end of <body> in the order they open. */
function isTopmost(panel: HTMLElement): boolean {
  const open = document.querySelectorAll('[aria-modal="true"]');
  return open[open.length - 1] === panel;
}

/** Nothing has the focus: it fell to <body> (the focused element was removed, hidden or disabled). */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * Moves focus into the dialog when it opens and back to where it was when it closes, and keeps
 * it inside while open. A control that disappears while focused (a Download button replaced by
 * a progress bar, a Cancel button once the work is done) drops the focus to <body>, where Tab
 * and Escape no longer reach the dialog: the focus is brought back to the dialog itself, and
 * Escape pressed in that moment still closes it.
 */
export function useDialogFocus(panelRef: RefObject<HTMLElement | null>, initialFocusRef: RefObject<HTMLElement | null> | undefined, onEscape: () => void): void {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    if (panel) {
      const body = panel.querySelector<HTMLElement>('.ui-dialog__body');
      const target = initialFocusRef?.current ?? (body ? focusableIn(body)[0] : undefined) ?? focusableIn(panel)[0] ?? panel;
      target.focus();
    }
    return () => {
      if (previous?.isConnected) previous.focus();
      else if (focusIsLost()) {
        // The opener went away meanwhile: a dialog still open underneath takes the focus.
        const open = [...document.querySelectorAll<HTMLElement>('[aria-modal="true"]')].filter((element) => element !== panel);
        open.at(-1)?.focus();
      }
    };
  }, [panelRef, initialFocusRef]);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recover = () => {
      if (panel.isConnected && focusIsLost() && isTopmost(panel)) panel.focus({ preventScroll: true });
    };
    // Chromium blurs a removed or disabled element (focusout); other engines only mutate the DOM.
    const onFocusOut = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(recover, 0);
    };
    const observer = new MutationObserver(recover);
    observer.observe(panel, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'inert'] });
    panel.addEventListener('focusout', onFocusOut);
    return () => {
      if (timer !== null) clearTimeout(timer);
      observer.disconnect();
      panel.removeEventListener('focusout', onFocusOut);
    };
  }, [panelRef]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const panel = panelRef.current;
      if (event.key !== 'Escape' || event.defaultPrevented || !panel || !focusIsLost() || !isTopmost(panel)) return;
      event.preventDefault();
      onEscape();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [panelRef, onEscape]);
}
