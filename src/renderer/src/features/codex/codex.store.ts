import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { CodexEntry } from '../../../../shared/models/codex';
import { useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface CodexState {
  projectId: string | null;
  entries: CodexEntry[];
  status: LoadStatus;
  error: string | null;
  /** The entry the panel should open (a Ctrl/Cmd-click on a mention sets it). */
  focusId: string | null;
  load(projectId: string): Promise<void>;
  create(input: MethodInput<'codex.create'>): Promise<CodexEntry>;
  update(input: MethodInput<'codex.update'>): Promise<CodexEntry>;
  /** Moves an entry to the trash; {@link restore} brings it back. */
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  setFocus(id: string | null): void;
  /** Loads the project's codex if needed and follows `codex.changed` until every watcher has let go (call the result). */
  watch(projectId: string): () => void;
}

/** The codex of the open project, shared by the codex panel and the editor's mention highlighter. */
export const createCodexStore = (api: Api) => create<CodexState>()((set, get) => {
  let loadSeq = 0;
  let watchers = 0;
  let unsubscribe: (() => void) | null = null;
  const refresh = async () => {
    const projectId = get().projectId;
    if (projectId) await get().load(projectId);
  };
  return {
    projectId: null,
    entries: [],
    status: 'idle',
    error: null,
    focusId: null,
    async load(projectId) {
      const seq = ++loadSeq;
      const switching = get().projectId !== projectId;
      set(switching ? { projectId, entries: [], status: 'loading', error: null } : { error: null });
      try {
        const entries = await api.call('codex.list', { projectId });
        if (seq === loadSeq) set({ entries, status: 'ready' });
      } catch (error) {
        if (seq === loadSeq) set({ status: 'error', error: errorMessage(error) });
      }
    },
    async create(input) {
      const entry = await api.call('codex.create', input);
      await refresh();
      return entry;
    },
    async update(input) {
      const entry = await api.call('codex.update', input);
      set({ entries: get().entries.map((e) => (e.id === entry.id ? entry : e)) });
      return entry;
    },
    async remove(id) {
      await api.call('codex.delete', { id });
      set({ entries: get().entries.filter((e) => e.id !== id) });
    },
    async restore(id) {
      await api.call('trash.restore', { kind: 'codex', id });
      await refresh();
    },
    setFocus: (focusId) => set({ focusId }),
    watch(projectId) {
      const store = get();
      if (store.projectId !== projectId || store.status === 'idle' || store.status === 'error') void store.load(projectId);
      watchers += 1;
      if (!unsubscribe) {
        unsubscribe = api.on('codex.changed', (event) => {
          const current = get();
          if (current.projectId === event.projectId) void current.load(event.projectId);
        });
      }
      return () => {
        watchers -= 1;
        if (watchers === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = null;
        }
      };
    },
  };
});
export type CodexStore = ReturnType<typeof createCodexStore>;

/** Loads the project's codex and keeps it current while any component uses it. */
export function useCodex(projectId: string): void {
  const { useCodexStore } = useStores();
  useEffect(() => useCodexStore.getState().watch(projectId), [projectId, useCodexStore]);
}
