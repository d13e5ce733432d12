// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/models/sync';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { testSyncStatus } from '../../testing/sync-fixture';
import { useSyncPanel } from './sync-panel.store';
import { SyncStatusIndicator } from './SyncStatusIndicator';

const status = testSyncStatus;

afterEach(() => {
  cleanup();
  useSyncPanel.setState({ open: false, section: 'overview' });
});

function setUp(first: SyncStatus) {
  const api = createFakeApi({ 'sync.status': first });
  renderWithServices(<SyncStatusIndicator />, api);
  act(() => api.setStatus('open'));
  return api;
}

const label = () => screen.getByTestId('sync-status').textContent;
const detail = () => screen.getByRole('tooltip', { hidden: true }).textContent ?? '';

describe('sync in the status bar', () => {
  it('off: a quiet “Set up backup & sync” that opens the panel', async () => {
    setUp(status({ phase: 'off', account: null, keysOnServer: null }));
    const button = await screen.findByRole('button', { name: 'Set up backup & sync' });
    expect(button.dataset['tone']).toBe('quiet');
    fireEvent.click(button);
    expect(useSyncPanel.getState().open).toBe(true);
  });

  it('follows sync.changed live: syncing with progress, backing up and restoring, synced with the last time, offline with what waits', async () => {
    const api = setUp(status({ phase: 'synced', lastSyncedAt: Date.now() - 5 * 60_000 }));
    await expect.poll(label).toBe('Synced 5 minutes ago');

    act(() => api.emit('sync.changed', status({ phase: 'syncing', progress: { stage: 'push', done: 40, total: 100, unit: 'records' } })));
    expect(label()).toBe('Syncing 40%');
    expect(detail()).toContain('Sending 40 of 100 changes.');

    act(() => api.emit('sync.changed', status({ phase: 'syncing', progress: { stage: 'backup', done: 1_500_000, total: null, unit: 'bytes' } })));
    expect(label()).toBe('Backing up…');
    expect(detail()).toContain('Backing up… 1.5 MB');

    act(() => api.emit('sync.changed', status({ phase: 'syncing', progress: { stage: 'backup', done: 3_000_000, total: 12_000_000, unit: 'bytes' } })));
    expect(label()).toBe('Backing up 25%');
    expect(detail()).toContain('Backing up 3.0 MB of 12.0 MB.');

    act(() => api.emit('sync.changed', status({ phase: 'syncing', progress: { stage: 'restore', done: 9_000_000, total: 12_000_000, unit: 'bytes' } })));
    expect(label()).toBe('Restoring 75%');

    act(() => api.emit('sync.changed', status({ phase: 'offline', pendingChanges: 3, problem: { code: ErrorCode.SYNC_OFFLINE, message: 'fetch failed', retryable: true } })));
    expect(label()).toBe('Offline · 3 waiting');
    expect(detail()).toContain('Your changes are kept on this device');
    expect(detail()).toContain('3 changes wait on this device.');
    expect(detail()).not.toContain('fetch failed');
  });

  it('error: names the problem and what to do (locked keys, full storage, a tampering server, an unknown code in its own words)', async () => {
    const api = setUp(status({ phase: 'error', problem: { code: 'KEYS_LOCKED', message: 'locked', retryable: false } }));
    await expect.poll(label).toBe('Sync: keys locked');
    expect(screen.getByTestId('sync-status').dataset['tone']).toBe('danger');
    expect(detail()).toContain('Unlock them with your passphrase');

    act(() => api.emit('sync.changed', status({ phase: 'error', pendingChanges: 12, problem: { code: ErrorCode.SYNC_SERVER_TAMPERED, message: 'x', retryable: false } })));
    expect(label()).toBe('Sync: server data refused');
    expect(detail()).toContain('Nothing from it was applied');
    expect(detail()).toContain('12 changes wait on this device.');

    act(() => api.emit('sync.changed', status({ phase: 'error', problem: { code: 'INTERNAL', message: 'The sync database is busy; it is retried in a minute.', retryable: true } })));
    expect(label()).toBe('Sync problem');
    expect(detail()).toContain('The sync database is busy; it is retried in a minute.');
  });

  it('needs keys: says whether to unlock or to finish setting up', async () => {
    const api = setUp(status({ phase: 'needs-keys', keysOnServer: true }));
    await expect.poll(label).toBe('Sync: unlock');
    act(() => api.emit('sync.changed', status({ phase: 'needs-keys', keysOnServer: false })));
    expect(label()).toBe('Finish sync setup');
  });

  it('re-reads the status after a reconnect, and says so when it cannot be read', async () => {
    const api = setUp(status({ phase: 'synced' }));
    await expect.poll(label).toBe('Synced');
    api.answer('sync.status', () => {
      throw new ApiError('DISCONNECTED', 'gone', true);
    });
    act(() => api.setStatus('closed'));
    act(() => api.setStatus('open'));
    await expect.poll(() => api.inputsOf('sync.status').length).toBe(2);
    // A status already shown stays (the problem is the connection, which the app's banner reports).
    expect(label()).toBe('Synced');
  });
});
