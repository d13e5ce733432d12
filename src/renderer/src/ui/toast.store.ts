import { create } from 'zustand';
import { ApiError, errorMessage } from '../lib/api';

export type ToastTone = 'info' | 'success' | 'error';

/** A button inside a toast, e.g. Undo. The toast closes after it runs. */
export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
  'data-testid'?: string;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  /** Optional bold first line ("Could not rename the scene"). */
  title?: string;
  message: string;
  action?: ToastAction;
  /** Milliseconds before it closes by itself; 0 keeps it until dismissed. */
  duration: number;
  /** Names what the toast is about, so it can be closed when that changes ({@link notify.dismissKey}). */
  key?: string;
}

export interface ToastOptions {
  title?: string;
  action?: ToastAction;
  duration?: number;
  /** A toast with the same key replaces the older one; see {@link notify.dismissKey}. */
  key?: string;
}

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
  dismissKey(key: string): void;
}

let nextId = 1;
const MAX_TOASTS = 4;

/** The toast queue. Components use {@link notify}; only the Toaster reads this store. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push(toast) {
    // The same sentence twice (a retrying save, a flapping connection) is one toast, not a pile.
    const same = get().toasts.find((t) => t.tone === toast.tone && t.message === toast.message && t.title === toast.title);
    if (same && !toast.action) return same.id;
    const id = nextId++;
    const others = (list: Toast[]) => (toast.key === undefined ? list : list.filter((t) => t.key !== toast.key));
    set((state) => ({ toasts: [...others(state.toasts), { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
  },
  dismissKey(key) {
    if (get().toasts.some((t) => t.key === key)) set((state) => ({ toasts: state.toasts.filter((t) => t.key !== key) }));
  },
}));

const DEFAULT_DURATION = 5_000;
/** Toasts with an action (Undo) stay a little longer so there is time to reach the button. */
const ACTION_DURATION = 8_000;

function show(tone: ToastTone, message: string, options: ToastOptions = {}): number {
  const duration = options.duration ?? (options.action ? ACTION_DURATION : tone === 'error' ? 7_000 : DEFAULT_DURATION);
  return useToasts.getState().push({ tone, message, title: options.title, action: options.action, duration, ...(options.key !== undefined && { key: options.key }) });
}

/**
 * Tells the user something, from anywhere (stores included).
 *
 * - `notify.info('Scene moved to trash', { action: { label: 'Undo', run: restore } })`
 * - `notify.error(err, { title: 'Could not save' })` shows the ApiError's human message, never
 *   a stack trace; anything that is not an ApiError gets a generic sentence (and goes to the console).
 */
export const notify = {
  info: (message: string, options?: ToastOptions) => show('info', message, options),
  success: (message: string, options?: ToastOptions) => show('success', message, options),
  error(error: unknown, options?: ToastOptions): number {
    if (!(error instanceof ApiError)) console.error(error);
    return show('error', errorMessage(error), options);
  },
  dismiss: (id: number) => useToasts.getState().dismiss(id),
  /** Closes the toasts about `key` (say, the Undo of an item that came back some other way). */
  dismissKey: (key: string) => useToasts.getState().dismissKey(key),
};
