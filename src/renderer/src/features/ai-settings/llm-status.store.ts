import { useEffect } from 'react';
import { create } from 'zustand';
import type { LlmStatus } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';

/** How often the status is re-checked while the window is visible. */
const REFRESH_MS = 60_000;

interface LlmStatusState {
  status: LlmStatus | null;
  /** Why the last check failed (the core's sentence), if it did. */
  error: string | null;
  checking: boolean;
  checkedAt: number | null;
  /** Asks the core which providers and models are available now. */
  load(): Promise<void>;
  /** Points the core at another Ollama address; rejects with the core's error (shown inline by the caller). */
  setOllamaUrl(baseUrl: string): Promise<LlmStatus>;
  /** Saves which installed tag of an Ollama family the routes use (null: automatic); rejects with the core's error. */
  setOllamaTag(family: string, tag: string | null): Promise<LlmStatus>;
  /**
   * Keeps the status current while someone shows it: the first holder subscribes (llm.changed,
   * reconnects, a 60 s timer while visible), the last one to release unsubscribes.
   */
  retain(): () => void;
}

/** Which providers are reachable, their models, and which task classes can run. */
export const createLlmStatusStore = (api: Api) => create<LlmStatusState>()((set, get) => {
  let seq = 0;

  const startSync = (): (() => void) => {
    const refresh = () => void get().load();
    const stale = () => Date.now() - (get().checkedAt ?? 0) >= REFRESH_MS;
    const onVisible = () => {
      if (document.visibilityState === 'visible' && stale()) refresh();
    };
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, REFRESH_MS);
    document.addEventListener('visibilitychange', onVisible);
    const offChanged = api.on('llm.changed', refresh);
    // Fires at once when already connected, and again after each reconnect (events were missed).
    const offStatus = api.onStatus((status) => {
      if (status === 'open') refresh();
    });
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      offChanged();
      offStatus();
    };
  };
  const sync = createSharedSubscription(startSync);

  /** A change that answers with the new status; a later check or change wins over this one. */
  const change = async (call: () => Promise<LlmStatus>): Promise<LlmStatus> => {
    const mine = ++seq;
    set({ checking: true });
    try {
      const status = await call();
      if (mine === seq) set({ status, error: null, checking: false, checkedAt: Date.now() });
      return status;
    } catch (error) {
      if (mine === seq) set({ checking: false });
      throw error;
    }
  };

  return {
    status: null,
    error: null,
    checking: false,
    checkedAt: null,
    async load() {
      const mine = ++seq;
      set({ checking: true });
      try {
        const status = await api.call('llm.status', {});
        if (mine === seq) set({ status, error: null, checking: false, checkedAt: Date.now() });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error), checking: false, checkedAt: Date.now() });
      }
    },
    async setOllamaUrl(baseUrl) {
      return change(() => api.call('llm.setOllamaUrl', { baseUrl }));
    },
    async setOllamaTag(family, tag) {
      return change(() => api.call('llm.setOllamaTag', { family, tag }));
    },
    retain: () => sync.retain(),
  };
});
export type LlmStatusStore = ReturnType<typeof createLlmStatusStore>;

/** Keeps llm.status fresh while the calling component is mounted. */
export function useLlmStatusSync(): void {
  const { useLlmStatus } = useStores();
  useEffect(() => useLlmStatus.getState().retain(), [useLlmStatus]);
}
