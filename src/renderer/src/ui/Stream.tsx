import { Info } from 'lucide-react';
import './stream.css';

export interface StreamTailProps {
  /** The text is still coming in. */
  streaming: boolean;
  /** No text has arrived yet. */
  empty: boolean;
}

/** The end of a streaming text: a blinking cursor, and "Thinking…" until the first words arrive. */
export function StreamTail({ streaming, empty }: StreamTailProps) {
  if (!streaming) return null;
  return (
    <>
      <span className="ui-stream-cursor" aria-hidden="true" />
      {empty && <span className="ui-stream-waiting">Thinking…</span>}
    </>
  );
}

export interface StreamNoticeProps {
  message: string;
  /** What happened (e.g. a retry); set as `data-kind`. */
  kind: string;
  'data-testid'?: string;
}

/** A line about the call behind a streaming text, e.g. that it is being retried. */
export function StreamNotice({ message, kind, 'data-testid': testId }: StreamNoticeProps) {
  return (
    <div className="ui-stream-notice" data-testid={testId} data-kind={kind}>
      <Info size={13} aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}
