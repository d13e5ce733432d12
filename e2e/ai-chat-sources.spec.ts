import { connectWsClient, type WsTestClient } from '../src/main/testing/ws-client';
import { DEFAULT_REPLY, fakeAi, sentChats, waitIndexed } from './ai-helpers';
import { E2E_AI_PORT, E2E_TOKEN } from './e2e.constants';
import { editor, expect, openApp, sceneTitle, test, uniqueTitle } from './helpers';

/*
 * Issue 7, point 4: a chat reply takes its context from retrieval and shows its sources; a scene
 * source opens that scene. The question shares no word with the scene it finds ("sorrow" ~
 * "wept", "funeral"): the fake provider's embeddings relate words of one meaning.
 */

const GRIEF = 'Mara wept at the funeral and would not leave the graveside until the tide had turned.';
const MARKET = 'Tomas bargained for onions in the market square while the bells rang noon.';

/** A project with a scene about a market and one about grief, indexed for meaning. */
async function seed(client: WsTestClient, title: string) {
  const project = await client.call('project.create', { title });
  const outline = await client.call('outline.get', { projectId: project.id });
  const chapter = outline.chapters[0];
  const first = chapter?.scenes[0];
  if (!chapter || !first) throw new Error('the new project has no scene');
  await client.call('scene.update', { id: first.id, title: 'Market Day' });
  await client.call('scene.save', { id: first.id, content: paragraphs(MARKET), baseRevision: 0 });
  const harbour = await client.call('scene.create', { chapterId: chapter.id, title: 'The Harbour' });
  await client.call('scene.save', { id: harbour.id, content: paragraphs(GRIEF), baseRevision: 0 });
  await client.call('memory.reindex', { projectId: project.id });
  await waitIndexed(project.id, 2);
  return { projectId: project.id, harbourId: harbour.id };
}

function paragraphs(...texts: string[]) {
  return { type: 'doc' as const, content: texts.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) };
}

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('a chat reply lists the passages it was given, and a scene source opens that scene', async ({ page }) => {
  const client = await connectWsClient(`http://127.0.0.1:${E2E_AI_PORT}`, E2E_TOKEN);
  const { projectId } = await seed(client, uniqueTitle('Sources')).finally(() => client.close());

  await openApp(page);
  await page.goto(`/?token=${E2E_TOKEN}#/project/${projectId}`);
  await expect(sceneTitle(page)).toHaveValue('Market Day');
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('How does Mara carry her sorrow?');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  // The model was given the grief scene's passage.
  const sent = (await sentChats()).at(-1)?.messages.map((m) => m.content).join('\n') ?? '';
  expect(sent).toContain(`[Chapter 1 · The Harbour]\n${GRIEF}`);

  const toggle = reply.getByRole('button', { name: /^Sources \(\d+\)$/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const source = reply.getByRole('button', { name: 'Open the scene Chapter 1 · The Harbour' });
  await expect(source).toBeVisible();

  // Kept with the reply: still there after a reload.
  await page.reload();
  await page.keyboard.press('Control+Shift+A');
  const kept = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await kept.getByRole('button', { name: /^Sources \(\d+\)$/ }).click();
  await kept.getByRole('button', { name: 'Open the scene Chapter 1 · The Harbour' }).click();

  // The scene opens in the editor, the passage's opening selected.
  await expect(sceneTitle(page)).toHaveValue('The Harbour');
  await expect(editor(page)).toContainText(GRIEF);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Mara wept at the funeral and would not leave the graveside');
});
