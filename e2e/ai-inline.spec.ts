import type { Page } from '@playwright/test';
import { DEFAULT_REPLY, fakeAi } from './ai-helpers';
import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const ORIGINAL = 'The storm broke over the harbour.';

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

async function rewriteSelection(page: Page) {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+J');
  await page.getByTestId('ai-action-rewrite').click();
  const suggestion = page.getByTestId('ai-suggestion');
  await expect(page.getByTestId('ai-suggestion-text')).toContainText(DEFAULT_REPLY);
  await expect(suggestion).toHaveAttribute('data-phase', 'ready');
  return suggestion;
}

test('an accepted rewrite replaces the text as one step, and Undo brings the original back', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Inline'));
  await typeParagraphs(page, [ORIGINAL]);
  await waitSaved(page);

  await rewriteSelection(page);
  // While the suggestion waits for a decision, the scene still holds the original.
  await expect(editor(page)).toContainText(ORIGINAL);
  await page.getByTestId('ai-accept').click();
  await expect(editor(page)).toContainText(DEFAULT_REPLY);
  await expect(editor(page)).not.toContainText(ORIGINAL);
  await waitSaved(page);

  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(editor(page)).toContainText(ORIGINAL);
  await expect(editor(page)).not.toContainText(DEFAULT_REPLY);
});

test('a rejected suggestion leaves the text exactly as it was', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Reject'));
  await typeParagraphs(page, [ORIGINAL]);
  await waitSaved(page);
  const before = await editor(page).innerHTML();

  await rewriteSelection(page);
  await page.getByTestId('ai-reject').click();
  await expect(page.getByTestId('ai-suggestion')).toHaveCount(0);
  expect(await editor(page).innerHTML()).toBe(before);

  await page.reload();
  await expect(editor(page)).toHaveText(ORIGINAL);
});

test('typing stays possible while a suggestion streams', async ({ page }) => {
  await fakeAi('reply', { text: Array.from({ length: 60 }, (_, i) => `gull${i}`).join(' '), tokenDelayMs: 60 });
  await openApp(page);
  await createProject(page, uniqueTitle('Typing'));
  await typeParagraphs(page, [ORIGINAL]);
  await page.keyboard.press('ControlOrMeta+J');
  await page.getByTestId('ai-action-continue').click();
  await expect(page.getByTestId('ai-suggestion')).toHaveAttribute('data-phase', 'streaming');
  // Click at the very start of the first paragraph (the suggestion card sits after it).
  await editor(page).locator('p').first().click({ position: { x: 1, y: 4 } });
  await page.keyboard.type('Night. ');
  await expect(editor(page)).toContainText(`Night. ${ORIGINAL}`);
  await expect(page.getByTestId('ai-suggestion')).toHaveAttribute('data-phase', 'streaming');
  await page.getByTestId('ai-stop').click();
  await page.getByTestId('ai-reject').click();
  await expect(editor(page)).toContainText(`Night. ${ORIGINAL}`);
});
