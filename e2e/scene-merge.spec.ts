import type { Page } from '@playwright/test';
import { createProject, editor, expect, openApp, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/** Opens the project in a second page of the same browser (another window on the same core). */
async function openSecondWindow(page: Page, title: string, firstParagraph: string): Promise<void> {
  await openApp(page);
  await page.getByTestId('project-card').filter({ hasText: title }).getByRole('button', { name: title, exact: true }).click();
  await expect(sceneTitle(page)).toHaveValue('Scene 1');
  await expect(editor(page).locator('p').first()).toHaveText(firstParagraph);
}

/*
 * Scene text is a CRDT: two windows (here two pages on one browser-mode server) editing the same
 * scene at once both keep their words. Each editor is bound to the scene's Yjs document: its
 * keystrokes go to the core as Yjs updates, and what the other window did comes back with the
 * answer or is pulled when the core announces it.
 */
test('two windows typing into the same scene at once both keep their text, in both windows', async ({ page, context }) => {
  const title = uniqueTitle('Merge');
  await openApp(page);
  await createProject(page, title);
  await typeParagraphs(page, ['The harbour was quiet.']);
  await waitSaved(page);

  const other = await context.newPage();
  await openApp(other);
  await other.getByTestId('project-card').filter({ hasText: title }).getByRole('button', { name: title, exact: true }).click();
  await expect(sceneTitle(other)).toHaveValue('Scene 1');
  await expect(editor(other).locator('p')).toHaveText(['The harbour was quiet.']);

  // Both type before either save lands (the autosave waits for a pause in typing).
  await Promise.all([typeParagraphs(page, [' Gulls circled the mast.']), typeParagraphs(other, ['', 'A ship came in at dawn.'])]);
  await Promise.all([waitSaved(page), waitSaved(other)]);

  const merged = ['The harbour was quiet. Gulls circled the mast.', 'A ship came in at dawn.'];
  await expect(editor(page).locator('p')).toHaveText(merged);
  await expect(editor(other).locator('p')).toHaveText(merged);
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-state', 'conflict');
  await expect(other.getByTestId('save-status')).not.toHaveAttribute('data-state', 'conflict');

  // The second window keeps typing where its caret was: after its own words, not moved by the merge.
  await other.keyboard.type(' Nobody waited.');
  await waitSaved(other);
  const after = ['The harbour was quiet. Gulls circled the mast.', 'A ship came in at dawn. Nobody waited.'];
  await expect(editor(page).locator('p')).toHaveText(after);

  // And it is what the core stored.
  await other.reload();
  await expect(editor(other).locator('p')).toHaveText(after);
  await other.close();
});

test('one window joins two paragraphs while the other types into the second: both end with all the text', async ({ page, context }) => {
  const title = uniqueTitle('Join');
  await openApp(page);
  await createProject(page, title);
  await typeParagraphs(page, ['The harbour was quiet.', 'A ship came in at dawn.']);
  await waitSaved(page);

  const other = await context.newPage();
  await openSecondWindow(other, title, 'The harbour was quiet.');
  await expect(editor(other).locator('p')).toHaveText(['The harbour was quiet.', 'A ship came in at dawn.']);

  // Carets first: the second window at the end of the second paragraph, the first at its start.
  await editor(other).locator('p').nth(1).click();
  await other.keyboard.press('End');
  await editor(page).locator('p').nth(1).click();
  await page.keyboard.press('Home');
  // Both edit before either is sent (a push waits for a pause in typing).
  await Promise.all([page.keyboard.press('Backspace'), other.keyboard.type(' Nobody waited.')]);
  await Promise.all([waitSaved(page), waitSaved(other)]);

  const merged = ['The harbour was quiet.A ship came in at dawn. Nobody waited.'];
  await expect(editor(page).locator('p')).toHaveText(merged);
  await expect(editor(other).locator('p')).toHaveText(merged);

  // And it is what the core stored.
  await other.reload();
  await expect(editor(other).locator('p')).toHaveText(merged);
  await other.close();
});
