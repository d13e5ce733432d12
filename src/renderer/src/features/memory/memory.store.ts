import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { MemoryEntry, MemoryKind, MemorySourceType, MemoryVersion } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';
import { mergeMarkers } from './memory-filters';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the memory view shows; every field narrows the list (markers: all must be present). */
export interface MemoryFilters {
  kinds: MemoryKind[];
  markers: string[];
  agent: string | null;
  sourceTypes: MemorySourceType[];
  includeArchived: boolean;
}

export const NO_FILTERS: MemoryFilters = { kinds: [], markers: [], agent: null, sourceTypes: [], includeArchived: false };

/** An edit the core refused because someone saved a newer version first. */
export interface EditConflict {
  kind: 'conflict';
  message: string;
}

export type UpdateResult = { kind: 'saved'; entry: MemoryEntry } | EditConflict;

export type MemoryPatch = Pick<MethodInput<'memory.update'>, 'content' | 'markers' | 'agentScope'>;

/** The list is asked for in pages this big; the view virtualises what it shows. */
export const MEMORY_PAGE = 500;

interface MemoryState {
  projectId: string | null;
  /** The filtered list of the memory view. */
  entries: MemoryEntry[];
  /** Core memory (standing facts and preferences), for "What the AI knows". */
  core: MemoryEntry[];
  /** Every marker seen in this project's lists, for the filter's type-ahead. */
  knownMarkers: string[];
  /** Every agent named in a scope, for the agent filter. */
  knownAgents: string[];
  filters: MemoryFilters;
  status: LoadStatus;
  error: string | null;
  /** A memory to scroll to and highlight (a search result opened it). */
  focusId: string | null;
  load(projectId: string): Promise<void>;
  setFilters(projectId: string, patch: Partial<MemoryFilters>): Promise<void>;
  create(input: MethodInput<'memory.create'>): Promise<MemoryEntry>;
  /** Saves an edit made on `version`; a newer version in the core comes back as a conflict, never thrown. */
  update(id: string, version: number, patch: MemoryPatch): Promise<UpdateResult>;
  /** The memory as the core has it now, or null when it is gone (for "Reload" after a conflict). */
  fetchLatest(id: string): Promise<MemoryEntry | null>;
  setPinned(id: string, pinned: boolean): Promise<void>;
  setArchived(id: string, archived: boolean): Promise<void>;
  /** Deletes for good: row, versions, vectors and full-text rows. */
  remove(id: string): Promise<void>;
  history(id: string): Promise<MemoryVersion[]>;
  setFocus(id: string | null): void;
  /** Shows one memory (a search result opened it): filters cleared so it is in the list, then focused. */
  reveal(projectId: string, id: string): Promise<void>;
  /** Loads the project's memories and follows `memory.changed` until every watcher lets go. */
  watch(projectId: string): () => void;
}

const sortEntries = (entries: MemoryEntry[]) =>
  [...entries].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);

/** The memories of the open project: the filtered list, core memory, and every edit to them. */
export const createMemoryStore = (api: Api) =>
  create<MemoryState>()((set, get) => {
    let loadSeq = 0;

    /** Running while any component shows the memories: changes, and a re-read after each reconnect. */
    const sync = createSharedSubscription(() => {
      const offChanged = api.on('memory.changed', (event) => {
        if (get().projectId === event.projectId) void get().load(event.projectId);
      });
      // A change missed while disconnected: read the lists afresh after a reconnect.
      const offStatus = api.onStatus((connection) => {
        const current = get().projectId;
        if (connection === 'open' && current) void get().load(current);
      });
      return () => {
        offChanged();
        offStatus();
      };
    });

    const query = (projectId: string, filters: MemoryFilters): MethodInput<'memory.list'> => ({
      projectId,
      includeArchived: filters.includeArchived,
      limit: MEMORY_PAGE,
      ...(filters.kinds.length ? { kinds: filters.kinds } : {}),
      ...(filters.markers.length ? { markers: filters.markers } : {}),
      ...(filters.agent ? { agent: filters.agent } : {}),
      ...(filters.sourceTypes.length ? { sourceTypes: filters.sourceTypes } : {}),
    });

    /** Puts a changed entry in place in both lists (or drops it where it no longer belongs). */
    const replace = (entry: MemoryEntry) => {
      const { entries, core, filters } = get();
      const visible = filters.includeArchived || !entry.archived;
      const swap = (list: MemoryEntry[], keep: boolean) => sortEntries(list.flatMap((e) => (e.id === entry.id ? (keep ? [entry] : []) : [e])));
      set({ entries: swap(entries, visible), core: swap(core, !entry.archived), knownMarkers: mergeMarkers(get().knownMarkers, [entry]) });
    };

    return {
      projectId: null,
      entries: [],
      core: [],
      knownMarkers: [],
      knownAgents: [],
      filters: NO_FILTERS,
      status: 'idle',
      error: null,
      focusId: null,
      async load(projectId) {
        const seq = ++loadSeq;
        if (get().projectId !== projectId) {
          set({ projectId, entries: [], core: [], knownMarkers: [], knownAgents: [], filters: NO_FILTERS, status: 'loading', error: null, focusId: null });
        } else set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
        try {
          const [entries, core] = await Promise.all([
            api.call('memory.list', query(projectId, get().filters)),
            api.call('memory.list', { projectId, kinds: ['core'], limit: MEMORY_PAGE }),
          ]);
          if (seq !== loadSeq) return;
          const all = [...entries, ...core];
          const agents = new Set([...get().knownAgents, ...all.flatMap((e) => e.agentScope).filter((a) => a !== '*')]);
          set({ entries, core, status: 'ready', knownMarkers: mergeMarkers(get().knownMarkers, all), knownAgents: [...agents].sort() });
        } catch (error) {
          if (seq === loadSeq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async setFilters(projectId, patch) {
        set({ filters: { ...get().filters, ...patch } });
        await get().load(projectId);
      },
      async create(input) {
        const entry = await api.call('memory.create', input);
        const { entries, core } = get();
        set({
          entries: sortEntries([entry, ...entries.filter((e) => e.id !== entry.id)]),
          core: entry.kind === 'core' ? sortEntries([entry, ...core.filter((e) => e.id !== entry.id)]) : core,
          knownMarkers: mergeMarkers(get().knownMarkers, [entry]),
        });
        return entry;
      },
      async update(id, version, patch) {
        try {
          const entry = await api.call('memory.update', { id, version, ...patch });
          replace(entry);
          return { kind: 'saved', entry };
        } catch (error) {
          if (error instanceof ApiError && error.code === 'CONFLICT') return { kind: 'conflict', message: error.message };
          throw error;
        }
      },
      async fetchLatest(id) {
        const projectId = get().projectId;
        if (!projectId) return null;
        const list = await api.call('memory.list', { projectId, includeArchived: true, limit: MEMORY_PAGE });
        const entry = list.find((e) => e.id === id) ?? null;
        if (entry) replace(entry);
        return entry;
      },
      async setPinned(id, pinned) {
        replace(await api.call('memory.setPinned', { id, pinned }));
      },
      async setArchived(id, archived) {
        replace(await api.call('memory.setArchived', { id, archived }));
      },
      async remove(id) {
        await api.call('memory.delete', { id });
        set({ entries: get().entries.filter((e) => e.id !== id), core: get().core.filter((e) => e.id !== id) });
      },
      history: (id) => api.call('memory.history', { id }),
      setFocus: (focusId) => set({ focusId }),
      async reveal(projectId, id) {
        if (get().projectId !== projectId) set({ projectId, entries: [], core: [], knownMarkers: [], knownAgents: [], status: 'loading', error: null });
        set({ filters: NO_FILTERS, focusId: id });
        await get().load(projectId);
      },
      watch(projectId) {
        const state = get();
        if (state.projectId !== projectId || state.status === 'idle' || state.status === 'error') void state.load(projectId);
        return sync.retain();
      },
    };
  });
export type MemoryStore = ReturnType<typeof createMemoryStore>;

/** Loads the project's memories and keeps them current while the component is shown. */
export function useMemoryWatch(projectId: string): void {
  const { useMemory } = useStores();
  useEffect(() => useMemory.getState().watch(projectId), [projectId, useMemory]);
}
