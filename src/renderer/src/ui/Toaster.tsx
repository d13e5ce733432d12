import { CircleCheck, CircleX, Info, X } from 'lucide-react';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useToastPlacement } from './toast-placement';
import { notify, useToasts, type Toast } from './toast.store';
import './toast.css';

/** Renders the toast queue, clear of what it must not cover (see useToastAvoid). Mount once, in the app shell. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const placement = useToastPlacement(toasts.length > 0);
  const style = { right: placement.right, bottom: placement.bottom, '--toast-max-width': `${placement.maxWidth}px` } as CSSProperties;
  return (
    <div className="ui-toaster" style={style} aria-live="polite" aria-relevant="additions" data-testid="toaster">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

const ICONS = { info: Info, success: CircleCheck, error: CircleX } as const;

function ToastView({ toast }: { toast: Toast }) {
  const dismiss = useToasts((state) => state.dismiss);
  const [paused, setPaused] = useState(false);
  const [running, setRunning] = useState(false);
  const remaining = useRef(toast.duration);

  useEffect(() => {
    if (paused || toast.duration === 0) return undefined;
    const started = Date.now();
    const timer = setTimeout(() => dismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1_500, remaining.current - (Date.now() - started));
    };
  }, [paused, toast.id, toast.duration, dismiss]);

  const runAction = async () => {
    if (!toast.action || running) return;
    setRunning(true);
    try {
      await toast.action.run();
    } catch (error) {
      notify.error(error);
    } finally {
      dismiss(toast.id);
    }
  };

  const Icon = ICONS[toast.tone];
  return (
    <div
      className={`ui-toast ui-toast--${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid={`toast-${toast.tone}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <Icon size={18} className="ui-toast__icon" aria-hidden="true" />
      <div className="ui-toast__text">
        {toast.title && <div className="ui-toast__title">{toast.title}</div>}
        <div className="ui-toast__message">{toast.message}</div>
      </div>
      {toast.action && (
        <button type="button" className="ui-toast__action" onClick={() => void runAction()} disabled={running} data-testid={toast.action['data-testid'] ?? 'toast-action'}>
          {toast.action.label}
        </button>
      )}
      <button type="button" className="ui-toast__close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <X size={14} />
      </button>
    </div>
  );
}
