import { DEFAULT_REPLY, fakeAi, openProjectId, sentChats, waitIndexed } from './ai-helpers';
import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/** Issue 6, point 18: a regenerated answer is given the same scene and selection as the question. */

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('Regenerate sends the scene and the selection the question was asked with', async ({ page }) => {
  const line = 'The iron stair wound up into the dark.';
  await openApp(page);
  await createProject(page, uniqueTitle('Context'));
  await typeParagraphs(page, ['Mara climbed the lighthouse.', line]);
  await waitSaved(page);
  // The chat's context comes from retrieval: let indexing settle, so both answers find the same passages.
  await waitIndexed(openProjectId(page));

  // Select the second paragraph: it becomes the chat's selection context.
  await editor(page).locator('p').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  // The editor publishes its selection after it settles; ask only once the line is selected.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(line);
  await page.keyboard.press('Control+Shift+A');
  await expect(page.getByTestId('chat-context-selection')).toBeVisible();
  await expect(page.getByTestId('chat-context-scene')).toBeVisible();
  await page.getByTestId('chat-input').fill('Is this line too plain?');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  const question = page.locator('[data-testid="chat-message"][data-role="user"]').last();
  await expect(question.getByTestId('chat-message-context')).toContainText('the selection “The iron stair');
  const before = (await sentChats()).length;
  const asked = (await sentChats()).at(-1);
  const askedText = asked?.messages.map((m) => m.content).join('\n') ?? '';
  expect(askedText).toContain(line);
  expect(askedText).toContain('Mara climbed the lighthouse.');

  // The writer moves on: the selection is gone from the editor, then they ask for another answer.
  await editor(page).locator('p').first().click();
  await expect(page.getByTestId('chat-context-selection')).toHaveCount(0);
  await page.getByTestId('chat-regenerate').click();
  await expect.poll(async () => (await sentChats()).length).toBe(before + 1);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  const again = (await sentChats()).at(-1);
  expect(again?.messages).toEqual(asked?.messages);
});
