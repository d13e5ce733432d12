import type { Page } from '@playwright/test';
import { createProject, editor, expect, openApp, openPanel, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/*
 * Issue 7, point 6: a scene contradicting the codex is flagged in the continuity panel (the fake
 * provider extracts "<Name>'s eyes were <colour>" by rules), the link opens the scene with the
 * quote selected, and the writer resolves one issue as intended and another by an approved
 * codex change.
 */

async function createCharacter(page: Page, name: string, details: Record<string, string>) {
  const panel = await openPanel(page, 'Codex');
  await panel.getByRole('button', { name: 'New', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New character' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  for (const [field, value] of Object.entries(details)) {
    await dialog.getByRole('button', { name: 'Add detail' }).click();
    await dialog.getByLabel('Detail name').last().fill(field);
    await dialog.getByLabel(`Value of ${field}`).fill(value);
  }
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
}

async function openContinuity(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Project tools' });
  await panel.getByRole('tab', { name: 'Continuity' }).click();
  await expect(panel.getByRole('tab', { name: 'Continuity' })).toHaveAttribute('aria-selected', 'true');
  return panel.getByTestId('continuity-panel');
}

test('a contradiction with the codex is flagged, linked to its place, and resolved as intended or by a codex change', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Continuity'));
  await createCharacter(page, 'Mara', { 'Eye colour': 'grey', 'Hair colour': 'red' });
  await typeParagraphs(page, ['The storm broke over the harbour.', "Mara's eyes were green in the lamplight. Mara's hair was black with rain."]);
  await waitSaved(page);

  const panel = await openContinuity(page);
  await panel.getByRole('button', { name: 'Check this scene' }).click();
  await expect(panel.getByTestId('continuity-check-done')).toBeVisible();
  const issues = panel.getByTestId('continuity-issue');
  await expect(issues.getByTestId('continuity-summary')).toHaveText(
    ['Mara’s eyes are grey in the codex, green in chapter 1, scene 1.', 'Mara’s hair is red in the codex, black in chapter 1, scene 1.'].sort(),
  );
  const eyes = issues.filter({ hasText: 'eyes are grey' });
  await expect(eyes.getByTestId('continuity-found-quote')).toHaveText("Mara's eyes were green in the lamplight");
  await expect(eyes.getByTestId('continuity-against-quote')).toHaveText('Eye colour: grey');

  // The link opens the scene with the quote selected.
  await editor(page).locator('p').first().click();
  await eyes.getByRole('button', { name: /Chapter 1, scene 1/ }).click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe("Mara's eyes were green in the lamplight");

  // Intended: gone, and not flagged again by the next check.
  await eyes.getByRole('button', { name: 'It’s intended' }).click();
  await expect(issues).toHaveCount(1);
  await panel.getByRole('button', { name: 'Check the whole book' }).click();
  await expect(panel.getByTestId('continuity-check-done')).toBeVisible();
  await expect(issues.getByTestId('continuity-summary')).toHaveText(['Mara’s hair is red in the codex, black in chapter 1, scene 1.']);

  // Update the codex: a proposal with before/after, applied only once approved.
  const hair = issues.first();
  await hair.getByRole('button', { name: 'Update the codex' }).click();
  const proposal = hair.getByRole('group', { name: 'Proposed codex change' });
  await expect(proposal.getByTestId('continuity-proposal-before')).toHaveText('red');
  await expect(proposal.getByTestId('continuity-proposal-after')).toHaveText('black');
  await proposal.getByRole('button', { name: 'Approve change' }).click();
  await expect(panel.getByTestId('continuity-empty')).toBeVisible();

  await panel.getByRole('radio', { name: 'Resolved' }).click();
  await expect(panel.getByTestId('continuity-resolution')).toHaveText(['Intended', 'Codex updated']);

  // The codex link opens Mara's entry, which now says black.
  await panel.getByTestId('continuity-issue').filter({ hasText: 'hair' }).getByTestId('continuity-against-link').click();
  const dialog = page.getByRole('dialog', { name: /Mara/ });
  await expect(dialog.getByLabel('Value of Hair colour')).toHaveValue('black');
  await expect(dialog.getByLabel('Value of Eye colour')).toHaveValue('grey');
  await page.keyboard.press('Escape');

  // The check after the last save ran by itself (2 s after it in this browser mode): nothing waits, nothing new.
  await expect(page.getByTestId('jobs-indicator')).toBeHidden();
  await openContinuity(page);
  await panel.getByRole('radio', { name: 'Open' }).click();
  await expect(panel.getByTestId('continuity-empty')).toBeVisible();
});
