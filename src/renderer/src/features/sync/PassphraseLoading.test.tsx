// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, type FakeApi } from '../../testing/fake-api';
import { closeSyncPanel, openSyncPanel, STRONG_PASSPHRASE, TEST_CEREMONY, testSyncStatus, typeInto } from '../../testing/sync-fixture';
import type * as strengthModule from './passphrase-strength';
import { createEstimatorLoader, type PassphraseEstimator } from './passphrase-strength';

/*
 * The zxcvbn dictionaries load when a passphrase form opens. These tests hold that load (or fail
 * it) to see what the form does meanwhile: a Continue pressed early waits and is then checked; a
 * failed load says so, blocks, and Try again loads again.
 */
const loader = vi.hoisted(() => ({ load: null as null | (() => Promise<PassphraseEstimator>) }));
vi.mock('./passphrase-strength', async (original) => {
  const actual = await original<typeof strengthModule>();
  return { ...actual, loadPassphraseEstimator: () => (loader.load as () => Promise<PassphraseEstimator>)(), peekPassphraseEstimator: () => null };
});

const real = createEstimatorLoader();

afterEach(closeSyncPanel);

function open(): FakeApi {
  const api = createFakeApi({ 'sync.status': testSyncStatus({ phase: 'needs-keys', keysOnServer: false }) });
  api.answer('sync.keys.create', TEST_CEREMONY);
  return openSyncPanel(api);
}

describe('while the strength check loads', () => {
  it('the meter says “Checking…”, and a Continue pressed meanwhile waits for it, then goes on', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    loader.load = async () => {
      await held;
      return real.load();
    };
    const api = open();
    await screen.findByTestId('sync-keys-setup');
    typeInto('sync-passphrase', STRONG_PASSPHRASE);
    typeInto('sync-passphrase-confirm', STRONG_PASSPHRASE);
    expect(screen.getByRole('meter', { name: 'Passphrase strength' }).getAttribute('aria-valuetext')).toBe('Checking…');
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    await act(async () => {});
    expect(api.inputsOf('sync.keys.create')).toEqual([]);
    release();
    await screen.findByTestId('sync-recovery-show');
    expect(api.inputsOf('sync.keys.create')).toEqual([{ passphrase: STRONG_PASSPHRASE }]);
  });

  it('a weak passphrase submitted before the check loaded is still refused once it has', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    loader.load = async () => {
      await held;
      return real.load();
    };
    const api = open();
    await screen.findByTestId('sync-keys-setup');
    typeInto('sync-passphrase', 'password1234');
    typeInto('sync-passphrase-confirm', 'password1234');
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    expect(screen.getByTestId('sync-passphrase-blocked').textContent).toBe('Checking the passphrase’s strength…');
    release();
    await waitFor(() => expect(screen.getByTestId('sync-passphrase-blocked').textContent).toContain('This passphrase is too easy to guess'));
    expect(api.inputsOf('sync.keys.create')).toEqual([]);
  });

  it('a failed load says so and blocks; Try again loads it and the passphrase is rated', async () => {
    let fail = true;
    loader.load = () => (fail ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : real.load());
    const api = open();
    await screen.findByTestId('sync-keys-setup');
    typeInto('sync-passphrase', STRONG_PASSPHRASE);
    typeInto('sync-passphrase-confirm', STRONG_PASSPHRASE);
    const meter = screen.getByRole('meter', { name: 'Passphrase strength' });
    await waitFor(() => expect(meter.getAttribute('aria-valuetext')).toBe('Not checked'));
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    expect((await screen.findByTestId('sync-passphrase-blocked')).textContent).toContain('The strength check could not be loaded');
    expect(api.inputsOf('sync.keys.create')).toEqual([]);

    fail = false;
    fireEvent.click(screen.getByTestId('sync-strength-retry'));
    await waitFor(() => expect(meter.getAttribute('aria-valuetext')).toBe('Strong'));
    fireEvent.click(screen.getByTestId('sync-keys-create'));
    await screen.findByTestId('sync-recovery-show');
  });
});
