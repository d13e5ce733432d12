// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncBackup, SyncDevice } from '../../../../shared/models/sync';
import { ApiError } from '../../lib/api';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { testJob } from '../../testing/job-fixture';
import { closeSyncPanel, openSyncPanel, testSyncStatus } from '../../testing/sync-fixture';
import { type SyncSection } from './sync-panel.store';

const JOB = '00000000-0000-4000-8000-0000000000b1';
const DEVICES: SyncDevice[] = [
  { id: 'dev-1', name: 'Mac', createdAt: 1_700_000_000_000, lastSeenAt: Date.now(), current: true },
  { id: 'dev-2', name: 'Old laptop', createdAt: 1_690_000_000_000, lastSeenAt: null, current: false },
];
const BACKUP: SyncBackup = { id: 'b-1', kind: 'full', parentId: null, createdAt: 1_700_000_000_000, bytes: 2_400_000, deviceName: 'Mac', projects: 2, words: 81_250 };

afterEach(() => {
  closeSyncPanel();
  vi.restoreAllMocks();
});

function open(on: SyncSection, api: FakeApi): FakeApi {
  api.answer('sync.status', testSyncStatus());
  api.answer('jobs.list', []);
  return openSyncPanel(api, on);
}

describe('devices', () => {
  it('marks this device; signing out another asks first, then removes it', async () => {
    const api = open('devices', createFakeApi({ 'sync.devices.list': DEVICES, 'sync.devices.revoke': { ok: true } }));
    const list = await screen.findByRole('list', { name: 'Devices' });
    const mine = within(list).getByRole('listitem', { name: 'Mac (this device)' });
    expect(within(mine).queryByRole('button')).toBeNull();
    const other = within(list).getByRole('listitem', { name: 'Old laptop' });

    fireEvent.click(within(other).getByRole('button', { name: 'Sign out Old laptop' }));
    expect(screen.getByRole('dialog', { name: 'Sign out “Old laptop”?' }).textContent).toContain('stops syncing now');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(api.inputsOf('sync.devices.revoke')).toEqual([]);

    fireEvent.click(within(other).getByRole('button', { name: 'Sign out Old laptop' }));
    fireEvent.click(screen.getByTestId('confirm-accept'));
    await expect.poll(() => screen.getAllByTestId('sync-device').length).toBe(1);
    expect(api.inputsOf('sync.devices.revoke')).toEqual([{ id: 'dev-2' }]);
  });

  it('a refused revoke says why and keeps the device listed', async () => {
    const api = open('devices', createFakeApi({ 'sync.devices.list': DEVICES }));
    api.answer('sync.devices.revoke', () => {
      throw new ApiError('PROVIDER_UNREACHABLE', 'fetch failed', true);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out Old laptop' }));
    fireEvent.click(screen.getByTestId('confirm-accept'));
    expect((await screen.findByTestId('sync-revoke-problem')).textContent).toContain('The sync server cannot be reached.');
    expect(screen.getAllByTestId('sync-device')).toHaveLength(2);
  });
});

describe('backups', () => {
  it('Back up now starts a job and follows its progress to the end, then re-reads the list', async () => {
    const api = open('backups', createFakeApi({ 'sync.backups.list': [], 'sync.backups.create': { jobId: JOB } }));
    expect(await screen.findByTestId('sync-backups-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('sync-backup-now'));
    await screen.findByText('Backup: starting…');
    expect(api.inputsOf('sync.backups.create')).toEqual([{}]);

    act(() => api.emit('job.changed', testJob({ id: JOB, kind: 'sync.backup', title: 'Back up', progress: { done: 1_000_000, total: 4_000_000 }, seq: 2 })));
    const bar = screen.getByRole('progressbar', { name: 'Backup progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1000000');
    expect(screen.getByText('1.0 MB of 4.0 MB')).toBeTruthy();

    api.answer('sync.backups.list', [BACKUP]);
    act(() => api.emit('job.changed', testJob({ id: JOB, kind: 'sync.backup', title: 'Back up', status: 'succeeded', progress: { done: 4_000_000, total: 4_000_000 }, seq: 3 })));
    expect(screen.getByTestId('sync-job-done').textContent).toBe('Backup finished.');
    await expect.poll(() => screen.queryAllByTestId('sync-backup').length).toBe(1);
    expect(screen.getByTestId('sync-backup').textContent).toContain('2 projects, 81,250 words');
  });

  it('Restore offers in place (with the snapshot taken first) or a new folder, and follows the restore job', async () => {
    const api = open('backups', createFakeApi({ 'sync.backups.list': [BACKUP], 'sync.backups.restore': { jobId: JOB } }));
    fireEvent.click(await screen.findByTestId('sync-backup-restore'));
    const dialog = screen.getByRole('dialog', { name: 'Restore this backup?' });
    expect((within(dialog).getByTestId('sync-restore-in-place') as HTMLInputElement).checked).toBe(true);
    expect(dialog.textContent).toContain('first takes a snapshot of everything in this data folder');
    expect(dialog.textContent).toContain('restart once the restore is ready');

    fireEvent.click(within(dialog).getByTestId('sync-restore-new-folder'));
    fireEvent.change(within(dialog).getByTestId('sync-restore-folder'), { target: { value: 'Restored novel' } });
    fireEvent.click(within(dialog).getByTestId('sync-restore-start'));
    expect(within(dialog).getByText(/Type the full path of an empty or new folder/)).toBeTruthy();
    expect(api.inputsOf('sync.backups.restore')).toEqual([]);

    fireEvent.change(within(dialog).getByTestId('sync-restore-folder'), { target: { value: '/home/ada/Restored novel' } });
    fireEvent.click(within(dialog).getByTestId('sync-restore-start'));
    await expect.poll(() => screen.queryByRole('dialog', { name: 'Restore this backup?' })).toBeNull();
    expect(api.inputsOf('sync.backups.restore')).toEqual([{ backupId: 'b-1', target: 'new-folder', folder: '/home/ada/Restored novel' }]);

    act(() => api.emit('job.changed', testJob({ id: JOB, kind: 'sync.restore', title: 'Restore', status: 'failed', error: { code: 'TAMPERED', message: 'The backup was changed on the server; nothing was restored.', category: 'permanent' }, seq: 2 })));
    expect(screen.getByTestId('sync-job-failed').textContent).toContain('Restore failed: The backup was changed on the server; nothing was restored.');
  });

  it('in place sends no folder, and once ready asks for a restart', async () => {
    const api = open('backups', createFakeApi({ 'sync.backups.list': [BACKUP], 'sync.backups.restore': { jobId: JOB } }));
    fireEvent.click(await screen.findByTestId('sync-backup-restore'));
    fireEvent.click(screen.getByTestId('sync-restore-start'));
    await expect.poll(() => api.inputsOf('sync.backups.restore')).toEqual([{ backupId: 'b-1', target: 'in-place' }]);
    act(() => api.emit('job.changed', testJob({ id: JOB, kind: 'sync.restore', title: 'Restore', status: 'succeeded', seq: 2 })));
    expect(screen.getByTestId('sync-job-done').textContent).toContain('Restart Nova Studio to open the restored writing');
  });
});

describe('plan', () => {
  it('shows the tier and storage used; Upgrade opens the checkout address in the browser', async () => {
    const api = open('plan', createFakeApi({ 'sync.plan.get': { tier: 'pro', usedBytes: 1.25 * 1024 ** 3, quotaBytes: 5 * 1024 ** 3 }, 'sync.plan.checkout': { url: 'https://checkout.stripe.com/c/pay/cs_test_1' } }));
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    expect((await screen.findByTestId('sync-plan-tier')).textContent).toContain('Pro plan');
    expect(screen.getByTestId('sync-plan-tier').textContent).toContain('5 GB of storage');
    expect(screen.getByTestId('sync-plan-usage').textContent).toBe('1.3 GB of 5 GB used');
    expect(screen.getByRole('progressbar', { name: 'Storage used' }).getAttribute('aria-valuenow')).toBe(String(1.25 * 1024 ** 3));
    expect(screen.getByTestId('sync-plan').textContent).toContain('25 GB of storage');
    expect(screen.queryByTestId('sync-upgrade-pro')).toBeNull();

    fireEvent.click(screen.getByTestId('sync-upgrade-power'));
    await screen.findByTestId('sync-checkout-opened');
    expect(api.inputsOf('sync.plan.checkout')).toEqual([{ tier: 'power' }]);
    expect(opened).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_test_1', '_blank', 'noopener,noreferrer');
  });

  it('an address that is not a web page is not opened; a server without billing says so', async () => {
    const api = open('plan', createFakeApi({ 'sync.plan.get': { tier: 'free', usedBytes: 0, quotaBytes: 0 }, 'sync.plan.checkout': { url: 'file:///etc/passwd' } }));
    const opened = vi.spyOn(window, 'open').mockReturnValue(null);
    expect((await screen.findByTestId('sync-plan')).textContent).toContain('The free plan stores nothing on the server');
    fireEvent.click(screen.getByTestId('sync-upgrade-pro'));
    expect((await screen.findByTestId('sync-checkout-problem')).textContent).toContain('not a web page');
    expect(opened).not.toHaveBeenCalled();

    api.answer('sync.plan.checkout', () => {
      throw new ApiError('INTERNAL', 'Billing is not set up on this sync server.', false);
    });
    fireEvent.click(screen.getByTestId('sync-upgrade-team'));
    await expect.poll(() => screen.getByTestId('sync-checkout-problem').textContent).toContain('Billing is not set up on this sync server.');
  });
});
