import { create } from 'zustand';
import type { ModelsConfig, TaskClass } from '../../../../shared/models/llm';
import { errorMessage, type Api } from '../../lib/api';
import { notify } from '../../ui';
import type { RouteTestResult } from './ai-format';
import { configIssues, sameConfig } from './route-edit';

export interface RouteTestState {
  running: boolean;
  result?: RouteTestResult;
  /** The call itself failed (not the route): the core's sentence. */
  error?: string;
}

interface RoutesState {
  /** The models file as the core has it. */
  saved: ModelsConfig | null;
  /** What the user is editing; equal to `saved` until they change something. */
  draft: ModelsConfig | null;
  loadError: string | null;
  saving: boolean;
  /** The core's answer when it refused to save (validation it does beyond the schema). */
  saveError: string | null;
  /** Set after a Save was attempted with problems, so fields show their errors from then on. */
  showIssues: boolean;
  tests: Partial<Record<TaskClass, RouteTestState>>;
  load(): Promise<void>;
  /** Applies a change to the draft. */
  edit(change: (config: ModelsConfig) => ModelsConfig): void;
  discard(): void;
  save(): Promise<boolean>;
  reset(): Promise<void>;
  test(taskClass: TaskClass): Promise<void>;
}

/** The routes editor: the saved models file, a draft, and the results of route tests. */
export const createRoutesStore = (api: Api) => create<RoutesState>()((set, get) => ({
  saved: null,
  draft: null,
  loadError: null,
  saving: false,
  saveError: null,
  showIssues: false,
  tests: {},
  async load() {
    try {
      const config = await api.call('routes.get', {});
      // Someone else changing the routes must not wipe what the user is typing.
      const { draft, saved } = get();
      const keepDraft = draft !== null && !sameConfig(draft, saved);
      set({ saved: config, draft: keepDraft ? { ...draft, ollama: config.ollama } : config, loadError: null });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  edit(change) {
    const { draft } = get();
    if (draft) set({ draft: change(draft), saveError: null });
  },
  discard() {
    set({ draft: get().saved, saveError: null, showIssues: false });
  },
  async save() {
    const { draft } = get();
    if (!draft) return false;
    if (configIssues(draft).length > 0) {
      set({ showIssues: true });
      return false;
    }
    set({ saving: true, saveError: null });
    try {
      // The Ollama address lives in the same file but is edited on the Models tab: take the
      // current one, so saving routes never puts back an address changed since the draft began.
      const current = await api.call('routes.get', {});
      const config = await api.call('routes.update', { config: { ...draft, ollama: current.ollama } });
      set({ saved: config, draft: config, saving: false, showIssues: false });
      notify.success('Routes saved.');
      return true;
    } catch (error) {
      set({ saving: false, saveError: errorMessage(error) });
      return false;
    }
  },
  async reset() {
    set({ saving: true, saveError: null });
    try {
      // The core keeps the Ollama address and tag picks: they are settings of this machine.
      const config = await api.call('routes.reset', {});
      set({ saved: config, draft: config, saving: false, showIssues: false, tests: {} });
      notify.success('Routes are back to the defaults.');
    } catch (error) {
      set({ saving: false });
      notify.error(error, { title: 'Could not reset the routes' });
    }
  },
  async test(taskClass) {
    set((s) => ({ tests: { ...s.tests, [taskClass]: { running: true } } }));
    let next: RouteTestState;
    try {
      next = { running: false, result: await api.call('routes.test', { taskClass }) };
    } catch (error) {
      next = { running: false, error: errorMessage(error) };
    }
    set((s) => ({ tests: { ...s.tests, [taskClass]: next } }));
  },
}));
export type RoutesStore = ReturnType<typeof createRoutesStore>;
