import { X } from 'lucide-react';
import { useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { IconButton } from './Button';
import { trapTab } from './focus';
import { useDialogFocus } from './use-dialog-focus';
import './dialog.css';

export interface DialogProps {
  open: boolean;
  /** Called on Escape, the close button, or a click on the backdrop. */
  onClose: () => void;
  title: string;
  /** A sentence under the title. */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned. Put the primary action last. */
  footer?: ReactNode;
  /** Width: sm 400px, md 520px (default), lg 760px. */
  size?: 'sm' | 'md' | 'lg';
  /** Element to focus on open; default: the first field or button in the body. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** When given, body and footer are a <form>: Enter submits and footer `type="submit"` buttons work. */
  onSubmit?: () => void;
  /** Set false while a form holds unsaved input, so a stray backdrop click doesn't lose it. */
  closeOnBackdrop?: boolean;
  'data-testid'?: string;
}

/**
 * A modal dialog: rendered above everything, focus moves in and is trapped (Tab cycles, and a
 * focused control that disappears hands the focus back to the dialog), Escape closes, and focus
 * returns to where it was when the dialog closes.
 */
export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return createPortal(<DialogPanel {...props} />, document.body);
}

function DialogPanel({ onClose, title, description, children, footer, size = 'md', initialFocusRef, onSubmit, closeOnBackdrop = true, 'data-testid': testId }: DialogProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useDialogFocus(panelRef, initialFocusRef, onClose);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      // Stop here so an outer dialog (or a global shortcut) does not also react.
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab' && panelRef.current) {
      event.stopPropagation();
      if (trapTab(panelRef.current, event.shiftKey)) event.preventDefault();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    onSubmit?.();
  };

  const content = (
    <>
      <div className="ui-dialog__body">{children}</div>
      {footer && <div className="ui-dialog__footer">{footer}</div>}
    </>
  );

  return (
    <div
      className="ui-dialog-backdrop"
      onMouseDown={(event) => {
        if (closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panelRef}
        className={`ui-dialog ui-dialog--${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div className="ui-dialog__header">
          <div>
            <h2 id={titleId} className="ui-dialog__title">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="ui-dialog__description">
                {description}
              </div>
            )}
          </div>
          <IconButton label="Close" icon={<X size={16} />} size="sm" onClick={onClose} data-testid="dialog-close" />
        </div>
        {onSubmit ? (
          <form className="ui-dialog__form" onSubmit={submit} noValidate>
            {content}
          </form>
        ) : (
          content
        )}
      </div>
    </div>
  );
}
