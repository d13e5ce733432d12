export interface OnboardingVisibilityInput {
  /** How many task classes can run now; null before the first status answer. */
  readyCount: number | null;
  /** The user chose "Set up later" (remembered across starts). */
  dismissed: boolean;
  /** The user closed the guide in this session. */
  closed: boolean;
  /** The guide has been on screen in this session (it then stays to show "all set"). */
  shown: boolean;
  /** The user asked for the guide (it shows even when AI is ready). */
  requested: boolean;
}

/**
 * Whether the setup guide shows: when asked for, or when no kind of task can run and the user has
 * neither dismissed it nor closed it this session. Once shown it stays until closed, so the writer
 * sees the "you're all set" step after fixing the problem.
 */
export function shouldShowOnboarding({ readyCount, dismissed, closed, shown, requested }: OnboardingVisibilityInput): boolean {
  if (requested) return true;
  if (closed || dismissed || readyCount === null) return false;
  return shown || readyCount === 0;
}

const DISMISS_KEY = 'nova.onboarding.dismissed';

/** The "Set up later" choice lives in localStorage: the preferences schema is fixed. */
export function readDismissed(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): boolean {
  try {
    return storage?.getItem(DISMISS_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeDismissed(value: boolean, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeStorage()): void {
  try {
    if (value) storage?.setItem(DISMISS_KEY, '1');
    else storage?.removeItem(DISMISS_KEY);
  } catch {
    // Storage may be unavailable (private mode): the guide then shows again next start, which is harmless.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
