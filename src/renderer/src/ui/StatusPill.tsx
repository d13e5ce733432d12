import { useId, type ReactNode } from 'react';
import './status-pill.css';

export interface StatusPillProps {
  /** A few words ("AI ready", "Synced 5 minutes ago"); announced politely when they change. */
  label: string;
  /** The sentence the popover opens with. */
  detail: string;
  /** What a click does, for the popover's last line ("Click to open AI settings."). */
  hint: string;
  /** Before the label: a dot or an icon. */
  icon: ReactNode;
  /** Tone class suffix (`status-pill__button--<tone>`), styled by the feature. */
  tone: string;
  /** Extra classes on the wrapper, for the feature's tone rules. */
  className?: string;
  testId: string;
  /** Data attributes tests and styles read (`data-phase`…). */
  data?: Record<`data-${string}`, string | undefined>;
  /** More in the popover, between the sentence and the hint (the AI status's providers). */
  children?: ReactNode;
  onClick(): void;
}

/**
 * A pill in the status bar: an icon and a few words; hovering or focusing it shows a popover with
 * the whole sentence (after a short delay, so passing the pointer over does not flash it); a
 * click opens the dialog where it is dealt with.
 */
export function StatusPill({ label, detail, hint, icon, tone, className, testId, data, children, onClick }: StatusPillProps) {
  const popoverId = useId();
  return (
    <div className={`status-pill${className ? ` ${className}` : ''}`}>
      <button
        type="button"
        className={`status-pill__button status-pill__button--${tone}`}
        onClick={onClick}
        aria-haspopup="dialog"
        aria-describedby={popoverId}
        data-testid={testId}
        data-tone={tone}
        {...data}
      >
        {icon}
        <span className="status-pill__label" aria-live="polite">
          {label}
        </span>
      </button>
      <div role="tooltip" id={popoverId} className="status-pill__popover">
        <p className="status-pill__detail">{detail}</p>
        {children}
        <p className="status-pill__hint">{hint}</p>
      </div>
    </div>
  );
}
