import type { Locator, Page } from '@playwright/test';
import { expect } from './helpers';

/** What a writer types to turn sync on: the server, the account, and the passphrase that locks the keys. */
export interface SyncAccount {
  serverUrl: string;
  email: string;
  password: string;
  passphrase: string;
}

/** The sync status in the status bar (data-phase: off, needs-keys, syncing, synced, offline, error). */
export function syncStatus(page: Page): Locator {
  return page.getByTestId('sync-status');
}

/** Opens the Backup & sync panel from the status bar. */
export async function openSyncPanel(page: Page): Promise<Locator> {
  await syncStatus(page).click();
  const panel = page.getByRole('dialog', { name: 'Backup & sync' });
  await expect(panel).toBeVisible();
  return panel;
}

export async function closeSyncPanel(page: Page): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Backup & sync' });
  await panel.getByTestId('dialog-close').click();
  await expect(panel).toBeHidden();
}

/** Fills the account form (sign-up or sign-in) and submits it. */
export async function submitAccount(panel: Locator, account: SyncAccount, mode: 'sign-up' | 'sign-in'): Promise<void> {
  if (mode === 'sign-in') await panel.getByTestId('sync-mode-sign-in').click();
  await panel.getByLabel('Sync server address').fill(account.serverUrl);
  await panel.getByLabel('Email').fill(account.email);
  await panel.getByLabel('Account password').fill(account.password);
  await expect(panel.getByLabel('This device’s name')).not.toHaveValue('');
  await panel.getByRole('button', { name: mode === 'sign-up' ? 'Create account' : 'Sign in' }).click();
}

/**
 * The recovery key ceremony as a writer does it: reads the groups off the screen, ticks "written
 * down", types back the groups asked for (by their numbers), and confirms.
 */
export async function passRecoveryCeremony(panel: Locator): Promise<void> {
  const key = panel.getByRole('list', { name: 'Recovery key' });
  await expect(key).toBeVisible();
  const groups = await key.locator('.sync-recovery-key__group').allTextContents();
  expect(groups.length).toBeGreaterThan(3);
  const next = panel.getByTestId('sync-recovery-next');
  await expect(next).toBeDisabled();
  await panel.getByLabel('I have written it down or printed it, and put it somewhere safe.').check();
  await next.click();
  const challenged = panel.getByTestId('sync-recovery-check').getByRole('textbox');
  const count = await challenged.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const field = challenged.nth(i);
    const number = Number(((await field.getAttribute('data-testid')) ?? '').replace('sync-challenge-', ''));
    await field.fill(groups[number - 1] ?? '');
  }
  await panel.getByRole('button', { name: 'Confirm and turn on sync' }).click();
}

/** First device: sign up, choose the passphrase, pass the ceremony; waits for "Synced" and closes the panel. */
export async function setUpSync(page: Page, account: SyncAccount): Promise<void> {
  const panel = await openSyncPanel(page);
  await submitAccount(panel, account, 'sign-up');
  await expect(panel.getByRole('heading', { name: 'Choose your passphrase' })).toBeVisible();
  await panel.getByTestId('sync-passphrase').fill(account.passphrase);
  await panel.getByTestId('sync-passphrase-confirm').fill(account.passphrase);
  await expect(panel.getByRole('meter', { name: 'Passphrase strength' })).toHaveAttribute('aria-valuetext', 'Strong');
  await panel.getByRole('button', { name: 'Continue' }).click();
  await passRecoveryCeremony(panel);
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 });
  await closeSyncPanel(page);
}

/** Another device: sign in, unlock with the passphrase; waits for "Synced" (its first pull) and closes the panel. */
export async function signInAndUnlock(page: Page, account: SyncAccount): Promise<void> {
  const panel = await openSyncPanel(page);
  await submitAccount(panel, account, 'sign-in');
  await expect(panel.getByRole('heading', { name: 'Unlock with your passphrase' })).toBeVisible();
  await panel.getByTestId('sync-unlock-passphrase').fill(account.passphrase);
  await panel.getByTestId('sync-unlock-submit').click();
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 });
  await closeSyncPanel(page);
}

/** Presses Sync now in the panel and waits until the round has finished and says "Synced". */
export async function syncNow(page: Page): Promise<void> {
  const panel = await openSyncPanel(page);
  const button = panel.getByTestId('sync-now');
  await button.click();
  // The button is busy while the round runs; "synced" after it is that round's outcome.
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 });
  await closeSyncPanel(page);
}
