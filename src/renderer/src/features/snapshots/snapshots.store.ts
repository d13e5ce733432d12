import { useEffect } from 'react';
import { create } from 'zustand';
import type { Snapshot, SnapshotScope } from '../../../../shared/models/snapshot';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { useApi, useStores } from '../../app/services';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { useEditorSession } from '../editor';

interface SnapshotsState {
  projectId: string | null;
  snapshots: Snapshot[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(projectId: string): Promise<void>;
  create(scope: SnapshotScope, targetId: string, label: string): Promise<Snapshot>;
  /** Restores a snapshot; the open editor is saved first and reloads the restored text after. */
  restore(id: string): Promise<{ safetySnapshotId: string; restoredSceneIds: string[] }>;
  remove(id: string): Promise<void>;
}

const newestFirst = (a: Snapshot, b: Snapshot) => b.createdAt - a.createdAt;

/** The project's snapshots, newest first. */
export const createSnapshotsStore = (api: Api) => create<SnapshotsState>()((set, get) => {
  let seq = 0;
  return {
    projectId: null,
    snapshots: [],
    status: 'idle',
    error: null,
    async load(projectId) {
      const mine = ++seq;
      if (get().projectId !== projectId) set({ projectId, snapshots: [], status: 'loading', error: null });
      try {
        const snapshots = await api.call('snapshot.list', { projectId });
        if (mine === seq) set({ snapshots: [...snapshots].sort(newestFirst), status: 'ready', error: null });
      } catch (error) {
        if (mine === seq) set({ status: 'error', error: errorMessage(error) });
      }
    },
    async create(scope, targetId, label) {
      // The snapshot must hold what is on screen, including the last few words typed.
      await useEditorSession.getState().flush();
      const snapshot = await api.call('snapshot.create', { scope, targetId, label: label.trim() });
      set((state) => ({ snapshots: [snapshot, ...state.snapshots.filter((s) => s.id !== snapshot.id)].sort(newestFirst) }));
      return snapshot;
    },
    async restore(id) {
      const session = useEditorSession.getState();
      // Save first, so the safety snapshot holds the current text and no pending autosave
      // of the old text can land on top of the restored one.
      if (!(await session.flush())) {
        throw new ApiError(
          ErrorCode.CONFLICT,
          'The open scene has changes that could not be saved yet, so nothing was restored. Check the save status above the text and try again.',
          false,
        );
      }
      const result = await api.call('snapshot.restore', { id });
      useEditorSession.getState().requestReload(result.restoredSceneIds);
      const projectId = get().projectId;
      if (projectId) await get().load(projectId);
      return result;
    },
    async remove(id) {
      await api.call('snapshot.delete', { id });
      set((state) => ({ snapshots: state.snapshots.filter((s) => s.id !== id) }));
    },
  };
});
export type SnapshotsStore = ReturnType<typeof createSnapshotsStore>;

/** Loads the snapshots and keeps them current while mounted. */
export function useSnapshotsSync(projectId: string): void {
  const api = useApi();
  const { useSnapshots } = useStores();
  useEffect(() => {
    void useSnapshots.getState().load(projectId);
    return api.on('snapshot.changed', (event) => {
      if (event.projectId === projectId) void useSnapshots.getState().load(projectId);
    });
  }, [api, projectId, useSnapshots]);
}
