import { create } from 'zustand';
import type { Project, ProjectCreate, ProjectSummary } from '../../../../shared/models/project';
import type { TrashItem } from '../../../../shared/models/trash';
import type { Api } from '../../lib/api';
import { notify } from '../../ui';
import { dismissTrashedNotice, emptyTrashAndReport, notifyTrashed } from '../trash';

export type DashboardView = 'projects' | 'trash';
type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface DashboardState {
  view: DashboardView;
  /** Every project not in the trash, archived ones included, newest first. */
  projects: ProjectSummary[];
  status: LoadStatus;
  error: string | null;
  trash: TrashItem[];
  trashStatus: LoadStatus;
  createOpen: boolean;
  setView(view: DashboardView): void;
  setCreateOpen(open: boolean): void;
  load(): Promise<void>;
  create(input: ProjectCreate): Promise<Project | null>;
  setArchived(project: ProjectSummary, archived: boolean): Promise<void>;
  /** Moves a project to the trash and offers Undo. */
  remove(project: ProjectSummary): Promise<void>;
  loadTrash(): Promise<void>;
  restore(item: TrashItem): Promise<void>;
  /** Deletes every trashed project for good. Returns false if it failed. */
  emptyTrash(): Promise<boolean>;
}

/** Sequence numbers so a slow, older answer never overwrites a newer one. */
let loadSeq = 0;
let trashSeq = 0;

/** The dashboard: projects, archive and the trash of deleted projects. */
export const createDashboardStore = (api: Api) => create<DashboardState>()((set, get) => ({
  view: 'projects',
  projects: [],
  status: 'idle',
  error: null,
  trash: [],
  trashStatus: 'idle',
  createOpen: false,
  setView(view) {
    set({ view });
    if (view === 'trash') void get().loadTrash();
  },
  setCreateOpen: (createOpen) => set({ createOpen }),

  async load() {
    const seq = ++loadSeq;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const projects = await api.call('project.list', { includeArchived: true });
      if (seq === loadSeq) set({ projects, status: 'ready', error: null });
    } catch (error) {
      if (seq !== loadSeq) return;
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      notify.error(error, { title: 'Could not load your projects' });
    }
  },

  async create(input) {
    try {
      const project = await api.call('project.create', input);
      void get().load();
      return project;
    } catch (error) {
      notify.error(error, { title: 'Could not create the project' });
      return null;
    }
  },

  async setArchived(project, archived) {
    set((state) => ({ projects: state.projects.map((p) => (p.id === project.id ? { ...p, archived } : p)) }));
    try {
      await api.call('project.update', { id: project.id, archived });
      notify.info(archived ? `“${project.title}” archived` : `“${project.title}” is back in your projects`, {
        action: archived ? { label: 'Undo', run: () => get().setArchived(project, false), 'data-testid': 'undo' } : undefined,
      });
    } catch (error) {
      notify.error(error, { title: archived ? 'Could not archive the project' : 'Could not unarchive the project' });
    }
    void get().load();
  },

  async remove(project) {
    set((state) => ({ projects: state.projects.filter((p) => p.id !== project.id) }));
    try {
      await api.call('project.delete', { id: project.id });
      notifyTrashed(`“${project.title}” moved to the trash`, { kind: 'project', id: project.id }, async () => {
        await api.call('trash.restore', { kind: 'project', id: project.id });
        await get().load();
      });
    } catch (error) {
      notify.error(error, { title: 'Could not delete the project' });
    }
    void get().load();
    if (get().view === 'trash') void get().loadTrash();
  },

  async loadTrash() {
    const seq = ++trashSeq;
    if (get().trashStatus !== 'ready') set({ trashStatus: 'loading' });
    try {
      const trash = await api.call('trash.list', {});
      if (seq === trashSeq) set({ trash: trash.filter((item) => item.kind === 'project'), trashStatus: 'ready' });
    } catch (error) {
      if (seq !== trashSeq) return;
      set({ trashStatus: 'error' });
      notify.error(error, { title: 'Could not load the trash' });
    }
  },

  async restore(item) {
    set((state) => ({ trash: state.trash.filter((t) => t.id !== item.id) }));
    try {
      await api.call('trash.restore', { kind: item.kind, id: item.id });
      dismissTrashedNotice(item);
      notify.success(`“${item.title}” restored`);
    } catch (error) {
      notify.error(error, { title: 'Could not restore the project' });
    }
    void get().loadTrash();
    void get().load();
  },

  async emptyTrash() {
    const emptied = await emptyTrashAndReport(api);
    if (emptied) {
      set({ trash: [] });
      void get().loadTrash();
    }
    return emptied;
  },
}));
export type DashboardStore = ReturnType<typeof createDashboardStore>;
