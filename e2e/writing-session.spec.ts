import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

test('the words written today are still counted after a reload', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Session'));
  const session = page.getByTestId('stats-session-words');
  await expect(session).toHaveText('0');

  await typeParagraphs(page, ['One two three four five.']);
  await waitSaved(page);
  await expect(session).toHaveText('5');

  await page.reload();
  await expect(editor(page)).toContainText('One two three four five.');
  await expect(page.getByTestId('stats-project-words')).toHaveText('5');
  await expect(session).toHaveText('5');

  // Writing on adds to today's count; deleting words written today takes them back off.
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Six seven.');
  await waitSaved(page);
  await expect(session).toHaveText('7');
  for (let i = 0; i < 'seven.'.length; i++) await page.keyboard.press('Backspace');
  await expect(editor(page).locator('p').last()).toHaveText('Six ');
  await waitSaved(page);
  await expect(session).toHaveText('6');
  await page.reload();
  await expect(session).toHaveText('6');
});
