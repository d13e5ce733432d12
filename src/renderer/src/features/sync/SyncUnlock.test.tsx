// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/models/sync';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { closeSyncPanel, openSyncPanel, STRONG_PASSPHRASE, testSyncStatus, typeInto } from '../../testing/sync-fixture';
import { useSyncPanel } from './sync-panel.store';

const LOCKED: SyncStatus = testSyncStatus({ phase: 'needs-keys', keysOnServer: true });
const SYNCED: SyncStatus = testSyncStatus({ phase: 'synced', lastSyncedAt: Date.now() });

afterEach(closeSyncPanel);

const open = (first: SyncStatus): FakeApi => openSyncPanel(createFakeApi({ 'sync.status': first }));

const refuse = (code: 'WRONG_PASSPHRASE' | 'WRONG_RECOVERY_KEY' | 'INVALID_RECOVERY_KEY') => () => {
  throw new ApiError(code, 'refused', false);
};

describe('unlock on another device', () => {
  it('a wrong passphrase is explained and offers the recovery key; the right one unlocks', async () => {
    const api = open(LOCKED);
    api.answer('sync.keys.unlock', refuse('WRONG_PASSPHRASE'));
    await screen.findByRole('heading', { name: 'Unlock with your passphrase' });
    typeInto('sync-unlock-passphrase', 'not the one at all');
    fireEvent.click(screen.getByTestId('sync-unlock-submit'));
    const problem = await screen.findByTestId('sync-unlock-problem');
    expect(problem.textContent).toContain('That passphrase does not unlock your keys. Check Caps Lock');
    expect(problem.getAttribute('role')).toBe('alert');

    api.answer('sync.keys.unlock', SYNCED);
    typeInto('sync-unlock-passphrase', STRONG_PASSPHRASE);
    expect(screen.queryByTestId('sync-unlock-problem')).toBeNull();
    fireEvent.click(screen.getByTestId('sync-unlock-submit'));
    await screen.findByTestId('sync-overview');
    expect(api.inputsOf('sync.keys.unlock')).toEqual([{ passphrase: 'not the one at all' }, { passphrase: STRONG_PASSPHRASE }]);
  });

  it('a recovery key with a typo and one of other keys get different explanations', async () => {
    const api = open(LOCKED);
    await screen.findByTestId('sync-unlock');
    fireEvent.click(screen.getByTestId('sync-unlock-mode-recovery-key'));
    api.answer('sync.keys.unlock', refuse('INVALID_RECOVERY_KEY'));
    typeInto('sync-unlock-recovery-key', ' K7QF-M2XA-P9LD ');
    fireEvent.click(screen.getByTestId('sync-unlock-submit'));
    expect((await screen.findByTestId('sync-unlock-problem')).textContent).toContain('has a typo');
    expect(api.inputsOf('sync.keys.unlock')).toEqual([{ recoveryKey: 'K7QF-M2XA-P9LD' }]);

    api.answer('sync.keys.unlock', refuse('WRONG_RECOVERY_KEY'));
    fireEvent.click(screen.getByTestId('sync-unlock-submit'));
    await expect.poll(() => screen.getByTestId('sync-unlock-problem').textContent).toContain('belongs to other keys');
  });

  it('forgot the passphrase: “Use the recovery key” leads to setting a new passphrase with the recovery key', async () => {
    const api = open(LOCKED);
    api.answer('sync.keys.unlock', refuse('WRONG_PASSPHRASE'));
    api.answer('sync.keys.recover', SYNCED);
    await screen.findByTestId('sync-unlock');
    typeInto('sync-unlock-passphrase', 'not the one at all');
    fireEvent.click(screen.getByTestId('sync-unlock-submit'));
    fireEvent.click(await screen.findByTestId('sync-fix-recover'));
    expect(screen.getByRole('heading', { name: 'Forgot your passphrase? Set a new one' })).toBeTruthy();

    fireEvent.click(screen.getByTestId('sync-recover-submit'));
    expect(screen.getByText('Type the recovery key you wrote down.')).toBeTruthy();
    typeInto('sync-recover-key', 'K7QF-M2XA-P9LD-W4RT');
    typeInto('sync-recover-passphrase', STRONG_PASSPHRASE);
    typeInto('sync-recover-passphrase-confirm', STRONG_PASSPHRASE);
    fireEvent.click(screen.getByTestId('sync-recover-submit'));
    await screen.findByTestId('sync-overview');
    expect(api.inputsOf('sync.keys.recover')).toEqual([{ recoveryKey: 'K7QF-M2XA-P9LD-W4RT', next: STRONG_PASSPHRASE }]);
  });
});

describe('signed in', () => {
  it('change passphrase: a wrong current one is explained; success says the recovery key still works', async () => {
    const api = open(SYNCED);
    api.answer('sync.keys.changePassphrase', refuse('WRONG_PASSPHRASE'));
    fireEvent.click(await screen.findByTestId('sync-change-passphrase-open'));
    typeInto('sync-current-passphrase', 'old passphrase typed wrong');
    typeInto('sync-new-passphrase', STRONG_PASSPHRASE);
    typeInto('sync-new-passphrase-confirm', STRONG_PASSPHRASE);
    fireEvent.click(screen.getByTestId('sync-change-submit'));
    expect((await screen.findByTestId('sync-change-problem')).textContent).toContain('That passphrase does not unlock your keys.');

    api.answer('sync.keys.changePassphrase', { ok: true });
    fireEvent.click(screen.getByTestId('sync-change-submit'));
    await expect.poll(() => screen.queryByTestId('sync-change-passphrase')).toBeNull();
    expect(api.inputsOf('sync.keys.changePassphrase')).toEqual([
      { current: 'old passphrase typed wrong', next: STRONG_PASSPHRASE },
      { current: 'old passphrase typed wrong', next: STRONG_PASSPHRASE },
    ]);
  });

  it('a status problem comes with its fix: locked keys → unlock form, offline → Sync now, full storage → the plan', async () => {
    const api = open(testSyncStatus({ phase: 'error', problem: { code: 'KEYS_LOCKED', message: 'locked', retryable: false } }));
    fireEvent.click(await screen.findByTestId('sync-fix-unlock'));
    expect(screen.getByTestId('sync-unlock')).toBeTruthy();

    act(() => api.emit('sync.changed', testSyncStatus({ phase: 'offline', pendingChanges: 4, problem: { code: ErrorCode.SYNC_OFFLINE, message: 'fetch failed', retryable: true } })));
    api.answer('sync.now', SYNCED);
    expect(screen.getByTestId('sync-status-problem').textContent).toContain('The sync server cannot be reached.');
    expect(screen.getByTestId('sync-overview').textContent).toContain('4 local changes are waiting to be sent.');
    fireEvent.click(screen.getByTestId('sync-fix-retry'));
    await expect.poll(() => api.inputsOf('sync.now')).toHaveLength(1);

    act(() => api.emit('sync.changed', testSyncStatus({ phase: 'error', problem: { code: ErrorCode.SYNC_QUOTA_EXCEEDED, message: 'quota', retryable: false } })));
    api.answer('sync.plan.get', { tier: 'pro', usedBytes: 5e9, quotaBytes: 5e9 });
    expect(screen.getByTestId('sync-status-problem').textContent).toContain('Your plan’s storage is full, so new changes wait on this device.');
    fireEvent.click(screen.getByTestId('sync-fix-upgrade'));
    expect(useSyncPanel.getState().section).toBe('plan');
    expect(await screen.findByTestId('sync-upgrade-power')).toBeTruthy();
  });

  it('signed out by the server: “Sign in” shows the sign-in form filled with this account', async () => {
    const api = open(testSyncStatus({ phase: 'error', problem: { code: ErrorCode.SYNC_SIGNED_OUT, message: 'expired', retryable: false } }));
    api.answer('sync.account.signIn', SYNCED);
    expect((await screen.findByTestId('sync-status-problem')).textContent).toContain('Sign in again; your writing here is safe.');
    fireEvent.click(screen.getByTestId('sync-fix-sign-in'));
    expect((screen.getByTestId('sync-server-url') as HTMLInputElement).value).toBe('https://sync.example.com');
    expect((screen.getByTestId('sync-email') as HTMLInputElement).value).toBe('ada@example.com');
    expect((screen.getByTestId('sync-device-name') as HTMLInputElement).value).toBe('Mac');
    fireEvent.change(screen.getByTestId('sync-password'), { target: { value: 'correct horse 42' } });
    fireEvent.click(screen.getByTestId('sync-account-submit'));
    await expect.poll(() => api.inputsOf('sync.account.signIn')).toEqual([{ serverUrl: 'https://sync.example.com', email: 'ada@example.com', password: 'correct horse 42', deviceName: 'Mac' }]);
    await expect.poll(() => screen.queryByTestId('sync-account')).toBeNull();
    expect(screen.queryByTestId('sync-status-problem')).toBeNull();
  });

  it('sign out asks first and says the writing stays on this device', async () => {
    const api = open(testSyncStatus({ pendingChanges: 2 }));
    api.answer('sync.account.signOut', testSyncStatus({ phase: 'off', account: null, keysOnServer: null }));
    fireEvent.click(await screen.findByTestId('sync-sign-out'));
    const confirm = screen.getByRole('dialog', { name: 'Sign out of sync on this device?' });
    expect(confirm.textContent).toContain('Everything you wrote stays on this computer.');
    expect(confirm.textContent).toContain('2 changes not yet sent stay here');
    fireEvent.click(screen.getByTestId('confirm-cancel'));
    expect(api.inputsOf('sync.account.signOut')).toEqual([]);
    fireEvent.click(screen.getByTestId('sync-sign-out'));
    fireEvent.click(screen.getByTestId('confirm-accept'));
    await screen.findByTestId('sync-account');
    expect(api.inputsOf('sync.account.signOut')).toHaveLength(1);
  });
});
