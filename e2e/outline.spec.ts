import type { Locator, Page } from '@playwright/test';
import { addChapter, addScene, chapterRow, createProject, expect, openApp, sceneRow, sceneTitle, test, uniqueTitle } from './helpers';

const sceneTitles = (page: Page, chapter: string) => chapterRow(page, chapter).getByTestId('outline-scene-title');

/**
 * Drags one tree row onto the lower half of another with real pointer events. dnd-kit's
 * pointer sensor starts a drag after 5 px of movement and tracks pointermove, so the pointer
 * moves in small steps, and the drop waits for the sorted preview to settle.
 */
async function dragBelow(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag rows are not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * 0.8, { steps: 12 });
  await expect(source).toHaveClass(/is-dragging/);
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * 0.85, { steps: 2 });
  await page.mouse.up();
  await expect(page.locator('.outline-scene.is-dragging')).toHaveCount(0);
}

test('chapters and scenes are added, renamed, reordered by keyboard and drag, deleted and restored', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Outline'));

  await addScene(page, 'Chapter 1', 'Scene 2');
  await addScene(page, 'Chapter 1', 'Scene 3');
  await addChapter(page, 'Chapter 2');
  await expect(page.getByTestId('outline-chapter-title')).toHaveText(['Chapter 1', 'Chapter 2']);
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 1', 'Scene 2', 'Scene 3']);

  // Inline rename: double-click the title, type, Enter.
  await sceneRow(page, 'Scene 2').getByTestId('outline-scene-title').dblclick();
  const rename = page.getByRole('textbox', { name: 'Scene title' }).and(page.getByTestId('outline-rename-input'));
  await expect(rename).toBeFocused();
  await rename.fill('The Storm');
  await rename.press('Enter');
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 1', 'The Storm', 'Scene 3']);

  // Keyboard: Alt+ArrowUp on a focused row moves it up one place.
  const scene3 = sceneRow(page, 'Scene 3');
  await scene3.click();
  await expect(sceneTitle(page)).toHaveValue('Scene 3');
  await scene3.press('Alt+ArrowUp');
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 1', 'Scene 3', 'The Storm']);
  await expect(scene3).toBeFocused();

  // Drag: Scene 1 below The Storm.
  await dragBelow(page, sceneRow(page, 'Scene 1'), sceneRow(page, 'The Storm'));
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 3', 'The Storm', 'Scene 1']);

  await page.reload();
  await expect(page.getByTestId('outline-chapter-title')).toHaveText(['Chapter 1', 'Chapter 2']);
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 3', 'The Storm', 'Scene 1']);

  // Delete a scene from its actions menu: it leaves the tree and waits in the project's trash.
  const storm = sceneRow(page, 'The Storm');
  await storm.hover();
  await storm.getByRole('button', { name: 'Actions for The Storm' }).click();
  await page.getByRole('menuitem', { name: /Delete scene/ }).click();
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 3', 'Scene 1']);
  await expect(page.getByTestId('toaster')).toContainText('“The Storm” moved to the trash');

  const trash = page.getByRole('region', { name: 'Trash' });
  await trash.getByRole('button', { name: /Trash/ }).first().click();
  const item = trash.getByTestId('project-trash-item').filter({ hasText: 'The Storm' });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Restore The Storm' }).click();
  await expect(item).toBeHidden();
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 3', 'The Storm', 'Scene 1']);

  await page.reload();
  await expect(sceneTitles(page, 'Chapter 1')).toHaveText(['Scene 3', 'The Storm', 'Scene 1']);
});
