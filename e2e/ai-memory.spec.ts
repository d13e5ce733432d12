import { fakeAi } from './ai-helpers';
import { addScene, createProject, expect, expectNoStackTrace, openApp, openPanel, openScene, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/**
 * Issue 7: index a project (progress visible), search it by meaning with the fake provider's
 * meaning-aware embeddings (the query shares no word with the scene it finds), and a memory
 * deleted in the memory view is gone from search.
 */

test.afterEach(async () => {
  await fakeAi('reset-setup');
});

test('index a project, find a scene by meaning, and a deleted memory leaves search', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Meaning'));
  await typeParagraphs(page, ['The ocean at midnight swallowed the little boat.']);
  await waitSaved(page);
  await addScene(page, 'Chapter 1', 'Scene 2');
  await typeParagraphs(page, ['Mara walked through the pine woods at noon, humming.']);
  await waitSaved(page);

  // Re-index, with the embedding model answering slowly so the progress can be seen.
  const memory = await openPanel(page, 'Memory');
  await expect(memory.getByTestId('index-reindex')).toBeVisible();
  await fakeAi('fail', { failure: { firstTokenDelayMs: 1500 }, scope: { path: '/api/embed', times: 2 } });
  await memory.getByTestId('index-reindex').click();
  await expect(memory.getByTestId('index-progress')).toBeVisible();
  await expect(memory.getByRole('progressbar', { name: 'Indexing progress' })).toBeVisible();
  await expect(memory.getByTestId('index-status-title')).toHaveText('Index up to date', { timeout: 30_000 });
  await expect(memory.getByTestId('index-status-detail')).toContainText('passages indexed with nomic-embed-text');
  await expect(memory.getByTestId('index-progress')).toHaveCount(0);

  // No word of the query is in the scene: Words finds nothing, Meaning finds it.
  await openScene(page, 'Scene 2');
  const search = await openPanel(page, 'Search');
  await search.getByTestId('search-input').fill('sea in darkness');
  await expect(search.getByTestId('search-empty')).toBeVisible();
  await search.getByTestId('search-kind-meaning').click();
  const first = search.getByTestId('passage-result').first();
  await expect(first).toContainText('The ocean at midnight swallowed the little boat.');
  await expect(first.getByTestId('passage-source')).toContainText('Scene 1');
  await expect(first.getByTestId('passage-by-meaning')).toBeVisible();
  await first.click();
  await expect(sceneTitle(page)).toHaveValue('Scene 1');

  // A memory the writer adds is found by meaning; deleted, it is gone from search.
  const memoryPanel = await openPanel(page, 'Memory');
  await memoryPanel.getByTestId('memory-add').click();
  await memoryPanel.getByTestId('memory-editor-text').fill('Tomas dreads fire above all things.');
  await memoryPanel.getByTestId('memory-editor-save').click();
  await expect(memoryPanel.getByTestId('memory-content')).toHaveText(['Tomas dreads fire above all things.']);

  const searchAgain = await openPanel(page, 'Search');
  await searchAgain.getByTestId('search-input').fill('terror of flames');
  const memoryHit = searchAgain.locator('[data-testid="passage-result"][data-source-type="memory"]');
  await expect(async () => {
    await searchAgain.getByTestId('search-input').press('Enter');
    await expect(memoryHit).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(memoryHit).toContainText('Tomas dreads fire above all things.');

  const memoryAgain = await openPanel(page, 'Memory');
  await memoryAgain.getByTestId('memory-delete').click();
  await page.getByTestId('memory-delete-confirm').getByTestId('confirm-accept').click();
  await expect(memoryAgain.getByTestId('memory-core-empty')).toBeVisible();

  const searchLast = await openPanel(page, 'Search');
  await searchLast.getByTestId('search-input').press('Enter');
  // The hit shown before the delete is replaced by the new search's results, without it.
  await expect(searchLast.locator('[data-testid="passage-result"][data-source-type="memory"]')).toHaveCount(0);
  await expectNoStackTrace(page);
});
