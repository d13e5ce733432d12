import { Check, CloudOff, TriangleAlert } from 'lucide-react';
import type { JSX } from 'react';
import { Spinner } from '../../ui';
import type { AutosaveStatus } from './autosave';

export interface SaveStatusProps {
  status: AutosaveStatus;
  /** The core's sentence for the last failure. */
  error: string | null;
  onRetry: () => void;
}

const TEXT: Record<AutosaveStatus, string> = {
  saved: 'Saved',
  dirty: 'Saving…',
  saving: 'Saving…',
  offline: 'Offline — will retry',
  conflict: 'Not saved — changed elsewhere',
  error: 'Not saved',
};

/** A quiet indicator of where the text is: on disk, on its way, or waiting. */
export function SaveStatus({ status, error, onRetry }: SaveStatusProps): JSX.Element {
  const icon =
    status === 'saved' ? (
      <Check size={14} aria-hidden="true" />
    ) : status === 'offline' ? (
      <CloudOff size={14} aria-hidden="true" />
    ) : status === 'conflict' || status === 'error' ? (
      <TriangleAlert size={14} aria-hidden="true" />
    ) : (
      <Spinner size={12} />
    );
  const title =
    status === 'offline'
      ? 'Nova Studio’s core is not reachable. Your text is kept in this window and saved as soon as the connection is back.'
      : (error ?? undefined);
  return (
    <span className={`save-status save-status--${status}`} title={title} aria-live="polite">
      {icon}
      <span data-testid="save-status" data-state={status}>
        {TEXT[status]}
      </span>
      {status === 'error' && (
        <button type="button" className="save-status__retry" onClick={onRetry}>
          Try again
        </button>
      )}
    </span>
  );
}
