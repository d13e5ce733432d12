import type { ComponentPropsWithRef, ReactNode } from 'react';
import { Spinner } from './Spinner';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  /** Visual weight. Default `secondary`; use `primary` for the one main action of a view. */
  variant?: ButtonVariant;
  /** `sm` for toolbars and rows, `md` (default) for dialogs and pages. */
  size?: 'sm' | 'md';
  /** A leading icon, e.g. `<Plus size={16} />`. */
  icon?: ReactNode;
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
}

/** A text button. `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', size = 'md', icon, busy = false, className, children, disabled, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      className={['ui-button', `ui-button--${variant}`, `ui-button--${size}`, className].filter(Boolean).join(' ')}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner size={14} /> : icon}
      {children !== undefined && <span className="ui-button__label">{children}</span>}
    </button>
  );
}

export interface IconButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'children'> {
  /** Accessible name, also shown as the tooltip. Required: an icon alone says nothing to a screen reader. */
  label: string;
  icon: ReactNode;
  size?: 'sm' | 'md';
  /** For toggles: rendered as aria-pressed and a highlighted state. */
  active?: boolean;
  /** Appended to the tooltip, e.g. "Ctrl+Shift+F". */
  shortcut?: string;
}

/** A square button holding only an icon. */
export function IconButton({ label, icon, size = 'md', active, shortcut, className, type, ...rest }: IconButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={active}
      className={['ui-icon-button', `ui-icon-button--${size}`, active ? 'is-active' : '', className].filter(Boolean).join(' ')}
      {...rest}
    >
      {icon}
    </button>
  );
}
