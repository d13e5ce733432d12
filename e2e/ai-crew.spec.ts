import type { Page } from '@playwright/test';
import type { DocNode } from '../src/shared/models/document';
import type { Proposal } from '../src/shared/models/runs';
import { connectWsClient, type WsTestClient } from '../src/main/testing/ws-client';
import { DEFAULT_REPLY, fakeAi, openProjectId } from './ai-helpers';
import { E2E_AI_PORT, E2E_TOKEN } from './e2e.constants';
import { addScene, createProject, editor, expect, openApp, openScene, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/*
 * Issue 8, point 9: a chat message starts the "draft a chapter from its outline" playbook, the
 * run view streams its steps, an approved scene change appears in the open scene and one Ctrl+Z
 * undoes it, and a rejected one leaves its scene byte-identical.
 *
 * Needs the core parts of the crew merged: routing (the chat message → the playbook, with the
 * fake provider's `route-intent` answer), the engine (runs, streamed steps), the agents (fake
 * answers for the draft-chapter agents' prompts) and proposals (scene-text proposals for the
 * chapter's scenes, approve/reject).
 */

const OPENING = 'The lamp was dark.';
const SECOND = 'The tide came in over the causeway.';

/** The project's scenes of chapter 1 by title, with their stored content. */
async function scenesByTitle(client: WsTestClient, projectId: string) {
  const outline = await client.call('outline.get', { projectId });
  const chapter = outline.chapters[0];
  if (!chapter) throw new Error('the project has no chapter');
  const scenes = await Promise.all(chapter.scenes.map((scene) => client.call('scene.get', { id: scene.id })));
  return new Map(scenes.map((scene) => [scene.title, scene]));
}

/** A document's text, paragraph by paragraph (what the editor shows). */
const paragraphs = (doc: DocNode): string[] => (doc.content ?? []).map((node) => (node.content ?? []).map((child) => child.text ?? '').join(''));

async function openCrew(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Project tools' });
  await panel.getByRole('tab', { name: 'Crew' }).click();
  return panel.getByTestId('crew-panel');
}

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('a chat message runs a playbook: the run streams, an approved scene change lands as one undo step, a rejected one changes nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await createProject(page, uniqueTitle('Crew'));
  const projectId = openProjectId(page);
  await typeParagraphs(page, [OPENING]);
  await waitSaved(page);
  await addScene(page, 'Chapter 1', 'Scene 2');
  await typeParagraphs(page, [SECOND]);
  await waitSaved(page);
  await openScene(page, 'Scene 1');

  const client = await connectWsClient(`http://127.0.0.1:${E2E_AI_PORT}`, E2E_TOKEN);
  try {
    const before = await scenesByTitle(client, projectId);
    const secondBefore = before.get('Scene 2');
    if (!secondBefore) throw new Error('no Scene 2');

    // Slow tokens, so the run view is seen streaming.
    await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 40 });
    await page.keyboard.press('Control+Shift+A');
    await page.getByTestId('chat-input').fill('Draft chapter 1 from its outline');
    await page.getByTestId('chat-send').click();

    // The run shows in the crew panel; its view streams a running step's text.
    const crew = await openCrew(page);
    await crew.getByTestId('run-row').first().click();
    const view = crew.getByTestId('run-view');
    await expect(view.getByRole('heading', { name: /Draft a chapter from its outline/ })).toBeVisible();
    // The fake writer's draft opens with this sentence (fake-agents.ts), streamed token by token.
    const streaming = view.locator('[data-testid="run-step"][data-status="running"]').filter({ has: page.getByTestId('step-text').filter({ hasText: 'began before anyone was ready' }) });
    await expect(streaming.first()).toBeVisible({ timeout: 30_000 });
    await expect(view.getByTestId('run-status')).toHaveText('Ready for review', { timeout: 90_000 });

    const proposals = await client.call('proposals.list', { projectId, statuses: ['pending'] });
    const sceneChange = (title: string): Proposal => {
      const found = proposals.find((p) => p.change.type === 'scene-text' && p.change.sceneTitle === title);
      if (!found) throw new Error(`no scene-text proposal for ${title}`);
      return found;
    };
    const forFirst = sceneChange('Scene 1');
    sceneChange('Scene 2');
    const proposed = forFirst.change.type === 'scene-text' ? forFirst.change.after : '';

    // Approve the change to the open scene: the editor shows it at once, and one Ctrl+Z takes it back.
    const list = view.getByRole('list', { name: 'Proposals of this run' });
    const first = list.getByRole('listitem', { name: 'Scene Scene 1' });
    await first.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(first.getByTestId('proposal-status')).toHaveText('Applied');
    const firstLine = proposed.split('\n').find((line) => line.trim()) ?? proposed;
    await expect(editor(page)).toContainText(firstLine.trim());
    await expect(editor(page)).not.toContainText(OPENING);
    await editor(page).click();
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editor(page)).toHaveText(OPENING);
    await waitSaved(page);
    const afterUndo = await scenesByTitle(client, projectId);
    expect(paragraphs(afterUndo.get('Scene 1')?.content ?? { type: 'doc' })).toEqual([OPENING]);

    // Reject the other: its scene is byte-identical, at the same revision.
    const second = list.getByRole('listitem', { name: 'Scene Scene 2' });
    await second.getByRole('button', { name: 'Reject' }).click();
    await expect(second.getByTestId('proposal-status')).toHaveText('Rejected');
    const secondAfter = (await scenesByTitle(client, projectId)).get('Scene 2');
    expect(JSON.stringify(secondAfter?.content)).toBe(JSON.stringify(secondBefore.content));
    expect(secondAfter?.revision).toBe(secondBefore.revision);
  } finally {
    client.close();
  }
});

