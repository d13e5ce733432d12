import { create } from 'zustand';
import { readDismissed, shouldAutoOpen, writeDismissed } from './onboarding-visibility';

export type OnboardingPath = 'ollama' | 'key';

interface OnboardingState {
  /** The guide is open (it may still step aside while AI settings are open). */
  open: boolean;
  /** The start-up decision has been made for this session. */
  autoChecked: boolean;
  dismissed: boolean;
  path: OnboardingPath;
  /** Called with the first status answer of the session: opens the guide if setup is incomplete. */
  checkAtStart(setupComplete: boolean): void;
  /** Opens the guide on demand (a menu item, a help link), even when AI is ready. */
  openGuide(): void;
  /** Closes for this session. */
  close(): void;
  /** "Set up later": closes, and it will not open by itself again. */
  dismiss(): void;
  setPath(path: OnboardingPath): void;
}

/** The setup guide's state: whether it is open, and which way the writer chose (Ollama or a key). */
export const useOnboarding = create<OnboardingState>()((set, get) => ({
  open: false,
  autoChecked: false,
  dismissed: readDismissed(),
  path: 'ollama',
  checkAtStart(setupComplete) {
    if (get().autoChecked) return;
    set({ autoChecked: true, open: shouldAutoOpen({ complete: setupComplete }, get().dismissed) });
  },
  openGuide: () => set({ open: true, autoChecked: true }),
  close: () => set({ open: false }),
  dismiss: () => {
    writeDismissed(true);
    set({ dismissed: true, open: false });
  },
  setPath: (path) => set({ path }),
}));
