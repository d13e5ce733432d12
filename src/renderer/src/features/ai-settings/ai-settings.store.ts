import { create } from 'zustand';

export const AI_SETTINGS_TABS = ['models', 'keys', 'routes', 'prompts', 'usage', 'policy'] as const;
export type AiSettingsTab = (typeof AI_SETTINGS_TABS)[number];

interface AiSettingsState {
  open: boolean;
  tab: AiSettingsTab;
  /** Opens AI settings, on a given tab (default: the one shown last). */
  openSettings(tab?: AiSettingsTab): void;
  close(): void;
  setTab(tab: AiSettingsTab): void;
}

/** Whether the AI settings dialog is open, and on which tab. Anyone may open it. */
export const useAiSettings = create<AiSettingsState>()((set) => ({
  open: false,
  tab: 'models',
  openSettings: (tab) => set((state) => ({ open: true, tab: tab ?? state.tab })),
  close: () => set({ open: false }),
  setTab: (tab) => set({ tab }),
}));
