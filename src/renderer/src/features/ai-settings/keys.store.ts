import { create } from 'zustand';
import type { CloudProvider, KeyStatus } from '../../../../shared/models/llm';
import { errorMessage, type Api } from '../../lib/api';
import { describeKeyCheck, type Tone } from './ai-format';

export interface KeyNote {
  tone: Tone;
  text: string;
  /** Set when this note is a check that passed (the onboarding then looks for a route to use it). */
  works?: boolean;
}

type KeyBusy = 'saving' | 'testing' | 'removing';

interface KeysState {
  keys: KeyStatus[];
  loaded: boolean;
  loadError: string | null;
  /** The last thing to say about each provider's key ("Key works.", "Key rejected: …"). */
  notes: Partial<Record<CloudProvider, KeyNote>>;
  busy: Partial<Record<CloudProvider, KeyBusy>>;
  load(): Promise<void>;
  /** Stores and checks a key. Resolves true when it was stored (even if the provider rejected it). */
  save(provider: CloudProvider, key: string): Promise<boolean>;
  test(provider: CloudProvider): Promise<void>;
  remove(provider: CloudProvider): Promise<void>;
  clearNote(provider: CloudProvider): void;
}

/** Stored cloud keys as the UI may see them: masked, never the key itself. */
export const createKeysStore = (api: Api) => create<KeysState>()((set, get) => {
  const setBusy = (provider: CloudProvider, busy: KeyBusy | undefined) => set((s) => ({ busy: { ...s.busy, [provider]: busy } }));
  const setNote = (provider: CloudProvider, note: KeyNote | undefined) => set((s) => ({ notes: { ...s.notes, [provider]: note } }));
  const upsert = (status: KeyStatus) =>
    set((s) => ({ keys: s.keys.some((k) => k.provider === status.provider) ? s.keys.map((k) => (k.provider === status.provider ? status : k)) : [...s.keys, status] }));

  return {
    keys: [],
    loaded: false,
    loadError: null,
    notes: {},
    busy: {},
    async load() {
      try {
        set({ keys: await api.call('keys.list', {}), loaded: true, loadError: null });
      } catch (error) {
        set({ loaded: true, loadError: errorMessage(error) });
      }
    },
    async save(provider, key) {
      setBusy(provider, 'saving');
      setNote(provider, undefined);
      try {
        const { status, check } = await api.call('keys.set', { provider, key });
        upsert(status);
        setNote(provider, { ...describeKeyCheck(check), works: check.valid });
        return true;
      } catch (error) {
        setNote(provider, { tone: 'danger', text: errorMessage(error) });
        return false;
      } finally {
        setBusy(provider, undefined);
      }
    },
    async test(provider) {
      setBusy(provider, 'testing');
      try {
        const check = await api.call('keys.test', { provider });
        setNote(provider, { ...describeKeyCheck(check), works: check.valid });
      } catch (error) {
        setNote(provider, { tone: 'danger', text: errorMessage(error) });
      } finally {
        setBusy(provider, undefined);
      }
    },
    async remove(provider) {
      setBusy(provider, 'removing');
      try {
        await api.call('keys.delete', { provider });
        upsert({ provider, configured: false, masked: null });
        setNote(provider, { tone: 'success', text: 'Key removed.' });
      } catch (error) {
        setNote(provider, { tone: 'danger', text: errorMessage(error) });
      } finally {
        setBusy(provider, undefined);
      }
    },
    clearNote: (provider) => {
      if (get().notes[provider]) setNote(provider, undefined);
    },
  };
});
export type KeysStore = ReturnType<typeof createKeysStore>;
