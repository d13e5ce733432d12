import { create } from 'zustand';
import type { ConnectionStatus } from '../lib/transport';

export type ShellDialog = 'preferences' | 'shortcuts' | 'jobs' | null;

interface ShellState {
  /** The app-wide dialog that is open, if any. */
  dialog: ShellDialog;
  /** The transport's state, fed by the shell from api.onStatus. */
  connection: ConnectionStatus;
  /** True once the connection has been open at least once (so "connecting" at start is not an outage). */
  everConnected: boolean;
  openDialog(dialog: Exclude<ShellDialog, null>): void;
  closeDialog(): void;
  setConnection(status: ConnectionStatus): void;
}

/** App-level UI state that belongs to no single feature. */
export const useShell = create<ShellState>()((set) => ({
  dialog: null,
  connection: 'connecting',
  everConnected: false,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setConnection: (connection) => set((state) => ({ connection, everConnected: state.everConnected || connection === 'open' })),
}));
