import './misc.css';

export interface ProgressBarProps {
  /** Current amount (e.g. words written). */
  value: number;
  /** Target amount; 0 means "no goal" and renders an empty bar. */
  max: number;
  /** Accessible name, e.g. "Progress toward word goal". */
  label: string;
  /** `success` once the goal is reached is applied automatically; `accent` otherwise. */
  size?: 'sm' | 'md';
  className?: string;
}

/** A thin determinate bar; turns green when the goal is met. */
export function ProgressBar({ value, max, label, size = 'md', className }: ProgressBarProps) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const done = max > 0 && value >= max;
  return (
    <div
      className={['ui-progress', `ui-progress--${size}`, done ? 'is-done' : '', className].filter(Boolean).join(' ')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max > 0 ? max : 100}
      aria-valuenow={max > 0 ? Math.min(value, max) : 0}
    >
      <div className="ui-progress__fill" style={{ width: `${(ratio * 100).toFixed(2)}%` }} />
    </div>
  );
}
