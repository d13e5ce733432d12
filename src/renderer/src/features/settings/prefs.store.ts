import { create } from 'zustand';
import { DEFAULT_PREFS, type Prefs } from '../../../../shared/models/app';
import type { Api } from '../../lib/api';
import { notify } from '../../ui';

interface PrefsState {
  prefs: Prefs;
  loaded: boolean;
  /** Reads the preferences from the core (they live there so every window shares them). */
  load(): Promise<void>;
  /** Applies a change at once, then stores it; reverts and tells the user if storing fails. */
  update(patch: Partial<Prefs>): Promise<void>;
}

/**
 * The user's preferences: theme, session word goal, editor font size. Anyone may read them
 * (`usePrefs((s) => s.prefs.sessionGoal)`).
 */
export const createPrefsStore = (api: Api) => create<PrefsState>()((set, get) => ({
  prefs: DEFAULT_PREFS,
  loaded: false,
  async load() {
    try {
      const prefs = await api.call('prefs.get', {});
      set({ prefs, loaded: true });
    } catch (error) {
      set({ loaded: true });
      notify.error(error, { title: 'Could not read your preferences' });
    }
  },
  async update(patch) {
    const before = get().prefs;
    set({ prefs: { ...before, ...patch } });
    try {
      const prefs = await api.call('prefs.update', patch);
      set({ prefs });
    } catch (error) {
      set({ prefs: before });
      notify.error(error, { title: 'Could not save your preferences' });
    }
  },
}));
export type PrefsStore = ReturnType<typeof createPrefsStore>;
