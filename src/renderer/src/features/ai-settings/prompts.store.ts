import { create } from 'zustand';
import type { PromptAuditEntry, PromptSummary, PromptVersion } from '../../../../shared/models/prompts';
import { errorMessage, type Api } from '../../lib/api';
import { notify } from '../../ui';

export type PromptPane = 'view' | 'edit' | 'history';

interface PromptsState {
  list: PromptSummary[];
  listError: string | null;
  loaded: boolean;
  selectedId: string | null;
  pane: PromptPane;
  /** The active version of the selected prompt. */
  active: PromptVersion | null;
  versions: PromptVersion[];
  audit: PromptAuditEntry[];
  detailError: string | null;
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
  setPane(pane: PromptPane): void;
  /** Saves an edit as a new version; resolves with the core's message when it refuses. */
  edit(input: { system: string; user: string; summary: string }): Promise<string | null>;
  /** Pins a version (null unpins). */
  pin(version: number | null): Promise<void>;
  revert(version: number): Promise<void>;
  /** Uses the newest shipped version instead of the writer's edit. */
  adoptUpdate(version: number): Promise<void>;
  /** Keeps the version in use and stops offering this shipped version. */
  dismissUpdate(version: number): Promise<void>;
}

/** The prompt registry browser: the list, the selected prompt, its versions and audit trail. */
export const createPromptsStore = (api: Api) => create<PromptsState>()((set, get) => {
  let seq = 0;
  const refreshSelected = async () => {
    const id = get().selectedId;
    if (!id) return;
    const mine = ++seq;
    try {
      const [active, history, list] = await Promise.all([api.call('prompts.get', { id }), api.call('prompts.history', { id }), api.call('prompts.list', {})]);
      if (mine === seq) set({ active, versions: history.versions, audit: history.audit, list, detailError: null });
    } catch (error) {
      if (mine === seq) set({ detailError: errorMessage(error) });
    }
  };

  return {
    list: [],
    listError: null,
    loaded: false,
    selectedId: null,
    pane: 'view',
    active: null,
    versions: [],
    audit: [],
    detailError: null,
    async load() {
      try {
        const list = await api.call('prompts.list', {});
        set({ list, loaded: true, listError: null });
        const { selectedId } = get();
        if (!selectedId || !list.some((p) => p.id === selectedId)) await get().select(list[0]?.id ?? null);
      } catch (error) {
        set({ loaded: true, listError: errorMessage(error) });
      }
    },
    async select(id) {
      set({ selectedId: id, pane: 'view', active: null, versions: [], audit: [], detailError: null });
      await refreshSelected();
    },
    setPane: (pane) => set({ pane }),
    async edit(input) {
      const id = get().selectedId;
      if (!id) return null;
      try {
        const version = await api.call('prompts.edit', { id, ...input });
        notify.success(`Saved as version ${version.version}.`);
        set({ pane: 'view' });
        await refreshSelected();
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async pin(version) {
      const id = get().selectedId;
      if (!id) return;
      try {
        await api.call('prompts.pin', { id, version });
        notify.success(version === null ? 'Unpinned: the latest version is in use.' : `Version ${version} is pinned.`);
        await refreshSelected();
      } catch (error) {
        notify.error(error, { title: version === null ? 'Could not unpin' : 'Could not pin this version' });
      }
    },
    async revert(version) {
      const id = get().selectedId;
      if (!id) return;
      try {
        const created = await api.call('prompts.revert', { id, version });
        notify.success(`Version ${version} is back, as version ${created.version}.`);
        await refreshSelected();
      } catch (error) {
        notify.error(error, { title: 'Could not revert' });
      }
    },
    async adoptUpdate(version) {
      const id = get().selectedId;
      if (!id) return;
      try {
        await api.call('prompts.adoptUpdate', { id, version });
        notify.success(`The shipped version ${version} is in use. Your edit stays in the history.`);
        await refreshSelected();
      } catch (error) {
        notify.error(error, { title: 'Could not switch to the new version' });
      }
    },
    async dismissUpdate(version) {
      const id = get().selectedId;
      if (!id) return;
      try {
        await api.call('prompts.dismissUpdate', { id, version });
        notify.success('Your version stays in use.');
        await refreshSelected();
      } catch (error) {
        notify.error(error, { title: 'Could not keep your version' });
      }
    },
  };
});
export type PromptsStore = ReturnType<typeof createPromptsStore>;
