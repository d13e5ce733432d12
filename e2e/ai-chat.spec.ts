import { DEFAULT_REPLY, fakeAi } from './ai-helpers';
import { createProject, expect, openApp, test, typeParagraphs, uniqueTitle } from './helpers';

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('a chat reply streams in word by word and is kept after a reload', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Chat'));
  await typeParagraphs(page, ['Mara climbed the lighthouse stairs.']);
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 60 });
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('What does the keeper hear?');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  // Part of the answer shows while the rest is still coming.
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(reply).toContainText('The lamp');
  await expect(reply).not.toContainText('the sea.');
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText(DEFAULT_REPLY);

  await page.reload();
  await page.keyboard.press('Control+Shift+A');
  await expect(page.locator('[data-testid="chat-message"][data-role="user"]').last()).toContainText('What does the keeper hear?');
  await expect(page.locator('[data-testid="chat-message"][data-role="assistant"]').last()).toContainText(DEFAULT_REPLY);
});

test('Stop ends a reply at once and keeps what had arrived', async ({ page }) => {
  const long = Array.from({ length: 120 }, (_, i) => `wave${i}`).join(' ');
  await fakeAi('reply', { text: long, tokenDelayMs: 80 });
  await openApp(page);
  await createProject(page, uniqueTitle('Stop'));
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('Tell me about the sea.');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toContainText('wave3');
  await page.getByTestId('chat-stop').click();
  await expect(reply).toHaveAttribute('data-status', 'cancelled');
  const kept = (await reply.textContent()) ?? '';
  expect(kept).toContain('wave0');
  expect(kept).not.toContain('wave119');
  // Nothing more arrives after the stop.
  await page.waitForTimeout(500); // waits for tokens that must NOT come; there is no event to wait on
  expect(await reply.textContent()).toBe(kept);
});
