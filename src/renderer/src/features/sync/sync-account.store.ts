import { create } from 'zustand';
import type { SyncBackup, SyncDevice, SyncPlan, SyncRestore } from '../../../../shared/models/sync';
import type { Api } from '../../lib/api';
import { describeSyncError, type SyncProblemView } from './sync-errors';
import type { SyncOutcome } from './sync.store';

/** A list read from the account: null until read; `error` when the last read failed. */
interface Listed<T> {
  items: T | null;
  error: SyncProblemView | null;
}

export type PaidTier = 'pro' | 'power' | 'team';

interface SyncAccountState {
  devices: Listed<SyncDevice[]>;
  backups: Listed<SyncBackup[]>;
  plan: Listed<SyncPlan>;
  /** The backup and the restore started from this window, followed through the jobs store. */
  backupJobId: string | null;
  restoreJobId: string | null;
  /** Where that restore goes (what to say when it is done). */
  restoreTarget: SyncRestore | null;
  loadDevices(): Promise<void>;
  revokeDevice(id: string): Promise<SyncOutcome>;
  loadBackups(): Promise<void>;
  backUpNow(): Promise<SyncOutcome>;
  restore(input: SyncRestore): Promise<SyncOutcome>;
  loadPlan(): Promise<void>;
  /** Opens a checkout for a paid plan: the address to open in the browser, or what went wrong. */
  checkout(tier: PaidTier): Promise<{ url: string } | { problem: SyncProblemView }>;
}

const empty = { items: null, error: null };

/** The sync account's devices, backups and plan, for the sync panel's sections. */
export const createSyncAccountStore = (api: Api) =>
  create<SyncAccountState>()((set, get) => {
    const attempt = async (call: () => Promise<unknown>): Promise<SyncOutcome> => {
      try {
        await call();
        return null;
      } catch (error) {
        return describeSyncError(error);
      }
    };

    return {
      devices: empty,
      backups: empty,
      plan: empty,
      backupJobId: null,
      restoreJobId: null,
      restoreTarget: null,
      async loadDevices() {
        try {
          set({ devices: { items: await api.call('sync.devices.list', {}), error: null } });
        } catch (error) {
          set((s) => ({ devices: { items: s.devices.items, error: describeSyncError(error) } }));
        }
      },
      async revokeDevice(id) {
        const outcome = await attempt(() => api.call('sync.devices.revoke', { id }));
        if (!outcome) set((s) => ({ devices: { items: s.devices.items?.filter((d) => d.id !== id) ?? null, error: null } }));
        return outcome;
      },
      async loadBackups() {
        try {
          set({ backups: { items: await api.call('sync.backups.list', {}), error: null } });
        } catch (error) {
          set((s) => ({ backups: { items: s.backups.items, error: describeSyncError(error) } }));
        }
      },
      backUpNow: () =>
        attempt(async () => {
          const { jobId } = await api.call('sync.backups.create', {});
          set({ backupJobId: jobId });
        }),
      restore: (input) =>
        attempt(async () => {
          const { jobId } = await api.call('sync.backups.restore', input);
          set({ restoreJobId: jobId, restoreTarget: input });
        }),
      async loadPlan() {
        try {
          set({ plan: { items: await api.call('sync.plan.get', {}), error: null } });
        } catch (error) {
          set({ plan: { items: get().plan.items, error: describeSyncError(error) } });
        }
      },
      async checkout(tier) {
        try {
          return await api.call('sync.plan.checkout', { tier });
        } catch (error) {
          return { problem: describeSyncError(error) };
        }
      },
    };
  });
export type SyncAccountStore = ReturnType<typeof createSyncAccountStore>;
