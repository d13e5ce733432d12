import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parseDocument } from 'yaml';
import { E2E_RESTART_PORT, E2E_TOKEN } from './e2e.constants';
import { expect, test } from './helpers';

/*
 * Issue 6, point 17, as the writer sees it: they edit a prompt, the app is updated with a new
 * version of that prompt, and their edit stays in use; Settings shows that an update is
 * available, what it changes, and switches only when they choose it. The flow starts its own
 * browser mode (with fake providers) twice on one data folder: before and after the "update".
 */

const NEW_LINE = 'Keep the rhythm of the original sentences.';
const url = `http://127.0.0.1:${E2E_RESTART_PORT}/?token=${E2E_TOKEN}`;
let root: string;
let server: ChildProcess | null = null;

/** Starts the app on the flow's data folder with the given shipped prompts; resolves once it serves. */
async function startApp(promptsFolder: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/web-fake-ai.ts', '--data', path.join(root, 'data'), '--port', String(E2E_RESTART_PORT), '--prompts', promptsFolder],
    { env: { ...process.env, NOVA_WEB_TOKEN: E2E_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server = child;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('is running')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before serving:\n${output}`)));
  });
}

async function stopApp(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function openPrompt(page: Page, id: string) {
  await page.goto(url);
  await page.getByTestId('ai-status').click();
  await page.getByTestId('ai-tab-prompts').click();
  await page.locator(`[data-testid="prompt-item"][data-prompt-id="${id}"]`).click();
}

test.beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-prompt-update-'));
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
