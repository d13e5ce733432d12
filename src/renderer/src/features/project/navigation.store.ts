import { create } from 'zustand';

/** A piece of text the editor should find and select once the scene is open (a search hit). */
export interface PendingFind {
  sceneId: string;
  text: string;
}

export type ProjectPanel = 'codex' | 'snapshots' | 'search' | 'chat' | 'memory' | 'continuity' | 'crew' | 'trash' | null;

interface NavigationState {
  /** The open project, or null on the dashboard. */
  projectId: string | null;
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
  /** Called by the editor once it has handled `pendingFind`. */
  consumePendingFind(): void;
}

/** Where the user is in the app. Shared by the shell, the tree, the editor and the panels. */
export const useNavigation = create<NavigationState>()((set) => ({
  projectId: null,
  sceneId: null,
  panel: null,
  pendingFind: null,
  openProject: (projectId) => set({ projectId, sceneId: null, pendingFind: null }),
  closeProject: () => set({ projectId: null, sceneId: null, pendingFind: null }),
  openScene: (sceneId, find) => set({ sceneId, pendingFind: find ? { sceneId, text: find } : null }),
  setPanel: (panel) => set({ panel }),
  consumePendingFind: () => set({ pendingFind: null }),
}));
