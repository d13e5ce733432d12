import { create } from 'zustand';
import type { SearchHit } from '../../../../shared/models/search';
import { errorMessage, type Api } from '../../lib/api';
import { useEditorSession } from '../editor';

type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

interface SearchState {
  projectId: string | null;
  query: string;
  /** The query the shown results belong to. */
  searched: string;
  hits: SearchHit[];
  status: SearchStatus;
  error: string | null;
  /** Bumped to ask the search box to take the focus (and select its text). */
  focusRequest: number;
  requestFocus(): void;
  setQuery(projectId: string, query: string): void;
  run(projectId: string): Promise<void>;
}

/** The search panel's query and results; kept while the panel is hidden so a search survives a tab switch. */
export const createSearchStore = (api: Api) => create<SearchState>()((set, get) => {
  let seq = 0;
  return {
    projectId: null,
    query: '',
    searched: '',
    hits: [],
    status: 'idle',
    error: null,
    focusRequest: 0,
    requestFocus: () => set((state) => ({ focusRequest: state.focusRequest + 1 })),
    setQuery(projectId, query) {
      if (get().projectId !== projectId) set({ projectId, hits: [], searched: '', status: 'idle', error: null });
      set({ query });
      if (!query.trim()) {
        seq += 1;
        set({ hits: [], searched: '', status: 'idle', error: null });
      }
    },
    async run(projectId) {
      const query = get().query.trim();
      if (!query) return;
      const mine = ++seq;
      set({ status: 'searching', error: null });
      try {
        // Search what is on disk, so the words typed a moment ago are found too.
        await useEditorSession.getState().flush();
        const hits = await api.call('search.query', { projectId, query, limit: 100 });
        if (mine === seq) set({ hits, searched: query, status: 'done' });
      } catch (error) {
        if (mine === seq) set({ status: 'error', error: errorMessage(error), searched: query, hits: [] });
      }
    },
  };
});
export type SearchStore = ReturnType<typeof createSearchStore>;
