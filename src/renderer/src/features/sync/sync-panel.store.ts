import { create } from 'zustand';

export const SYNC_SECTIONS = ['overview', 'devices', 'backups', 'plan'] as const;
export type SyncSection = (typeof SYNC_SECTIONS)[number];

interface SyncPanelState {
  open: boolean;
  section: SyncSection;
  /** Opens the sync panel, on a section (default: the one shown last). */
  openPanel(section?: SyncSection): void;
  close(): void;
  setSection(section: SyncSection): void;
}

/** Whether the Backup & sync panel is open, and on which section. Anyone may open it. */
export const useSyncPanel = create<SyncPanelState>()((set) => ({
  open: false,
  section: 'overview',
  openPanel: (section) => set((state) => ({ open: true, section: section ?? state.section })),
  close: () => set({ open: false }),
  setSection: (section) => set({ section }),
}));
