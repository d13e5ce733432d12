import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { connectWsClient } from '../src/main/testing/ws-client';
import { E2E_RESTART_PORT, E2E_TOKEN } from './e2e.constants';
import { addScene, createProject, editor, expect, openScene, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';
import { createRestartableApp, RESTARTABLE_APP_URL } from './restartable-app';

/*
 * Issue 8's acceptance, as a writer would try it with the fake provider: "draft a chapter from
 * its outline" is started from the chat and watched; the app is killed (SIGKILL) while the
 * writer drafts the scenes; after a restart the run goes on by itself from where it stopped
 * (the step that had finished is not run again, nothing is proposed twice), and the drafted
 * scenes are approved, each written once.
 */

let root: string;
let app: ReturnType<typeof createRestartableApp>;

test.beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-crew-resume-'));
  app = createRestartableApp(path.join(root, 'data'));
});
test.afterEach(async () => {
  await app.stop();
  rmSync(root, { recursive: true, force: true });
});

async function openRun(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Project tools' });
  await panel.getByRole('tab', { name: 'Crew' }).click();
  const crew = panel.getByTestId('crew-panel');
  await crew.getByTestId('run-row').first().click();
  return crew.getByTestId('run-view');
}

test('a run killed mid-step continues after a restart, and its drafted scenes are approved once each', async ({ page }) => {
  test.setTimeout(150_000);
  // Slow tokens: the drafts stream for a few seconds each, so the kill lands mid-step.
  await app.start(['--token-delay-ms', '40']);
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  await page.goto(RESTARTABLE_APP_URL);
  const title = uniqueTitle('Resume');
  await createProject(page, title);
  await typeParagraphs(page, ['Mara waits at the harbour.']);
  await waitSaved(page);
  await addScene(page, 'Chapter 1', 'Scene 2');
  await typeParagraphs(page, ['The storm comes in.']);
  await waitSaved(page);
  await openScene(page, 'Scene 1');

  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('Draft chapter 1 from its outline');
  await page.getByTestId('chat-send').click();
  let view = await openRun(page);
  await expect(view.getByRole('heading', { name: /Draft a chapter from its outline/ })).toBeVisible();
  const drafting = view.locator('[data-testid="run-step"][data-status="running"]').filter({ has: page.getByTestId('step-text').filter({ hasText: 'began before anyone was ready' }) });
  await expect(drafting.first()).toBeVisible({ timeout: 30_000 });

  await app.stop('SIGKILL');
  await app.start(['--token-delay-ms', '40']);
  await page.goto(RESTARTABLE_APP_URL);
  // The run went on by itself: the jobs indicator shows it before the project is even open.
  await expect(page.getByTestId('jobs-indicator')).toBeVisible();
  await page.getByTestId('project-card').filter({ hasText: title }).getByRole('button', { name: title, exact: true }).click();
  await expect(editor(page)).toBeVisible();
  // The project tools panel opens with the chat (closed in a freshly opened project).
  await page.keyboard.press('Control+Shift+A');
  view = await openRun(page);
  await expect(view.getByTestId('run-status')).toHaveText('Ready for review', { timeout: 90_000 });

  const client = await connectWsClient(`http://127.0.0.1:${E2E_RESTART_PORT}`, E2E_TOKEN);
  try {
    const [run] = await client.call('runs.list', { projectId: (await client.call('project.list', {}))[0]?.id ?? '' });
    if (!run) throw new Error('no run');
    const detail = await client.call('runs.get', { id: run.id });
    // The beats had been made before the kill: not asked again.
    expect(detail.steps.find((s) => s.key === 'beats')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(detail.proposals.map((p) => (p.change.type === 'scene-text' ? p.change.sceneTitle : p.change.type)).sort()).toEqual(['Scene 1', 'Scene 2']);
    const outline = await client.call('outline.get', { projectId: run.projectId });
    const revisions = new Map((outline.chapters[0]?.scenes ?? []).map((s) => [s.title, s.revision]));

    const list = view.getByRole('list', { name: 'Proposals of this run' });
    for (const title of ['Scene 1', 'Scene 2']) {
      const item = list.getByRole('listitem', { name: `Scene ${title}` });
      await item.getByRole('button', { name: 'Approve', exact: true }).click();
      await expect(item.getByTestId('proposal-status')).toHaveText('Applied');
    }
    await expect(view.getByTestId('run-status')).toHaveText('Completed');
    const after = await client.call('outline.get', { projectId: run.projectId });
    for (const scene of after.chapters[0]?.scenes ?? []) {
      const proposal = detail.proposals.find((p) => p.change.type === 'scene-text' && p.change.sceneId === scene.id);
      const stored = await client.call('scene.get', { id: scene.id });
      expect(stored.revision, scene.title).toBe((revisions.get(scene.title) ?? 0) + 1);
      const proposed = proposal?.change.type === 'scene-text' ? proposal.change.after : '';
      expect(proposed.length).toBeGreaterThan(0);
      expect(JSON.stringify(stored.content)).toContain(JSON.stringify(proposed.split('\n').find((line) => line.trim()) ?? '').slice(1, -1));
    }
  } finally {
    client.close();
  }
});
