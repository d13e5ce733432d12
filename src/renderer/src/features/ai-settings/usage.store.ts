import { create } from 'zustand';
import type { UsageArmRow, UsageRow } from '../../../../shared/models/llm';
import type { ProjectSummary } from '../../../../shared/models/project';
import { errorMessage, type Api } from '../../lib/api';

interface UsageState {
  rows: UsageRow[];
  /** Calls routed by A/B experiments, per arm and model. */
  arms: UsageArmRow[];
  projects: ProjectSummary[];
  /** null: every project (and calls made outside one). */
  projectId: string | null;
  days: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  setProject(projectId: string | null): void;
  setDays(days: number): void;
}

/** The usage view: calls, tokens, cost and latency by day, optionally for one project. */
export const createUsageStore = (api: Api) => create<UsageState>()((set, get) => {
  let seq = 0;
  return {
    rows: [],
    arms: [],
    projects: [],
    projectId: null,
    days: 30,
    status: 'idle',
    error: null,
    async load() {
      const mine = ++seq;
      const { projectId, days } = get();
      set({ status: 'loading' });
      try {
        const query = { days, ...(projectId && { projectId }) };
        const [rows, arms, projects] = await Promise.all([
          api.call('usage.summary', query),
          api.call('usage.byArm', query),
          api.call('project.list', { includeArchived: true }),
        ]);
        if (mine === seq) set({ rows, arms, projects, status: 'ready', error: null });
      } catch (error) {
        if (mine === seq) set({ status: 'error', error: errorMessage(error) });
      }
    },
    setProject(projectId) {
      set({ projectId });
      void get().load();
    },
    setDays(days) {
      set({ days });
      void get().load();
    },
  };
});
export type UsageStore = ReturnType<typeof createUsageStore>;
