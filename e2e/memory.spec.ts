import type { Locator, Page } from '@playwright/test';
import { createProject, expect, expectNoStackTrace, openApp, openPanel, test, uniqueTitle } from './helpers';

/**
 * Issue 7, points 7 and 8: the memory view and "What the AI knows", in the browser mode with no
 * model (meaning search is off there, and the app says how to turn it on). The meaning-search
 * flow with the fake provider's embeddings is ai-memory.spec.ts.
 */

async function addMemory(page: Page, panel: Locator, text: string, marker?: string): Promise<void> {
  await panel.getByTestId('memory-add').click();
  const editorText = panel.getByTestId('memory-editor-text');
  await expect(editorText).toBeFocused();
  await editorText.fill(text);
  if (marker) {
    await panel.getByTestId('memory-editor-markers-text').fill(marker);
    await panel.getByTestId('memory-editor-markers-text').press('Enter');
  }
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(panel.getByTestId('memory-editor')).toHaveCount(0);
  // Focus goes back to the button that opened the editor.
  await expect(panel.getByTestId('memory-add')).toBeFocused();
}

function row(panel: Locator, text: string): Locator {
  return panel.getByTestId('memory-row').filter({ hasText: text });
}

test('the writer adds, edits, pins, archives and deletes what the AI knows', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Memory'));
  const panel = await openPanel(page, 'Memory');

  await expect(panel.getByText(/Core memory is what the AI keeps in mind/)).toBeVisible();
  await expect(panel.getByTestId('memory-core-empty')).toBeVisible();

  await addMemory(page, panel, 'Mara has grey eyes.', 'character:Mara');
  await addMemory(page, panel, 'Keep British spelling.');
  await expect(panel.getByTestId('memory-content')).toHaveText(['Keep British spelling.', 'Mara has grey eyes.']);

  // Edit: a new version, the old text kept in the history.
  const mara = row(panel, 'Mara has');
  await mara.getByTestId('memory-edit').click();
  await panel.getByTestId('memory-editor-text').fill('Mara has storm-grey eyes.');
  await panel.getByTestId('memory-editor-save').click();
  await expect(mara.getByTestId('memory-content')).toHaveText('Mara has storm-grey eyes.');
  await expect(mara).toContainText('v2');
  await mara.getByTestId('memory-history').click();
  const history = page.getByTestId('memory-history-dialog');
  await expect(history.getByTestId('memory-version')).toHaveText([/Mara has grey eyes\./]);
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Pin: first in the list.
  await mara.getByTestId('memory-pin').click();
  await expect(mara.getByTestId('memory-pinned')).toBeVisible();
  await expect(panel.getByTestId('memory-content').first()).toHaveText('Mara has storm-grey eyes.');

  // All memories: filter by marker, typed ahead from those present.
  await panel.getByTestId('memory-page-all').click();
  await expect(panel.getByTestId('memory-count')).toHaveText('2 memories');
  const markerFilter = panel.getByTestId('memory-filter-markers-text');
  await markerFilter.fill('mara');
  await expect(panel.getByTestId('marker-suggestion')).toHaveText(['character:Mara']);
  await markerFilter.press('Enter');
  await expect(panel.getByTestId('memory-count')).toHaveText('1 memory');
  await panel.getByTestId('memory-filter-clear').click();
  await expect(panel.getByTestId('memory-count')).toHaveText('2 memories');

  // Archive: hidden until "Show archived".
  const spelling = row(panel, 'British spelling');
  await spelling.getByTestId('memory-archive').click();
  await expect(spelling).toHaveCount(0);
  await panel.getByTestId('memory-filter-archived').check();
  await expect(spelling.getByTestId('memory-archived')).toBeVisible();

  // Delete: asks first, says it is permanent; Cancel keeps it.
  await spelling.getByTestId('memory-delete').click();
  const confirm = page.getByTestId('memory-delete-confirm');
  await expect(confirm).toContainText('cannot be undone');
  await expect(confirm.getByTestId('confirm-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(spelling).toHaveCount(1);
  await spelling.getByTestId('memory-delete').click();
  await confirm.getByTestId('confirm-accept').click();
  await expect(spelling).toHaveCount(0);
  await expect(panel.getByTestId('memory-count')).toHaveText('1 memory');

  // Gone for good: a reload of the app still does not show it.
  await page.reload();
  const again = await openPanel(page, 'Memory');
  await expect(again.getByTestId('memory-content')).toHaveText(['Mara has storm-grey eyes.']);
  await expectNoStackTrace(page);
});

test('with no embedding model, the index and search by meaning say how to turn it on', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('No model'));
  const memory = await openPanel(page, 'Memory');
  await expect(memory.getByTestId('index-status')).toHaveAttribute('data-meaning', 'no-model');
  await expect(memory.getByTestId('index-status-title')).toHaveText('Meaning search is off');

  const search = await openPanel(page, 'Search');
  await search.getByTestId('search-kind-meaning').click();
  await search.getByTestId('search-input').fill('the sea at night');
  await expect(search.getByTestId('meaning-notice')).toHaveAttribute('data-meaning', 'no-model');
  await search.getByTestId('meaning-open-models').click();
  await expect(page.getByTestId('ai-settings')).toBeVisible();
  await expect(page.getByTestId('ai-tab-models')).toHaveAttribute('aria-selected', 'true');
  await expectNoStackTrace(page);
});
