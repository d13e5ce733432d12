import { create } from 'zustand';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { RecoveryKeyCeremony, SyncCredentials, SyncStatus } from '../../../../shared/models/sync';
import type { Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';
import { notify } from '../../ui';
import { describeSyncError, type SyncProblemView } from './sync-errors';

/** An action's answer for the form that started it: null when it worked, else what went wrong. */
export type SyncOutcome = SyncProblemView | null;

interface SyncState {
  /** Where sync stands, as the core last said (`sync.status`, then every `sync.changed`). */
  status: SyncStatus | null;
  /** Why the status could not be read, if it could not. */
  loadError: SyncProblemView | null;
  /**
   * The recovery key between `sync.keys.create` and a confirmed answer. Memory only: it is shown
   * once, and the core keeps nothing until the writer has typed the challenged groups back.
   */
  ceremony: RecoveryKeyCeremony | null;
  load(): Promise<void>;
  /** Follows `sync.changed` (and re-reads after a reconnect) while someone shows the status. */
  retain(): () => void;
  signUp(credentials: SyncCredentials): Promise<SyncOutcome>;
  signIn(credentials: SyncCredentials): Promise<SyncOutcome>;
  signOut(): Promise<SyncOutcome>;
  /** Makes the keys from a passphrase and holds the recovery key for the ceremony. */
  createKeys(passphrase: string): Promise<SyncOutcome>;
  /** Sends the typed-back groups; on success the keys are kept and the ceremony is over. */
  confirmKeys(answers: string[]): Promise<SyncOutcome>;
  /** Forgets a ceremony not yet confirmed (the core kept nothing); setup starts again. */
  discardCeremony(): void;
  unlock(input: MethodInput<'sync.keys.unlock'>): Promise<SyncOutcome>;
  changePassphrase(current: string, next: string): Promise<SyncOutcome>;
  recover(recoveryKey: string, next: string): Promise<SyncOutcome>;
  syncNow(): Promise<SyncOutcome>;
}

/**
 * Backup and sync as the status bar and the sync panel show it. The core pushes the whole status
 * on `sync.changed` (it is small), so the newest one simply replaces what is held.
 */
export const createSyncStore = (api: Api) =>
  create<SyncState>()((set, get) => {
    const sync = createSharedSubscription(() => {
      const offChanged = api.on('sync.changed', (status) => set({ status, loadError: null }));
      // Fires at once when already connected, and after each reconnect (events were missed meanwhile).
      const offStatus = api.onStatus((connection) => {
        if (connection === 'open') void get().load();
      });
      return () => {
        offChanged();
        offStatus();
      };
    });

    /** Runs a call that answers a status; keeps it, or returns the problem for the form. */
    const withStatus = async (call: () => Promise<SyncStatus>): Promise<SyncOutcome> => {
      try {
        set({ status: await call(), loadError: null });
        return null;
      } catch (error) {
        return describeSyncError(error);
      }
    };

    /**
     * A key setup's problem, for its form. CONFLICT means the account's keys changed under the
     * setup (another device set them up, or the core lost the pending ceremony): the setup is
     * over, so a toast says why and the panel shows what the re-read status now asks for.
     */
    const keysProblem = (error: unknown): SyncOutcome => {
      const problem = describeSyncError(error);
      if (problem.code !== 'CONFLICT') return problem;
      set({ ceremony: null });
      notify.error(error, { title: 'Key setup not finished' });
      void get().load();
      return problem;
    };

    return {
      status: null,
      loadError: null,
      ceremony: null,
      async load() {
        try {
          set({ status: await api.call('sync.status', {}), loadError: null });
        } catch (error) {
          set({ loadError: describeSyncError(error) });
        }
      },
      retain: () => sync.retain(),
      signUp: (credentials) => withStatus(() => api.call('sync.account.signUp', credentials)),
      signIn: (credentials) => withStatus(() => api.call('sync.account.signIn', credentials)),
      async signOut() {
        set({ ceremony: null });
        return withStatus(() => api.call('sync.account.signOut', {}));
      },
      async createKeys(passphrase) {
        try {
          set({ ceremony: await api.call('sync.keys.create', { passphrase }) });
          return null;
        } catch (error) {
          return keysProblem(error);
        }
      },
      async confirmKeys(answers) {
        try {
          set({ status: await api.call('sync.keys.confirm', { answers }), loadError: null, ceremony: null });
          return null;
        } catch (error) {
          return keysProblem(error);
        }
      },
      discardCeremony: () => set({ ceremony: null }),
      unlock: (input) => withStatus(() => api.call('sync.keys.unlock', input)),
      async changePassphrase(current, next) {
        try {
          await api.call('sync.keys.changePassphrase', { current, next });
          return null;
        } catch (error) {
          return describeSyncError(error);
        }
      },
      recover: (recoveryKey, next) => withStatus(() => api.call('sync.keys.recover', { recoveryKey, next })),
      syncNow: () => withStatus(() => api.call('sync.now', {})),
    };
  });
export type SyncStore = ReturnType<typeof createSyncStore>;
