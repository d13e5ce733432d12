import { createProject, editor, expect, openApp, openPanel, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

test('a codex character’s alias typed in a scene is highlighted as a mention', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Codex'));

  const panel = await openPanel(page, 'Codex');
  await panel.getByRole('button', { name: 'New', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New character' });
  await dialog.getByLabel('Name', { exact: true }).fill('Marguerite Vasseur');
  const aliases = dialog.getByLabel('Aliases');
  await aliases.fill('Daisy');
  await aliases.press('Enter');
  await expect(dialog.getByTestId('codex-alias')).toHaveText(['Daisy']);
  await dialog.getByLabel('Description').fill('The keeper of the northern light.');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('codex-entry')).toContainText('Marguerite Vasseur · Daisy');

  await typeParagraphs(page, ['At dusk Daisy climbed the stairs; nobody called her Marguerite Vasseur any more.', 'Daisyfield is only a village.']);
  await waitSaved(page);

  const mentions = editor(page).locator('.codex-mention');
  await expect(mentions).toHaveText(['Daisy', 'Marguerite Vasseur']);
  await expect(mentions.first()).toHaveAttribute('data-codex-kind', 'character');
  // Whole words only: "Daisyfield" is not a mention.
  await expect(editor(page).locator('p').nth(1).locator('.codex-mention')).toHaveCount(0);
});
