import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../src/cloud/testing/cloud-test-server';
import { expect, test } from './helpers';
import { createRestartableApp, RESTARTABLE_APP_URL } from './restartable-app';
import { passRecoveryCeremony, submitAccount } from './sync-helpers';

/*
 * Issue 10, point 7, as a writer turns sync on for the first time: the status bar's quiet
 * "Set up backup & sync" → an account on a real endpoint (started here, on 127.0.0.1) → a
 * passphrase with its strength → the recovery key ceremony (groups read off the screen and typed
 * back) → the status bar says "Synced". The app runs on its own fresh data folder.
 */

let root: string;
let app: ReturnType<typeof createRestartableApp>;
let cloud: TestCloud;

test.beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-sync-ui-'));
  app = createRestartableApp(path.join(root, 'data'));
  // A paid tier by default: the free plan stores nothing, and this flow is about turning sync on.
  cloud = await startTestCloud({ tier: 'pro' });
});
test.afterEach(async () => {
  await app.stop();
  await cloud.dispose();
  rmSync(root, { recursive: true, force: true });
});

const PASSPHRASE = 'lantern meadow quartz bicycle ferrous';

test('sign up, choose a passphrase, pass the recovery key ceremony, and see Synced in the status bar', async ({ page }) => {
  test.setTimeout(120_000);
  await app.start();
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  await page.goto(RESTARTABLE_APP_URL);

  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-phase', 'off');
  await expect(status).toHaveText('Set up backup & sync');
  await status.click();

  const panel = page.getByRole('dialog', { name: 'Backup & sync' });
  await submitAccount(panel, { serverUrl: cloud.url, email: 'ada@example.com', password: 'correct horse 42', passphrase: PASSPHRASE }, 'sign-up');

  await expect(panel.getByRole('heading', { name: 'Choose your passphrase' })).toBeVisible();
  await expect(status).toHaveText('Finish sync setup');
  // zxcvbn, its dictionaries loaded when this form opened: a most-used password is weak and says why.
  const meter = panel.getByRole('meter', { name: 'Passphrase strength' });
  await panel.getByTestId('sync-passphrase').fill('password1234');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Weak');
  await expect(panel.getByTestId('sync-strength-tips')).toContainText('This is close to a commonly used password.');
  await panel.getByTestId('sync-passphrase-confirm').fill('password1234');
  await panel.getByRole('button', { name: 'Continue' }).click();
  await expect(panel.getByTestId('sync-passphrase-blocked')).toHaveText('This passphrase is too easy to guess: it needs to be Strong. Follow the tips under it.');
  await panel.getByTestId('sync-passphrase').fill(PASSPHRASE);
  await panel.getByTestId('sync-passphrase-confirm').fill(PASSPHRASE);
  await expect(meter).toHaveAttribute('aria-valuetext', 'Strong');
  await expect(panel.getByTestId('sync-strength-time')).toHaveText('An attacker with a copy of your locked keys would need centuries to guess it.');
  await panel.getByRole('button', { name: 'Continue' }).click();

  await passRecoveryCeremony(panel);

  await expect(panel.getByTestId('sync-overview')).toBeVisible();
  await expect(status).toHaveAttribute('data-phase', 'synced', { timeout: 30_000 });
  await expect(status).toHaveText(/^Synced/);
  await expect(panel.getByTestId('sync-account-email')).toHaveText('ada@example.com');
});
