import { create } from 'zustand';
import type { MeaningStatus, Passage } from '../../../../shared/models/memory';
import type { SearchHit } from '../../../../shared/models/search';
import { errorMessage, type Api } from '../../lib/api';
import { useEditorSession } from '../editor';

type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

/** Words: full-text over the scenes (exact words); Meaning: the embeddings; Both: the two fused. */
export type SearchKind = 'words' | 'meaning' | 'both';

interface SearchState {
  projectId: string | null;
  query: string;
  kind: SearchKind;
  /** The query the shown results belong to. */
  searched: string;
  /** The kind the shown results belong to. */
  searchedKind: SearchKind;
  hits: SearchHit[];
  /** Meaning and Both: passages with their source and which retriever found them. */
  passages: Passage[];
  /** Whether meaning search answered, and the core's sentence when it did not. */
  meaning: MeaningStatus | null;
  notice: string | null;
  status: SearchStatus;
  error: string | null;
  /** Bumped to ask the search box to take the focus (and select its text). */
  focusRequest: number;
  requestFocus(): void;
  setQuery(projectId: string, query: string): void;
  /** Switches Words / Meaning / Both; a query in the box runs again in the new kind. */
  setKind(projectId: string, kind: SearchKind): void;
  run(projectId: string): Promise<void>;
}

/** Nothing searched: no results, no notice. */
const empty = (): Partial<SearchState> => ({ hits: [], passages: [], meaning: null, notice: null, searched: '', status: 'idle', error: null });

/** The search panel's query and results; kept while the panel is hidden so a search survives a tab switch. */
export const createSearchStore = (api: Api) =>
  create<SearchState>()((set, get) => {
    let seq = 0;
    return {
      projectId: null,
      query: '',
      kind: 'words',
      searched: '',
      searchedKind: 'words',
      hits: [],
      passages: [],
      meaning: null,
      notice: null,
      status: 'idle',
      error: null,
      focusRequest: 0,
      requestFocus: () => set((state) => ({ focusRequest: state.focusRequest + 1 })),
      setQuery(projectId, query) {
        if (get().projectId !== projectId) set({ projectId, ...empty() });
        set({ query });
        if (!query.trim()) {
          seq += 1;
          set(empty());
        }
      },
      setKind(projectId, kind) {
        if (get().kind === kind) return;
        set({ kind });
        if (get().projectId === projectId && get().query.trim()) void get().run(projectId);
      },
      async run(projectId) {
        const query = get().query.trim();
        const kind = get().kind;
        if (!query) return;
        const mine = ++seq;
        set({ status: 'searching', error: null });
        try {
          // Search what is on disk, so the words typed a moment ago are found too.
          await useEditorSession.getState().flush();
          if (kind === 'words') {
            const hits = await api.call('search.query', { projectId, query, limit: 100 });
            if (mine === seq) set({ hits, passages: [], meaning: null, notice: null, searched: query, searchedKind: kind, status: 'done' });
          } else {
            const result = await api.call('memory.search', { projectId, query, mode: kind === 'both' ? 'hybrid' : 'meaning', limit: 30 });
            if (mine === seq) set({ hits: [], passages: result.passages, meaning: result.meaning, notice: result.notice, searched: query, searchedKind: kind, status: 'done' });
          }
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error), searched: query, searchedKind: kind, hits: [], passages: [] });
        }
      },
    };
  });
export type SearchStore = ReturnType<typeof createSearchStore>;
