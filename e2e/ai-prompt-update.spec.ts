import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parseDocument } from 'yaml';
import { expect, test } from './helpers';
import { createRestartableApp, RESTARTABLE_APP_URL } from './restartable-app';

/*
 * Issue 6, point 17, as the writer sees it: they edit a prompt, the app is updated with a new
 * version of that prompt, and their edit stays in use; Settings shows that an update is
 * available, what it changes, and switches only when they choose it. The flow starts its own
 * browser mode (with fake providers) twice on one data folder: before and after the "update".
 */

const NEW_LINE = 'Keep the rhythm of the original sentences.';
const url = RESTARTABLE_APP_URL;
let root: string;
let app: ReturnType<typeof createRestartableApp>;

/** Starts the app on the flow's data folder with the given shipped prompts; resolves once it serves. */
const startApp = (promptsFolder: string) => app.start(['--prompts', promptsFolder]);
const stopApp = () => app.stop();

async function openPrompt(page: Page, id: string) {
  await page.goto(url);
  await page.getByTestId('ai-status').click();
  await page.getByTestId('ai-tab-prompts').click();
  await page.locator(`[data-testid="prompt-item"][data-prompt-id="${id}"]`).click();
}

test.beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-prompt-update-'));
  app = createRestartableApp(path.join(root, 'data'));
});
test.afterEach(async () => {
  await stopApp();
  rmSync(root, { recursive: true, force: true });
});

test('a shipped prompt update waits for the writer: their edit stays until they choose the new version', async ({ page }) => {
  const release1 = path.join(root, 'prompts-1');
  cpSync('prompts', release1, { recursive: true });
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));

  // Release 1: the writer edits the rewrite prompt.
  await startApp(release1);
  await openPrompt(page, 'rewrite');
  await page.getByTestId('prompt-edit').click();
  await page.getByTestId('prompt-user').fill('Rewrite this for {{project_title}}, in plain words:\n{{selection}}');
  await page.getByTestId('prompt-summary').fill('Plain words');
  await page.getByTestId('prompt-save').click();
  await expect(page.getByTestId('prompt-active')).toContainText('(v2)');
  await stopApp();

  // Release 2 ships the next version of rewrite.yaml.
  const release2 = path.join(root, 'prompts-2');
  cpSync(release1, release2, { recursive: true });
  const file = path.join(release2, 'rewrite.yaml');
  const yaml = parseDocument(readFileSync(file, 'utf8'));
  const fileVersion = Number(yaml.get('version')) + 1;
  yaml.set('version', fileVersion);
  yaml.set('user', `${String(yaml.get('user')).trimEnd()}\n${NEW_LINE}\n`);
  writeFileSync(file, yaml.toString());
  await startApp(release2);
  await openPrompt(page, 'rewrite');

  // The edit is still in use, and the update is offered.
  await expect(page.getByTestId('prompt-active')).toContainText('(v2)');
  await expect(page.getByTestId('prompt-view')).toContainText('in plain words');
  await expect(page.locator('[data-testid="prompt-item"][data-prompt-id="rewrite"] [data-testid="prompt-update-badge"]')).toBeVisible();
  const notice = page.getByTestId('prompt-update');
  await expect(notice).toContainText(`version 3, from file version ${fileVersion}`);
  await notice.getByTestId('prompt-update-diff').click();
  const diff = notice.getByTestId('prompt-diff');
  await expect(diff).toContainText(NEW_LINE);
  await expect(diff).toContainText('in plain words');

  // The writer chooses it.
  await notice.getByTestId('prompt-update-adopt').click();
  await expect(page.getByTestId('prompt-update')).toHaveCount(0);
  await expect(page.getByTestId('prompt-active')).toContainText('(v3)');
  await expect(page.getByTestId('prompt-view')).toContainText(NEW_LINE);
  await expect(page.locator('[data-testid="prompt-item"][data-prompt-id="rewrite"] [data-testid="prompt-update-badge"]')).toHaveCount(0);
});
