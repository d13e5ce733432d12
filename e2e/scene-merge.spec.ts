import { createProject, editor, expect, openApp, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

/*
 * Scene text is a CRDT: two windows (here two pages on one browser-mode server) typing into the
 * same scene at once both keep their words. The second save is based on a revision that is no
 * longer the newest; the core merges it instead of answering CONFLICT, its answer brings the
 * merged text to that window, and the first window, idle by then, reloads the newer revision.
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
