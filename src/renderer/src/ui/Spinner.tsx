import { LoaderCircle } from 'lucide-react';
import './misc.css';

export interface SpinnerProps {
  /** Pixel size of the icon (default 18). */
  size?: number;
  /** When given, announced to screen readers and shown beside the spinner. */
  label?: string;
}

/** An indeterminate activity indicator. */
export function Spinner({ size = 18, label }: SpinnerProps) {
  return (
    <span className="ui-spinner" role={label ? 'status' : undefined}>
      <LoaderCircle size={size} className="ui-spinner__icon" aria-hidden="true" />
      {label && <span className="ui-spinner__label">{label}</span>}
    </span>
  );
}
