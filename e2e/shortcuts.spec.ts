import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle } from './helpers';

test('Ctrl+Shift+F opens the search panel, and pressed again focuses its box instead of closing it', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Shortcut'));
  await typeParagraphs(page, ['The heron stood in the reeds.']);

  const panel = page.getByRole('complementary', { name: 'Project tools' });
  const input = panel.getByRole('searchbox', { name: 'Search the manuscript' });
  await page.keyboard.press('Control+Shift+F');
  await expect(input).toBeFocused();
  await input.fill('heron');

  // Back to the text, then the shortcut again: the panel stays and the box takes the focus.
  await editor(page).click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press('Control+Shift+F');
  await expect(panel).toBeVisible();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('heron');
  // The query is selected, so typing replaces it.
  await expect.poll(() => input.evaluate((el) => [(el as HTMLInputElement).selectionStart, (el as HTMLInputElement).selectionEnd])).toEqual([0, 'heron'.length]);

  // Pressed while the box already has the focus, it still does not close the panel.
  await page.keyboard.press('Control+Shift+F');
  await expect(panel).toBeVisible();
  await expect(input).toBeFocused();
});
