import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../ui';

export interface EmptyTrashDialogProps {
  open: boolean;
  title: string;
  /** What will be deleted for good. */
  message: ReactNode;
  /** Empties the trash; the dialog shows it busy until this settles, then closes. */
  onEmpty: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before emptying a trash, busy while it empties; the dashboard's and a project's trash both use it. */
export function EmptyTrashDialog({ open, title, message, onEmpty, onClose }: EmptyTrashDialogProps) {
  const [busy, setBusy] = useState(false);
  const empty = async () => {
    setBusy(true);
    await onEmpty();
    setBusy(false);
    onClose();
  };
  return <ConfirmDialog open={open} title={title} message={message} confirmLabel="Empty trash" danger busy={busy} onConfirm={() => void empty()} onCancel={onClose} />;
}
