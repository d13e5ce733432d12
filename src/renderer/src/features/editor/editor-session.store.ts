import { create } from 'zustand';

/**
 * What the rest of the project view needs to know about the open editor: its live word count
 * (session progress counts words before they are saved), a way to save now (before a snapshot,
 * a restore, an export or a search), and a way to make it reload a scene that changed under it.
 */
interface EditorSessionState {
  /** The scene in the editor and its live word count (in the core's terms, see useLiveWordCount), once loaded. */
  live: { sceneId: string; words: number } | null;
  /** Bumped per scene to make an open editor reload it from the core. */
  reloads: Record<string, number>;
  /** Saves still running for scenes whose editor has closed; a reopen waits for them. */
  pendingSaves: Map<string, Promise<void>>;
  flushActive: (() => Promise<boolean>) | null;
  /** The open editor's way to take a change stored elsewhere as the writer's own (undoable), by scene. */
  ownChanges: { sceneId: string; expect: () => () => Promise<void> } | null;
  setLive(sceneId: string, words: number): void;
  clearLive(sceneId: string): void;
  registerFlush(flush: () => Promise<boolean>): () => void;
  /** Saves the open scene now; resolves true once it is stored, false if saving failed for now. */
  flush(): Promise<boolean>;
  requestReload(sceneIds: readonly string[]): void;
  registerOwnChanges(sceneId: string, expect: () => () => Promise<void>): () => void;
  /**
   * The writer is about to store a change to `sceneId` from outside the editor (approving a
   * proposal): if that scene is open, the editor takes the change as the writer's own, so one
   * undo takes it back. Call the returned function once the change is stored (or failed).
   */
  expectOwnChange(sceneId: string): () => Promise<void>;
  trackPendingSave(sceneId: string, save: Promise<void>): void;
}

export const useEditorSession = create<EditorSessionState>()((set, get) => ({
  live: null,
  reloads: {},
  pendingSaves: new Map(),
  flushActive: null,
  ownChanges: null,
  setLive: (sceneId, words) => {
    const current = get().live;
    if (current?.sceneId === sceneId && current.words === words) return;
    set({ live: { sceneId, words } });
  },
  clearLive: (sceneId) => {
    if (get().live?.sceneId === sceneId) set({ live: null });
  },
  registerFlush: (flush) => {
    set({ flushActive: flush });
    return () => {
      if (get().flushActive === flush) set({ flushActive: null });
    };
  },
  flush: async () => (await get().flushActive?.()) ?? true,
  registerOwnChanges: (sceneId, expect) => {
    const entry = { sceneId, expect };
    set({ ownChanges: entry });
    return () => {
      if (get().ownChanges === entry) set({ ownChanges: null });
    };
  },
  expectOwnChange: (sceneId) => {
    const open = get().ownChanges;
    return open?.sceneId === sceneId ? open.expect() : () => Promise.resolve();
  },
  requestReload: (sceneIds) => {
    if (sceneIds.length === 0) return;
    const reloads = { ...get().reloads };
    for (const id of sceneIds) reloads[id] = (reloads[id] ?? 0) + 1;
    set({ reloads });
  },
  trackPendingSave: (sceneId, save) => {
    const pending = get().pendingSaves;
    pending.set(sceneId, save);
    void save.finally(() => {
      if (pending.get(sceneId) === save) pending.delete(sceneId);
    });
  },
}));
