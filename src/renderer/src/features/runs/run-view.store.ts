import { create } from 'zustand';
import { showPanel } from '../project/layout.store';

/** The sections of the crew panel. */
export type CrewSection = 'runs' | 'proposals' | 'audit' | 'playbooks';

interface RunViewState {
  /** The section the crew panel shows. */
  section: CrewSection;
  /** The run open in the Runs section, or null for the list. */
  runId: string | null;
  /** Opens a run's view in the crew panel (from the chat's run card, the runs list, a playbook's Run). */
  open(runId: string): void;
  /** Back to the runs list. */
  close(): void;
  /** Shows one section of the crew panel (and the panel itself). */
  show(section: CrewSection): void;
}

/**
 * Which part of the crew panel is showing. UI state only, shared by the chat (its run cards call
 * `useRunView.getState().open(runId)` or `useRunView().open(runId)`), the panel and the playbooks.
 */
export const useRunView = create<RunViewState>()((set) => ({
  section: 'runs',
  runId: null,
  open: (runId) => {
    set({ section: 'runs', runId });
    showPanel('crew');
  },
  close: () => set({ runId: null }),
  show: (section) => {
    set({ section });
    showPanel('crew');
  },
}));
