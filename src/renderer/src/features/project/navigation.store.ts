import { create } from 'zustand';

/** A piece of text the editor should find and select once the scene is open (a search hit). */
export interface PendingFind {
  sceneId: string;
  text: string;
}

export type ProjectPanel = 'codex' | 'snapshots' | 'search' | 'chat' | 'memory' | 'continuity' | 'crew' | 'trash' | null;

/** What the project view's centre shows: the manuscript (outline and editor) or the videos. */
export type ProjectMode = 'manuscript' | 'video';

interface NavigationState {
  /** The open project, or null on the dashboard. */
  projectId: string | null;
  mode: ProjectMode;
  /** The video open in the video view (kept while the writer is back in the manuscript). */
  videoId: string | null;
  /** The scene in the editor. */
  sceneId: string | null;
  /** The right-hand panel shown in the project view. */
  panel: ProjectPanel;
  pendingFind: PendingFind | null;
  openProject(projectId: string): void;
  closeProject(): void;
  /** Opens a scene; with `find`, the editor selects and scrolls to that text. */
  openScene(sceneId: string, find?: string): void;
  setPanel(panel: ProjectPanel): void;
  /** Shows the video view; with an id, opens that video in it (null: the list alone). */
  openVideos(videoId?: string | null): void;
  /** Back to the manuscript, where the scene left open still is. */
  openManuscript(): void;
  /** Called by the editor once it has handled `pendingFind`. */
  consumePendingFind(): void;
}

/** Where the user is in the app. Shared by the shell, the tree, the editor and the panels. */
export const useNavigation = create<NavigationState>()((set) => ({
  projectId: null,
  mode: 'manuscript',
  videoId: null,
  sceneId: null,
  panel: null,
  pendingFind: null,
  openProject: (projectId) => set({ projectId, mode: 'manuscript', videoId: null, sceneId: null, pendingFind: null }),
  closeProject: () => set({ projectId: null, mode: 'manuscript', videoId: null, sceneId: null, pendingFind: null }),
  // A scene opened from anywhere (a search hit, a proposal) is read in the manuscript.
  openScene: (sceneId, find) => set({ mode: 'manuscript', sceneId, pendingFind: find ? { sceneId, text: find } : null }),
  setPanel: (panel) => set({ panel }),
  openVideos: (videoId) => set((state) => ({ mode: 'video', videoId: videoId === undefined ? state.videoId : videoId })),
  openManuscript: () => set({ mode: 'manuscript' }),
  consumePendingFind: () => set({ pendingFind: null }),
}));
