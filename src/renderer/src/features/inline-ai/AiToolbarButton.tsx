import type { Editor } from '@tiptap/core';
import { Sparkles } from 'lucide-react';
import type { JSX } from 'react';
import { shortcutLabel } from '../../app/platform';
import { useInlineAi } from './inline-ai.store';

/** The "AI" button of the editor toolbar: opens the AI menu below itself. */
export function AiToolbarButton({ editor }: { editor: Editor }): JSX.Element {
  const menuOpen = useInlineAi((s) => s.menu !== null);
  return (
    <button
      type="button"
      className={`ai-toolbar-button${menuOpen ? ' is-active' : ''}`}
      title={`AI actions (${shortcutLabel('Mod+J')})`}
      aria-haspopup="dialog"
      aria-expanded={menuOpen}
      // Keep the editor's selection: the actions work on it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={(event) => {
        const store = useInlineAi.getState();
        if (store.menu) {
          store.closeMenu();
          return;
        }
        if (!editor.isEditable) return;
        const rect = event.currentTarget.getBoundingClientRect();
        store.openMenu({ x: rect.left, y: rect.bottom + 6 });
      }}
      data-testid="ai-menu-button"
    >
      <Sparkles size={15} aria-hidden="true" />
      <span>AI</span>
    </button>
  );
}
