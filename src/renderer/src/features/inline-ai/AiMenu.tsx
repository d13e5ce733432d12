import { Eye, Lightbulb, PenLine, Repeat2, Sparkles, UnfoldVertical } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { InlineAction } from '../../../../shared/models/llm';
import { Limits } from '../../../../shared/models/common';
import { shortcutLabel } from '../../app/platform';
import { ACTIONS } from './ai-actions';
import type { MenuAnchor } from './inline-ai.store';
import './ai-menu.css';

const ICONS: Record<InlineAction, ReactNode> = {
  continue: <PenLine size={15} />,
  rewrite: <Repeat2 size={15} />,
  expand: <UnfoldVertical size={15} />,
  describe: <Eye size={15} />,
  brainstorm: <Lightbulb size={15} />,
};

export interface AiMenuProps {
  anchor: MenuAnchor;
  hasSelection: boolean;
  onRun(action: InlineAction, instruction: string): void;
  /** `refocus`: give the focus back to the text (not when the writer clicked elsewhere). */
  onClose(refocus: boolean): void;
}

/**
 * The AI menu: an optional direction for the model, then the actions. Focus stays in the
 * direction box; arrows move between actions and Enter runs the highlighted one.
 */
export function AiMenu({ anchor, hasSelection, onRun, onClose }: AiMenuProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const enabled = ACTIONS.filter((a) => hasSelection || !a.needsSelection);
  const [active, setActive] = useState<InlineAction>(hasSelection ? 'rewrite' : 'continue');
  const [instruction, setInstruction] = useState('');

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    // Stay on screen: open upwards or leftwards when there is no room.
    const rect = menu.getBoundingClientRect();
    const x = Math.max(8, Math.min(anchor.x, window.innerWidth - rect.width - 8));
    const above = anchor.y + rect.height > window.innerHeight - 8 ? anchor.y - rect.height - 30 : anchor.y;
    const y = Math.max(8, Math.min(above, window.innerHeight - rect.height - 8));
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
  }, [anchor.x, anchor.y]);

  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose(false);
    };
    const onResize = () => onClose(false);
    document.addEventListener('mousedown', onPointer, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('resize', onResize);
    };
  }, [onClose]);

  const run = (action: InlineAction) => onRun(action, instruction);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const index = enabled.findIndex((a) => a.id === active);
    const step = (delta: number) => enabled[(index + delta + enabled.length) % enabled.length];
    let next: (typeof ACTIONS)[number] | undefined;
    if (event.key === 'ArrowDown') next = step(1);
    else if (event.key === 'ArrowUp') next = step(-1);
    else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      run(active);
      return;
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose(true);
      return;
    }
    if (next) {
      event.preventDefault();
      setActive(next.id);
    }
  };

  return createPortal(
    <div ref={ref} className="ai-menu" role="dialog" aria-label="AI actions" style={{ left: anchor.x, top: anchor.y }} onKeyDown={onKeyDown} data-testid="ai-menu">
      <div className="ai-menu__field">
        <Sparkles size={15} className="ai-menu__spark" aria-hidden="true" />
        <input
          autoFocus
          className="ai-menu__input"
          value={instruction}
          maxLength={Limits.shortText}
          placeholder={hasSelection ? 'Direction (optional): “make it tenser”' : 'Direction (optional): “she tells him”'}
          aria-label="Direction for the AI (optional)"
          aria-controls="ai-menu-actions"
          aria-activedescendant={`ai-menu-action-${active}`}
          onChange={(event) => setInstruction(event.target.value)}
          data-testid="ai-instruction"
        />
      </div>
      <div className="ai-menu__list" id="ai-menu-actions" role="listbox" aria-label="Actions">
        {ACTIONS.map((action) => {
          const disabled = action.needsSelection && !hasSelection;
          return (
            <button
              key={action.id}
              id={`ai-menu-action-${action.id}`}
              type="button"
              role="option"
              tabIndex={-1}
              aria-selected={action.id === active}
              disabled={disabled}
              className={`ai-menu__item${action.id === active ? ' is-active' : ''}`}
              onMouseEnter={() => !disabled && setActive(action.id)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(action.id)}
              data-testid={`ai-action-${action.id}`}
            >
              <span className="ai-menu__icon" aria-hidden="true">
                {ICONS[action.id]}
              </span>
              <span className="ai-menu__text">
                <span className="ai-menu__label">{action.label}</span>
                <span className="ai-menu__hint">{disabled ? 'Select some text first' : action.hint}</span>
              </span>
            </button>
          );
        })}
      </div>
      <div className="ai-menu__foot">
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> choose · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
        </span>
        <span>{shortcutLabel('Mod+J')}</span>
      </div>
    </div>,
    document.body,
  );
}
