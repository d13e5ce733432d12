import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import type { RecoveryKeyCeremony, SyncStatus } from '../../../shared/models/sync';
import { useSyncPanel, type SyncSection } from '../features/sync/sync-panel.store';
import { SyncPanel } from '../features/sync/SyncPanel';
import type { FakeApi } from './fake-api';
import { renderWithServices } from './render-with-services';

/** The account the sync tests sign in with. */
export const TEST_ACCOUNT = { serverUrl: 'https://sync.example.com', email: 'ada@example.com', deviceId: 'dev-1', deviceName: 'Mac' };

/** A passphrase zxcvbn rates Strong (the setup and change forms require it). */
export const STRONG_PASSPHRASE = 'lantern meadow quartz bicycle ferrous';

/** A recovery key ceremony: eight groups, the writer types back the 3rd and the 7th. */
export const TEST_CEREMONY: RecoveryKeyCeremony = { groups: ['K7QF', 'M2XA', 'P9LD', 'W4RT', 'B8NC', 'H3VE', 'Z6JU', 'T5GY'], challenge: [2, 6] };

/** A sync status with every field set (synced, signed in); tests override what they look at. */
export function testSyncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return { phase: 'synced', account: TEST_ACCOUNT, keysOnServer: true, pendingChanges: 0, lastSyncedAt: null, progress: null, problem: null, ...patch };
}

/** Renders the Backup & sync panel open on `section` over `api`, connected. */
export function openSyncPanel(api: FakeApi, section: SyncSection = 'overview'): FakeApi {
  useSyncPanel.setState({ open: true, section });
  renderWithServices(<SyncPanel />, api);
  act(() => api.setStatus('open'));
  return api;
}

/** For `afterEach`: unmounts and closes the panel (its store outlives a render). */
export function closeSyncPanel(): void {
  cleanup();
  useSyncPanel.setState({ open: false, section: 'overview' });
}

/** Types `value` into the field with `testId`. */
export const typeInto = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
