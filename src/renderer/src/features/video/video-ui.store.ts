import { create } from 'zustand';

interface VideoUiState {
  /** The New video dialog is open. */
  creating: boolean;
  setCreating(open: boolean): void;
}

/** The video view's UI state that two places share (the sidebar and the centre both open New video). */
export const useVideoUi = create<VideoUiState>()((set) => ({
  creating: false,
  setCreating: (creating) => set({ creating }),
}));
