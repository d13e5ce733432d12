/**
 * Whether the guide opens by itself, decided once per session at the first status answer: when
 * setup is incomplete (creative, rewrite and structured work do not each have a model — an
 * embedding model alone writes nothing) and the writer has not chosen "Set up later". Later
 * outages only change the status indicator: a dialog popping up over the editor mid-sentence
 * would steal the writer's typing.
 */
export function shouldAutoOpen(setup: { complete: boolean }, dismissed: boolean): boolean {
  return !setup.complete && !dismissed;
}

export interface OnboardingVisibilityInput {
  /** The guide was opened (by itself at start, or on request) and not closed since. */
  open: boolean;
  /** AI settings are open: the writer is fixing things there, so the guide steps aside. */
  settingsOpen: boolean;
}

/** Once open, the guide stays until closed, so the writer sees "you're all set" after fixing things. */
export function shouldShowOnboarding({ open, settingsOpen }: OnboardingVisibilityInput): boolean {
  return open && !settingsOpen;
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
