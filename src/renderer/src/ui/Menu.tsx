import { Ellipsis } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { IconButton } from './Button';
import './menu.css';

export interface MenuItem {
  id: string;
  label: string;
  icon?: ReactNode;
  onSelect: () => void;
  /** Red text, for Delete. */
  danger?: boolean;
  disabled?: boolean;
  /** Draws a divider above this item. */
  separatorBefore?: boolean;
  /** Shown right-aligned, e.g. "F2". */
  shortcut?: string;
  'data-testid'?: string;
}

export interface MenuProps {
  items: readonly MenuItem[];
  /** Viewport point of the menu's top-left corner (a click position or a button's bottom-left). */
  anchor: { x: number; y: number };
  onClose: () => void;
  /** Accessible name of the menu. */
  label: string;
}

/**
 * A popup menu (role=menu): arrow keys move, Enter picks, Escape or a click outside closes.
 * Use it directly for context menus, or through {@link MenuButton}.
 */
export function Menu({ items, anchor, onClose, label }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    // Keep the menu on screen: flip left/up when it would overflow the viewport.
    const rect = menu.getBoundingClientRect();
    const x = anchor.x + rect.width > window.innerWidth - 8 ? Math.max(8, anchor.x - rect.width) : anchor.x;
    const y = anchor.y + rect.height > window.innerHeight - 8 ? Math.max(8, anchor.y - rect.height) : anchor.y;
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    menu.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, [anchor.x, anchor.y]);

  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    const onWindowChange = () => onClose();
    document.addEventListener('mousedown', onPointer, true);
    window.addEventListener('resize', onWindowChange);
    window.addEventListener('blur', onWindowChange);
    return () => {
      document.removeEventListener('mousedown', onPointer, true);
      window.removeEventListener('resize', onWindowChange);
      window.removeEventListener('blur', onWindowChange);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const menuItems = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? []);
    const index = menuItems.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = menuItems[(index + 1) % menuItems.length];
    else if (event.key === 'ArrowUp') next = menuItems[(index - 1 + menuItems.length) % menuItems.length];
    else if (event.key === 'Home') next = menuItems[0];
    else if (event.key === 'End') next = menuItems[menuItems.length - 1];
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
      return;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return createPortal(
    <div ref={ref} className="ui-menu" role="menu" aria-label={label} style={{ left: anchor.x, top: anchor.y }} onKeyDown={onKeyDown} onContextMenu={(e) => e.preventDefault()}>
      {items.map((item) => (
        <div key={item.id} role="none">
          {item.separatorBefore && <div className="ui-menu__separator" role="separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            disabled={item.disabled}
            className={`ui-menu__item${item.danger ? ' is-danger' : ''}`}
            data-testid={item['data-testid']}
            onClick={() => {
              onClose();
              item.onSelect();
            }}
          >
            <span className="ui-menu__icon" aria-hidden="true">
              {item.icon}
            </span>
            <span className="ui-menu__label">{item.label}</span>
            {item.shortcut && <kbd className="ui-menu__shortcut">{item.shortcut}</kbd>}
          </button>
        </div>
      ))}
    </div>,
    document.body,
  );
}

export interface MenuButtonProps {
  /** Accessible name of the trigger, e.g. "Scene actions". */
  label: string;
  items: readonly MenuItem[];
  /** Trigger icon; default ⋯. */
  icon?: ReactNode;
  size?: 'sm' | 'md';
  className?: string;
  'data-testid'?: string;
}

/** An icon button that opens a {@link Menu} below itself and gives focus back when it closes. */
export function MenuButton({ label, items, icon, size = 'sm', className, 'data-testid': testId }: MenuButtonProps) {
  const [anchor, setAnchor] = useState<{ x: number; y: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAnchor(null);
    buttonRef.current?.focus();
  };
  return (
    <>
      <IconButton
        ref={buttonRef}
        label={label}
        icon={icon ?? <Ellipsis size={16} />}
        size={size}
        className={className}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        data-testid={testId}
        onClick={(event) => {
          event.stopPropagation();
          const rect = event.currentTarget.getBoundingClientRect();
          setAnchor(anchor ? null : { x: rect.left, y: rect.bottom + 4 });
        }}
        onKeyDown={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
      />
      {anchor && <Menu items={items} anchor={anchor} onClose={close} label={label} />}
    </>
  );
}
