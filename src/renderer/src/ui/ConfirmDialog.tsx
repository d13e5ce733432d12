import { useRef, type ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words (say when it cannot be undone). */
  message: ReactNode;
  /** Label of the confirming button, a verb: "Empty trash", "Delete". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button for destructive actions. */
  danger?: boolean;
  /** Shows a spinner on the confirm button while the action runs. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  'data-testid'?: string;
}

/**
 * Asks before an action that cannot be undone. Focus starts on Cancel so Enter never destroys
 * by accident. The confirm button has data-testid="confirm-accept", cancel "confirm-cancel".
 */
export function ConfirmDialog({ open, title, message, confirmLabel, cancelLabel = 'Cancel', danger = false, busy = false, onConfirm, onCancel, 'data-testid': testId }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      size="sm"
      initialFocusRef={cancelRef}
      data-testid={testId ?? 'confirm-dialog'}
      footer={
        <>
          <Button ref={cancelRef} onClick={onCancel} data-testid="confirm-cancel">
            {cancelLabel}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm} data-testid="confirm-accept">
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="ui-dialog__message">{message}</div>
    </Dialog>
  );
}
