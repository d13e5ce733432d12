import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCloudProcess } from './cloud-process';
import { E2E_SECOND_APP_PORT } from './e2e.constants';
import { createProject, editor, expect, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';
import { createRestartableApp } from './restartable-app';
import { setUpSync, signInAndUnlock, syncNow, syncStatus, type SyncAccount } from './sync-helpers';

/*
 * Issue 10's acceptance, as a person does it: the cloud endpoint started as `npm run cloud`
 * starts it, two browser-mode instances (two devices: separate data folders and processes)
 * against it. Sync is set up on the first, the second signs in, unlocks with the passphrase and
 * receives the project. Then the server goes away, both devices edit the same scene — different
 * paragraphs, and one paragraph on both — and once the server is back and both have synced,
 * both editors show both devices' words.
 */

let root: string;
let cloud: ReturnType<typeof createCloudProcess>;
let laptop: ReturnType<typeof createRestartableApp>;
let desktop: ReturnType<typeof createRestartableApp>;

test.beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-sync-two-'));
  cloud = createCloudProcess(path.join(root, 'cloud'));
  laptop = createRestartableApp(path.join(root, 'laptop'));
  desktop = createRestartableApp(path.join(root, 'desktop'), E2E_SECOND_APP_PORT);
  await Promise.all([cloud.start(), laptop.start(), desktop.start()]);
});
test.afterEach(async () => {
  await Promise.all([laptop.stop(), desktop.stop(), cloud.stop()]);
  rmSync(root, { recursive: true, force: true });
});

async function open(page: Page, url: string): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  await page.goto(url);
  await expect(page.getByTestId('new-project')).toBeVisible();
}

/** Puts the caret at the start or the end of paragraph `index` and types `text` there. */
async function typeInParagraph(page: Page, index: number, where: 'start' | 'end', text: string): Promise<void> {
  await editor(page).locator('p').nth(index).click();
  await page.keyboard.press(where === 'start' ? 'Home' : 'End');
  await page.keyboard.type(text);
}

const paragraphs = (page: Page) => editor(page).locator('p');

test('an offline edit of one scene on each of two devices is merged in both', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const account: SyncAccount = { serverUrl: cloud.url, email: 'writer@example.com', password: 'correct horse 42', passphrase: 'lantern meadow quartz bicycle ferrous' };
  const title = uniqueTitle('Harbour');
  const original = ['The harbour was quiet.', 'A ship came in at dawn.', 'Nobody waited on the pier.'];

  // The laptop has a project before sync is turned on; turning it on uploads it.
  await open(page, laptop.url);
  await createProject(page, title);
  await typeParagraphs(page, original);
  await waitSaved(page);
  await setUpSync(page, account);

  // The desktop (its own browser profile, data folder and process) signs in and unlocks: the project arrives.
  const desktopContext = await browser.newContext();
  const other = await desktopContext.newPage();
  const errors: string[] = [];
  other.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  await open(other, desktop.url);
  await signInAndUnlock(other, account);
  const card = other.getByTestId('project-card').filter({ hasText: title });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: title, exact: true }).click();
  await expect(paragraphs(other)).toHaveText(original);

  // The server goes away; both devices keep writing in the same scene.
  await cloud.stop();
  await typeInParagraph(page, 0, 'end', ' Gulls circled the mast.');
  await typeInParagraph(page, 1, 'end', ' It was late.');
  await waitSaved(page);
  await typeInParagraph(other, 2, 'end', ' Not even the keeper.');
  await typeInParagraph(other, 1, 'start', 'Grey sails. ');
  await waitSaved(other);
  // Each tries to sync its change by itself, finds the server gone, and says so: offline, with changes waiting.
  for (const device of [page, other]) {
    await expect(syncStatus(device)).toHaveAttribute('data-phase', 'offline', { timeout: 60_000 });
    await expect(syncStatus(device)).toContainText('Offline');
  }

  // The server is back (same data): the laptop sends its edit, the desktop merges it with its own and sends the result, the laptop takes that.
  await cloud.start();
  await syncNow(page);
  await syncNow(other);
  await syncNow(page);

  const merged = ['The harbour was quiet. Gulls circled the mast.', 'Grey sails. A ship came in at dawn. It was late.', 'Nobody waited on the pier. Not even the keeper.'];
  await expect(paragraphs(page)).toHaveText(merged);
  await expect(paragraphs(other)).toHaveText(merged);
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'conflict');
  await expect(other.getByTestId('save-status')).not.toHaveAttribute('data-state', 'conflict');

  // And it is what each device stored.
  await Promise.all([page.reload(), other.reload()]);
  await expect(paragraphs(page)).toHaveText(merged);
  await expect(paragraphs(other)).toHaveText(merged);
  await desktopContext.close();
  expect(errors, 'uncaught exceptions in the desktop’s page').toEqual([]);
});
