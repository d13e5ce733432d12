import { create } from 'zustand';
import type { AuditEntry } from '../../../../shared/models/runs';
import { errorMessage, type Api } from '../../lib/api';

/** Entries read per page. */
export const AUDIT_PAGE = 50;

export interface AuditFilters {
  query: string;
  agentId: string;
  action: string;
  status: '' | AuditEntry['status'];
}

export const NO_FILTERS: AuditFilters = { query: '', agentId: '', action: '', status: '' };

interface AuditState {
  projectId: string | null;
  filters: AuditFilters;
  entries: AuditEntry[];
  /** Another page may follow the last one read. */
  hasMore: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  /** Reads the first page for a project with the given filters. */
  load(projectId: string, filters?: AuditFilters): Promise<void>;
  /** Reads the next (older) page. */
  more(): Promise<void>;
  /** The matching entries as a JSON file: name and text (to save as a download). */
  exportJson(): Promise<{ fileName: string; json: string }>;
}

/** The query the filters make (empty ones left out). */
function queryOf(projectId: string, filters: AuditFilters) {
  return {
    projectId,
    ...(filters.query.trim() && { query: filters.query.trim() }),
    ...(filters.agentId && { agentId: filters.agentId }),
    ...(filters.action && { action: filters.action }),
    ...(filters.status && { status: filters.status }),
  };
}

/**
 * The audit log of a project: newest first, a page at a time (`before` the last entry read).
 * The status filter is also applied here, so it holds whatever the core does with it.
 */
export const createAuditStore = (api: Api) =>
  create<AuditState>()((set, get) => {
    let seq = 0;
    const keep = (entries: AuditEntry[], filters: AuditFilters) => (filters.status ? entries.filter((e) => e.status === filters.status) : entries);
    return {
      projectId: null,
      filters: NO_FILTERS,
      entries: [],
      hasMore: false,
      status: 'idle',
      error: null,
      loadingMore: false,
      async load(projectId, filters = get().filters) {
        const mine = ++seq;
        set({ projectId, filters, status: 'loading', error: null, ...(get().projectId !== projectId && { entries: [] }) });
        try {
          const page = await api.call('audit.search', { ...queryOf(projectId, filters), limit: AUDIT_PAGE });
          if (mine === seq) set({ entries: keep(page, filters), hasMore: page.length === AUDIT_PAGE, status: 'ready', loadingMore: false });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async more() {
        const { projectId, filters, entries, hasMore, loadingMore } = get();
        const last = entries[entries.length - 1];
        if (!projectId || !hasMore || loadingMore || !last) return;
        const mine = seq;
        set({ loadingMore: true });
        try {
          const page = await api.call('audit.search', { ...queryOf(projectId, filters), before: last.createdAt, limit: AUDIT_PAGE });
          if (mine !== seq) return;
          const known = new Set(entries.map((e) => e.id));
          set({ entries: [...entries, ...keep(page, filters).filter((e) => !known.has(e.id))], hasMore: page.length === AUDIT_PAGE, loadingMore: false });
        } catch (error) {
          if (mine === seq) set({ loadingMore: false, error: errorMessage(error) });
        }
      },
      async exportJson() {
        const { projectId, filters } = get();
        if (!projectId) throw new Error('No project.');
        return api.call('audit.export', queryOf(projectId, filters));
      },
    };
  });
export type AuditStore = ReturnType<typeof createAuditStore>;
