import { create } from 'zustand';
import type { Outline } from '../../../../shared/models/manuscript';
import type { TrashItem } from '../../../../shared/models/trash';
import { isNotFound, type Api } from '../../lib/api';
import { notify } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { dismissTrashedNotice, emptyTrashAndReport, notifyTrashed } from '../trash';
import { findScene, moveChapterLocally, moveSceneLocally, neighbourScene, nextTitle, patchWordCount } from './outline-model';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface OutlineState {
  projectId: string | null;
  outline: Outline | null;
  status: LoadStatus;
  /** Chapters the user folded, by id. */
  collapsed: Record<string, boolean>;
  /** The chapter or scene whose title is being edited inline. */
  editingId: string | null;
  trash: TrashItem[];
  trashStatus: LoadStatus;

  load(projectId: string): Promise<void>;
  /** Re-reads the outline (after an event); skipped while a change of ours is in flight. */
  refresh(): Promise<void>;
  reset(): void;
  setCollapsed(chapterId: string, collapsed: boolean): void;
  startRename(id: string): void;
  stopRename(): void;
  addChapter(): Promise<void>;
  addScene(chapterId: string): Promise<void>;
  rename(kind: 'chapter' | 'scene', id: string, title: string): Promise<void>;
  moveChapter(id: string, position: number): Promise<void>;
  moveScene(id: string, chapterId: string, position: number): Promise<void>;
  remove(kind: 'chapter' | 'scene', id: string): Promise<void>;
  /** An autosave changed a scene's word count: patch it in place, no round trip. */
  applySaved(sceneId: string, wordCount: number): void;
  loadTrash(): Promise<void>;
  restore(item: TrashItem): Promise<void>;
  emptyTrash(): Promise<boolean>;
}

/** The chapter/scene tree of the open project, and its trash. */
export const createOutlineStore = (api: Api) => create<OutlineState>()((set, get) => {
  /** Bumped by every write of `outline`, so an older answer never replaces a newer state. */
  let seq = 0;
  /** Our own changes in flight; events that arrive meanwhile are folded into one refresh after. */
  let pending = 0;
  let refreshAfterPending = false;

  /** Runs a change of ours: bumps the sequence, and refreshes afterwards if events were missed. */
  async function mutate<T>(work: () => Promise<T>, failTitle: string): Promise<T | null> {
    pending++;
    try {
      return await work();
    } catch (error) {
      notify.error(error, { title: failTitle });
      refreshAfterPending = true;
      return null;
    } finally {
      pending--;
      if (pending === 0 && refreshAfterPending) {
        refreshAfterPending = false;
        void get().refresh();
      }
    }
  }

  function setOutline(outline: Outline) {
    seq++;
    set({ outline, status: 'ready' });
  }

  return {
    projectId: null,
    outline: null,
    status: 'idle',
    collapsed: {},
    editingId: null,
    trash: [],
    trashStatus: 'idle',

    async load(projectId) {
      if (get().projectId !== projectId) set({ projectId, outline: null, status: 'loading', collapsed: {}, editingId: null, trash: [], trashStatus: 'idle' });
      const mine = ++seq;
      try {
        const outline = await api.call('outline.get', { projectId });
        if (mine === seq && get().projectId === projectId) set({ outline, status: 'ready' });
      } catch (error) {
        if (mine !== seq || get().projectId !== projectId) return;
        set({ status: 'error' });
        // A project that is gone is reported once, by the project view; don't pile toasts on it.
        if (!isNotFound(error)) notify.error(error, { title: 'Could not load the chapters' });
      }
    },

    async refresh() {
      const { projectId } = get();
      if (!projectId) return;
      if (pending > 0) {
        refreshAfterPending = true;
        return;
      }
      await get().load(projectId);
    },

    reset() {
      seq++;
      set({ projectId: null, outline: null, status: 'idle', collapsed: {}, editingId: null, trash: [], trashStatus: 'idle' });
    },

    setCollapsed: (chapterId, collapsed) => set((state) => ({ collapsed: { ...state.collapsed, [chapterId]: collapsed } })),
    startRename: (editingId) => set({ editingId }),
    stopRename: () => set({ editingId: null }),

    async addChapter() {
      const { projectId, outline } = get();
      if (!projectId) return;
      const chapter = await mutate(
        () => api.call('chapter.create', { projectId, title: nextTitle('Chapter', outline?.chapters.map((c) => c.title) ?? []) }),
        'Could not add a chapter',
      );
      if (!chapter) return;
      const current = get().outline;
      if (current && !current.chapters.some((c) => c.id === chapter.id)) setOutline({ ...current, chapters: [...current.chapters, { ...chapter, scenes: [] }] });
      set({ editingId: chapter.id });
      void get().refresh();
    },

    async addScene(chapterId) {
      const chapter = get().outline?.chapters.find((c) => c.id === chapterId);
      const scene = await mutate(() => api.call('scene.create', { chapterId, title: nextTitle('Scene', chapter?.scenes.map((s) => s.title) ?? []) }), 'Could not add a scene');
      if (!scene) return;
      const current = get().outline;
      if (current && !findScene(current, scene.id)) {
        setOutline({ ...current, chapters: current.chapters.map((c) => (c.id === chapterId ? { ...c, scenes: [...c.scenes, scene] } : c)) });
      }
      set((state) => ({ editingId: scene.id, collapsed: { ...state.collapsed, [chapterId]: false } }));
      useNavigation.getState().openScene(scene.id);
      void get().refresh();
    },

    async rename(kind, id, title) {
      const trimmed = title.trim();
      set({ editingId: null });
      const outline = get().outline;
      if (!outline || trimmed === '') return;
      const chapters = outline.chapters.map((c) =>
        kind === 'chapter' ? (c.id === id ? { ...c, title: trimmed } : c) : { ...c, scenes: c.scenes.map((s) => (s.id === id ? { ...s, title: trimmed } : s)) },
      );
      setOutline({ ...outline, chapters });
      const method = kind === 'chapter' ? 'chapter.update' : 'scene.update';
      await mutate(() => api.call(method, { id, title: trimmed }), kind === 'chapter' ? 'Could not rename the chapter' : 'Could not rename the scene');
    },

    async moveChapter(id, position) {
      const outline = get().outline;
      if (!outline) return;
      setOutline(moveChapterLocally(outline, id, position));
      const mine = seq;
      const result = await mutate(() => api.call('chapter.move', { id, position }), 'Could not move the chapter');
      if (result && mine === seq) setOutline(result);
    },

    async moveScene(id, chapterId, position) {
      const outline = get().outline;
      if (!outline) return;
      setOutline(moveSceneLocally(outline, id, chapterId, position));
      set((state) => ({ collapsed: { ...state.collapsed, [chapterId]: false } }));
      const mine = seq;
      const result = await mutate(() => api.call('scene.move', { id, chapterId, position }), 'Could not move the scene');
      if (result && mine === seq) setOutline(result);
    },

    async remove(kind, id) {
      const outline = get().outline;
      if (!outline) return;
      const chapter = kind === 'chapter' ? outline.chapters.find((c) => c.id === id) : undefined;
      const title = kind === 'chapter' ? chapter?.title : findScene(outline, id)?.scene.title;
      const goneScenes = kind === 'chapter' ? (chapter?.scenes.map((s) => s.id) ?? []) : [id];
      const nav = useNavigation.getState();
      if (nav.sceneId && goneScenes.includes(nav.sceneId)) {
        const next = neighbourScene(outline, goneScenes);
        if (next) nav.openScene(next);
        else useNavigation.setState({ sceneId: null, pendingFind: null });
      }
      const chapters =
        kind === 'chapter' ? outline.chapters.filter((c) => c.id !== id) : outline.chapters.map((c) => ({ ...c, scenes: c.scenes.filter((s) => s.id !== id) }));
      setOutline({ ...outline, chapters, wordCount: chapters.reduce((sum, c) => sum + c.scenes.reduce((n, s) => n + s.wordCount, 0), 0) });
      const ok = await mutate(() => api.call(kind === 'chapter' ? 'chapter.delete' : 'scene.delete', { id }), `Could not delete the ${kind}`);
      if (!ok) return;
      notifyTrashed(`“${title ?? 'Untitled'}” moved to the trash`, { kind, id }, async () => {
        await api.call('trash.restore', { kind, id });
        await get().refresh();
        void get().loadTrash();
      });
      void get().loadTrash();
    },

    applySaved(sceneId, wordCount) {
      const outline = get().outline;
      if (outline) set({ outline: patchWordCount(outline, sceneId, wordCount) });
    },

    async loadTrash() {
      const { projectId } = get();
      if (!projectId) return;
      if (get().trashStatus === 'idle') set({ trashStatus: 'loading' });
      try {
        const trash = await api.call('trash.list', { projectId });
        if (get().projectId === projectId) set({ trash, trashStatus: 'ready' });
      } catch (error) {
        if (get().projectId !== projectId) return;
        set({ trashStatus: 'error' });
        if (!isNotFound(error)) notify.error(error, { title: 'Could not load the trash' });
      }
    },

    async restore(item) {
      set((state) => ({ trash: state.trash.filter((t) => t.id !== item.id) }));
      const ok = await mutate(() => api.call('trash.restore', { kind: item.kind, id: item.id }), 'Could not restore it');
      if (ok) {
        dismissTrashedNotice(item);
        notify.success(`“${item.title}” restored`);
      }
      void get().loadTrash();
      void get().refresh();
    },

    async emptyTrash() {
      const { projectId } = get();
      if (!projectId) return false;
      const emptied = await emptyTrashAndReport(api, projectId);
      if (emptied) {
        set({ trash: [] });
        void get().loadTrash();
      }
      return emptied;
    },
  };
});
export type OutlineStore = ReturnType<typeof createOutlineStore>;
