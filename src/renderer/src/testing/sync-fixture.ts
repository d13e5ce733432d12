import type { SyncStatus } from '../../../shared/models/sync';

/** The account the sync tests sign in with. */
export const TEST_ACCOUNT = { serverUrl: 'https://sync.example.com', email: 'ada@example.com', deviceId: 'dev-1', deviceName: 'Mac' };

/** A sync status with every field set (synced, signed in); tests override what they look at. */
export function testSyncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return { phase: 'synced', account: TEST_ACCOUNT, keysOnServer: true, pendingChanges: 0, lastSyncedAt: null, progress: null, problem: null, ...patch };
}
