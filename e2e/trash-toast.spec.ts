import type { Page } from '@playwright/test';
import { addScene, chapterRow, createProject, expect, openApp, recordErrorToasts, sceneRow, test, uniqueTitle } from './helpers';

const sceneTitles = (page: Page) => chapterRow(page, 'Chapter 1').getByTestId('outline-scene-title');

async function deleteScene(page: Page, title: string): Promise<void> {
  const row = sceneRow(page, title);
  await row.hover();
  await row.getByRole('button', { name: `Actions for ${title}` }).click();
  await page.getByRole('menuitem', { name: /Delete scene/ }).click();
  await expect(page.getByTestId('toaster')).toContainText(`“${title}” moved to the trash`);
}

test('restoring a scene from the trash takes away the Undo of its "moved to the trash" toast', async ({ page }) => {
  const errors = await recordErrorToasts(page);
  await openApp(page);
  await createProject(page, uniqueTitle('Trash toast'));
  await addScene(page, 'Chapter 1', 'Scene 2');
  await deleteScene(page, 'Scene 2');
  const toast = page.getByTestId('toast-info').filter({ hasText: '“Scene 2” moved to the trash' });
  await expect(toast.getByTestId('undo')).toBeVisible();

  // The pointer rests on the toast (which pauses its timer) while the keyboard restores the
  // scene from the trash: the toast could not have timed out by itself meanwhile.
  await toast.hover();
  const trash = page.getByRole('region', { name: 'Trash' });
  await trash.getByTestId('project-trash-toggle').press('Enter');
  await trash.getByTestId('project-trash-item').filter({ hasText: 'Scene 2' }).getByRole('button', { name: 'Restore Scene 2' }).press('Enter');
  await expect(sceneTitles(page)).toHaveText(['Scene 1', 'Scene 2']);
  await expect(page.getByTestId('toaster')).toContainText('“Scene 2” restored');

  // Checked once, on purpose: the stale toast must be gone the moment the scene is back, not
  // merely some seconds later when it would have timed out anyway.
  expect(await toast.count()).toBe(0);
  expect(await errors()).toEqual([]);
});

test('Undo after the item came back in another window is harmless: no error, nothing doubled', async ({ page, context }) => {
  const errors = await recordErrorToasts(page);
  await openApp(page);
  const title = uniqueTitle('Undo elsewhere');
  await createProject(page, title);
  await addScene(page, 'Chapter 1', 'Scene 2');
  await deleteScene(page, 'Scene 2');
  const toast = page.getByTestId('toast-info').filter({ hasText: '“Scene 2” moved to the trash' });
  // Keep the toast open (a pointer over it pauses its timer) while the other window works.
  await toast.hover();

  const other = await context.newPage();
  await openApp(other);
  await other.getByTestId('project-card').filter({ hasText: title }).getByRole('button', { name: title, exact: true }).click();
  const trash = other.getByRole('region', { name: 'Trash' });
  await trash.getByTestId('project-trash-toggle').click();
  await trash.getByTestId('project-trash-item').filter({ hasText: 'Scene 2' }).getByRole('button', { name: 'Restore Scene 2' }).click();
  await expect(sceneTitles(other)).toHaveText(['Scene 1', 'Scene 2']);
  await other.close();

  await expect(sceneTitles(page)).toHaveText(['Scene 1', 'Scene 2']);
  // This window cannot know which item came back; its Undo must simply do nothing harmful.
  await toast.getByTestId('undo').click();
  await expect(toast).toHaveCount(0);
  await expect(sceneTitles(page)).toHaveText(['Scene 1', 'Scene 2']);
  // Every error toast since the page opened, even one that came and went.
  expect(await errors()).toEqual([]);
});
