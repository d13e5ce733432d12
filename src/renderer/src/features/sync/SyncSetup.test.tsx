// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/models/sync';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError } from '../../lib/api';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { closeSyncPanel, openSyncPanel, STRONG_PASSPHRASE, TEST_CEREMONY, testSyncStatus, typeInto } from '../../testing/sync-fixture';
import { useToasts } from '../../ui';
import { useSyncPanel } from './sync-panel.store';

const OFF: SyncStatus = testSyncStatus({ phase: 'off', account: null, keysOnServer: null });
const NEEDS_SETUP: SyncStatus = testSyncStatus({ phase: 'needs-keys', keysOnServer: false });

afterEach(closeSyncPanel);

const open = (first: SyncStatus): FakeApi => openSyncPanel(createFakeApi({ 'sync.status': first }));


describe('sign up', () => {
  it('checks the fields by the contract’s schema, proposes a device name, and goes on to the passphrase', async () => {
    const api = open(OFF);
    api.answer('sync.account.signUp', NEEDS_SETUP);
    const panel = await screen.findByRole('dialog', { name: 'Backup & sync' });
    expect((within(panel).getByTestId('sync-device-name') as HTMLInputElement).value).not.toBe('');

    fireEvent.click(within(panel).getByTestId('sync-account-submit'));
    expect(within(panel).getByText(/Expected the address of a sync server/)).toBeTruthy();
    expect(within(panel).getByText('Expected an email address.')).toBeTruthy();
    expect(within(panel).getByText('A password has at least 10 characters.')).toBeTruthy();
    expect(api.inputsOf('sync.account.signUp')).toEqual([]);

    typeInto('sync-server-url', ' https://sync.example.com ');
    typeInto('sync-email', 'ada@example.com');
    typeInto('sync-password', 'correct horse 42');
    typeInto('sync-device-name', 'Study desktop');
    fireEvent.click(within(panel).getByTestId('sync-account-submit'));
    await screen.findByTestId('sync-keys-setup');
    expect(api.inputsOf('sync.account.signUp')).toEqual([{ serverUrl: 'https://sync.example.com', email: 'ada@example.com', password: 'correct horse 42', deviceName: 'Study desktop' }]);
  });

  it('a refusal from the server (an email with an account already) is shown in the core’s words', async () => {
    const api = open(OFF);
    api.answer('sync.account.signUp', () => {
      throw new ApiError(ErrorCode.SYNC_REJECTED, 'There is already an account for ada@example.com on this server. Sign in instead.', false);
    });
    await screen.findByTestId('sync-account');
    typeInto('sync-server-url', 'https://sync.example.com');
    typeInto('sync-email', 'ada@example.com');
    typeInto('sync-password', 'correct horse 42');
    fireEvent.click(screen.getByTestId('sync-account-submit'));
    const problem = await screen.findByTestId('sync-problem');
    expect(problem.textContent).toContain('Refused by the server');
    expect(problem.textContent).toContain('There is already an account for ada@example.com on this server. Sign in instead.');
    fireEvent.click(screen.getByTestId('sync-mode-sign-in'));
    expect(screen.getByRole('heading', { name: 'Sign in to your sync account' })).toBeTruthy();
  });

  it('a failure the UI has no words for keeps the core’s sentence', async () => {
    const api = open(OFF);
    api.answer('sync.account.signIn', () => {
      throw new ApiError('INVALID_INPUT', 'The sync server at that address is not a Nova Studio sync server.', false);
    });
    await screen.findByTestId('sync-account');
    fireEvent.click(screen.getByTestId('sync-mode-sign-in'));
    typeInto('sync-server-url', 'https://example.com');
    typeInto('sync-email', 'ada@example.com');
    typeInto('sync-password', 'correct horse 42');
    fireEvent.click(screen.getByTestId('sync-account-submit'));
    expect((await screen.findByTestId('sync-problem')).textContent).toContain('is not a Nova Studio sync server.');
    expect(api.inputsOf('sync.account.signIn')).toHaveLength(1);
  });
});

describe('passphrase', () => {
  it('shows zxcvbn’s strength, time to guess and advice; blocks a weak, a Moderate or an unconfirmed one; makes the keys from a Strong one', async () => {
    const api = open(NEEDS_SETUP);
    api.answer('sync.keys.create', TEST_CEREMONY);
    await screen.findByTestId('sync-keys-setup');
    const meter = screen.getByRole('meter', { name: 'Passphrase strength' });
    expect(meter.getAttribute('aria-valuetext')).toBe('No passphrase yet');

    typeInto('sync-passphrase', 'password1234');
    // The dictionaries load on first use: the meter says so until they are there.
    await waitFor(() => expect(meter.getAttribute('aria-valuetext')).toBe('Weak'));
    expect(screen.getByTestId('sync-strength-tips').textContent).toContain('This is close to a commonly used password.');
    expect(screen.getByTestId('sync-strength-time').textContent).toMatch(/^An attacker with a copy of your locked keys would need \d+ seconds? to guess it\.$/);
    typeInto('sync-passphrase-confirm', 'password1234');
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    const tooEasy = 'This passphrase is too easy to guess: it needs to be Strong. Follow the tips under it.';
    expect((await screen.findByTestId('sync-passphrase-blocked')).textContent).toBe(tooEasy);

    typeInto('sync-passphrase', 'lantern meadow');
    expect(meter.getAttribute('aria-valuetext')).toBe('Moderate');
    expect(screen.getByTestId('sync-strength-tips').textContent).toBe('Add another unusual word.');
    expect(screen.getByTestId('sync-passphrase-blocked').textContent).toBe(tooEasy);

    // The account's email (ada@example.com) is among an attacker's first guesses.
    typeInto('sync-passphrase', 'ada@example.com');
    expect(screen.getByTestId('sync-strength-tips').textContent).toContain('It contains your email address or this device’s name');

    typeInto('sync-passphrase', STRONG_PASSPHRASE);
    expect(meter.getAttribute('aria-valuetext')).toBe('Strong');
    expect(screen.getByTestId('sync-strength-time').textContent).toBe('An attacker with a copy of your locked keys would need centuries to guess it.');
    expect(screen.queryByTestId('sync-strength-tips')).toBeNull();
    expect(screen.getByText('The two passphrases differ.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    expect(screen.getByTestId('sync-passphrase-blocked').textContent).toBe('The two passphrases differ. Type the same passphrase twice.');
    await act(async () => {});
    expect(api.inputsOf('sync.keys.create')).toEqual([]);

    typeInto('sync-passphrase-confirm', STRONG_PASSPHRASE);
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    await screen.findByTestId('sync-recovery-show');
    expect(api.inputsOf('sync.keys.create')).toEqual([{ passphrase: STRONG_PASSPHRASE }]);
  });

  it('the minimum length is the schema’s', async () => {
    open(NEEDS_SETUP);
    await screen.findByTestId('sync-keys-setup');
    typeInto('sync-passphrase', 'x7#Qp2!vLm9');
    typeInto('sync-passphrase-confirm', 'x7#Qp2!vLm9');
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    expect(screen.getByTestId('sync-passphrase-blocked').textContent).toBe('Use at least 12 characters.');
  });
});

async function toCeremony(): Promise<FakeApi> {
  const api = open(NEEDS_SETUP);
  api.answer('sync.keys.create', TEST_CEREMONY);
  await screen.findByTestId('sync-keys-setup');
  typeInto('sync-passphrase', STRONG_PASSPHRASE);
  typeInto('sync-passphrase-confirm', STRONG_PASSPHRASE);
  fireEvent.click(screen.getByTestId('sync-keys-create'));
  await screen.findByTestId('sync-recovery-show');
  return api;
}

describe('recovery key ceremony', () => {
  it('shows the groups once, large and numbered; Continue waits for “I have written it down”; there is no skip', async () => {
    await toCeremony();
    const key = screen.getByRole('list', { name: 'Recovery key' });
    expect(within(key).getAllByRole('listitem').map((li) => li.textContent)).toEqual(TEST_CEREMONY.groups.map((g, i) => `${i + 1}${g}`));
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /skip|later/i })).toBeNull();

    const next = screen.getByTestId('sync-recovery-next') as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('sync-recovery-written'));
    expect(next.disabled).toBe(false);
    fireEvent.click(next);
    expect(screen.getByTestId('sync-recovery-check')).toBeTruthy();
    expect(screen.getByLabelText('Group 3')).toBeTruthy();
    expect(screen.getByLabelText('Group 7')).toBeTruthy();
  });

  it('closing the panel mid-ceremony does not skip it: reopened, it is still there, and status stays “needs keys”', async () => {
    const api = await toCeremony();
    act(() => useSyncPanel.getState().close());
    expect(screen.queryByTestId('sync-recovery-show')).toBeNull();
    act(() => useSyncPanel.getState().openPanel());
    expect(await screen.findByTestId('sync-recovery-show')).toBeTruthy();
    expect(api.inputsOf('sync.keys.confirm')).toEqual([]);
  });

  it('explains wrong groups by number without asking the core; right ones (any case, spaces) confirm and sync starts', async () => {
    const api = await toCeremony();
    api.answer('sync.keys.confirm', testSyncStatus({ phase: 'synced', lastSyncedAt: Date.now() }));
    fireEvent.click(screen.getByTestId('sync-recovery-written'));
    fireEvent.click(screen.getByTestId('sync-recovery-next'));

    typeInto('sync-challenge-3', 'P9LD');
    typeInto('sync-challenge-7', 'Z6UJ');
    fireEvent.click(screen.getByTestId('sync-recovery-confirm'));
    expect(screen.getByTestId('sync-challenge-wrong').textContent).toContain('Group 7 does not match the key shown.');
    expect(screen.getByTestId('sync-challenge-wrong').textContent).toContain('Start over');
    expect(api.inputsOf('sync.keys.confirm')).toEqual([]);

    typeInto('sync-challenge-3', 'p9 ld');
    typeInto('sync-challenge-7', 'z6ju');
    fireEvent.click(screen.getByTestId('sync-recovery-confirm'));
    await screen.findByTestId('sync-overview');
    expect(api.inputsOf('sync.keys.confirm')).toEqual([{ answers: ['P9LD', 'Z6JU'] }]);
    expect(screen.getByTestId('sync-overview-label').textContent).toBe('Synced just now');
  });

  it('a refusal from the core is explained too, and Start over makes new keys from a new passphrase', async () => {
    const api = await toCeremony();
    api.answer('sync.keys.confirm', () => {
      throw new ApiError('INVALID_RECOVERY_KEY', 'Group 7 of the recovery key does not match what was shown. Check what you wrote down and type it again.', false);
    });
    fireEvent.click(screen.getByTestId('sync-recovery-written'));
    fireEvent.click(screen.getByTestId('sync-recovery-next'));
    typeInto('sync-challenge-3', 'P9LD');
    typeInto('sync-challenge-7', 'Z6JU');
    fireEvent.click(screen.getByTestId('sync-recovery-confirm'));
    const problem = await screen.findByTestId('sync-problem');
    expect(problem.dataset['code']).toBe('INVALID_RECOVERY_KEY');
    expect(problem.textContent).toContain('Group 7 of the recovery key does not match what was shown.');

    fireEvent.click(screen.getByTestId('sync-recovery-restart'));
    expect(await screen.findByTestId('sync-keys-setup')).toBeTruthy();
  });

  it('keys set up meanwhile by another device: the ceremony ends, a toast says why, and the panel asks to unlock', async () => {
    const api = await toCeremony();
    api.answer('sync.keys.confirm', () => {
      throw new ApiError('CONFLICT', 'Another device set up this account’s keys meanwhile: unlock with that passphrase instead.', false);
    });
    api.answer('sync.status', testSyncStatus({ phase: 'needs-keys', keysOnServer: true }));
    fireEvent.click(screen.getByTestId('sync-recovery-written'));
    fireEvent.click(screen.getByTestId('sync-recovery-next'));
    typeInto('sync-challenge-3', 'P9LD');
    typeInto('sync-challenge-7', 'Z6JU');
    fireEvent.click(screen.getByTestId('sync-recovery-confirm'));
    expect(await screen.findByRole('heading', { name: 'Unlock with your passphrase' })).toBeTruthy();
    expect(useToasts.getState().toasts.map((t) => t.message)).toContain('Another device set up this account’s keys meanwhile: unlock with that passphrase instead.');
  });
});
