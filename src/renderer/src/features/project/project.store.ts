import { create } from 'zustand';
import type { ProjectSummary, ProjectUpdate } from '../../../../shared/models/project';
import { isNotFound, type Api } from '../../lib/api';
import { notify } from '../../ui';
import { useNavigation } from './navigation.store';

export type ProjectDialog = 'settings' | 'export' | null;

interface ProjectState {
  /** The open project with its word count, or null while loading. */
  project: ProjectSummary | null;
  dialog: ProjectDialog;
  load(projectId: string): Promise<void>;
  /** Saves fields of the open project. Returns false (and has told the user) if it failed. */
  update(patch: Omit<ProjectUpdate, 'id'>): Promise<boolean>;
  openDialog(dialog: Exclude<ProjectDialog, null>): void;
  closeDialog(): void;
  reset(): void;
}

let seq = 0;

/** The project open in the project view: its fields for the top bar and its dialogs. */
export const createProjectStore = (api: Api) => create<ProjectState>()((set, get) => ({
  project: null,
  dialog: null,
  async load(projectId) {
    const mine = ++seq;
    if (get().project?.id !== projectId) set({ project: null });
    try {
      const project = await api.call('project.get', { id: projectId });
      if (mine === seq) set({ project });
    } catch (error) {
      if (mine !== seq) return;
      if (isNotFound(error)) {
        // A stale link or a project deleted in another window: go back to the dashboard.
        notify.info('That project is no longer available. It may have been moved to the trash.');
        useNavigation.getState().closeProject();
        return;
      }
      notify.error(error, { title: 'Could not open the project' });
    }
  },
  async update(patch) {
    const current = get().project;
    if (!current) return false;
    try {
      const saved = await api.call('project.update', { id: current.id, ...patch });
      set((state) => (state.project?.id === saved.id ? { project: { ...state.project, ...saved } } : state));
      return true;
    } catch (error) {
      notify.error(error, { title: 'Could not save the project settings' });
      return false;
    }
  },
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  reset() {
    seq++;
    set({ project: null, dialog: null });
  },
}));
export type ProjectStore = ReturnType<typeof createProjectStore>;
