import { create } from 'zustand';
import { readDismissed, writeDismissed } from './onboarding-visibility';

export type OnboardingPath = 'ollama' | 'key';

interface OnboardingState {
  dismissed: boolean;
  closed: boolean;
  shown: boolean;
  requested: boolean;
  path: OnboardingPath;
  /** Opens the guide on demand (even when AI is ready). */
  openGuide(): void;
  markShown(): void;
  /** Closes for this session. */
  close(): void;
  /** "Set up later": closes and does not open by itself again. */
  dismiss(): void;
  setPath(path: OnboardingPath): void;
}

/** The setup guide's state: whether it may show, and which way the writer chose (Ollama or a key). */
export const useOnboarding = create<OnboardingState>()((set) => ({
  dismissed: readDismissed(),
  closed: false,
  shown: false,
  requested: false,
  path: 'ollama',
  openGuide: () => set({ requested: true, closed: false }),
  markShown: () => set({ shown: true }),
  close: () => set({ closed: true, requested: false }),
  dismiss: () => {
    writeDismissed(true);
    set({ dismissed: true, closed: true, requested: false });
  },
  setPath: (path) => set({ path }),
}));
