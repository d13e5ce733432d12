import { create } from 'zustand';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { Playbook } from '../../../../shared/models/plans';
import { errorMessage, type Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';

interface PlaybooksState {
  /** Shipped playbooks, then the writer's copies. */
  playbooks: Playbook[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  load(): Promise<void>;
  duplicate(id: string): Promise<Playbook>;
  /** Saves a copy's edit; rejects with the core's sentence when the plan does not hold. */
  update(input: MethodInput<'playbooks.update'>): Promise<Playbook>;
  remove(id: string): Promise<void>;
  /** Follows `playbooks.changed` (and reconnects) while someone shows the list. */
  retain(): () => void;
}

const upsert = (playbooks: readonly Playbook[], playbook: Playbook) =>
  playbooks.some((p) => p.id === playbook.id) ? playbooks.map((p) => (p.id === playbook.id ? playbook : p)) : [...playbooks, playbook];

/** The playbooks: shipped plans and the writer's editable copies. */
export const createPlaybooksStore = (api: Api) =>
  create<PlaybooksState>()((set, get) => {
    let seq = 0;
    const sync = createSharedSubscription(() => {
      const offChanged = api.on('playbooks.changed', () => void get().load());
      const offStatus = api.onStatus((status) => {
        if (status === 'open') void get().load();
      });
      return () => {
        offChanged();
        offStatus();
      };
    });
    return {
      playbooks: [],
      status: 'idle',
      error: null,
      async load() {
        const mine = ++seq;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const playbooks = await api.call('playbooks.list', {});
          if (mine === seq) set({ playbooks, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async duplicate(id) {
        const copy = await api.call('playbooks.duplicate', { id });
        seq += 1;
        set((state) => ({ playbooks: upsert(state.playbooks, copy) }));
        return copy;
      },
      async update(input) {
        const saved = await api.call('playbooks.update', input);
        seq += 1;
        set((state) => ({ playbooks: upsert(state.playbooks, saved) }));
        return saved;
      },
      async remove(id) {
        await api.call('playbooks.delete', { id });
        seq += 1;
        set((state) => ({ playbooks: state.playbooks.filter((p) => p.id !== id) }));
      },
      retain: () => sync.retain(),
    };
  });
export type PlaybooksStore = ReturnType<typeof createPlaybooksStore>;
