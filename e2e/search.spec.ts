import { addScene, createProject, editor, expect, openApp, openPanel, openScene, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const PHRASE = 'quicksilver heronsong';

test('a search hit is highlighted, and opening it shows the phrase selected in its scene', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Search'));

  await typeParagraphs(page, ['The first scene talks about the harbour and the fog.']);
  await waitSaved(page);
  await addScene(page, 'Chapter 1', 'Scene 2');
  await typeParagraphs(page, [
    'A long opening paragraph that says nothing of note, to push the phrase away from the start.',
    `Then the old man whistled the ${PHRASE} and the birds fell silent.`,
  ]);
  await waitSaved(page);

  // Go back to the first scene, so opening the hit has to switch scenes.
  await openScene(page, 'Scene 1');

  const panel = await openPanel(page, 'Search');
  const input = panel.getByRole('searchbox', { name: 'Search the manuscript' });
  await expect(input).toBeFocused();
  await input.fill(PHRASE);
  const results = panel.getByTestId('search-result');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Chapter 1');
  await expect(results.first()).toContainText('Scene 2');
  // The matched words are marked (one <mark> per matched word or one for the phrase).
  await expect
    .poll(async () => (await results.first().locator('mark').allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim().toLowerCase())
    .toBe(PHRASE);

  await results.first().click();
  await expect(sceneTitle(page)).toHaveValue('Scene 2');
  await expect(editor(page)).toContainText(PHRASE);
  await expect(editor(page)).toBeFocused();
  // A string, as this file is type-checked without the DOM library (it runs in Node).
  await expect.poll(() => page.evaluate<string>('String(window.getSelection() ?? "")')).toBe(PHRASE);
  await expect(editor(page).getByText(PHRASE, { exact: false })).toBeInViewport();

  // A phrase that is nowhere says so.
  await input.fill('zzyzx nowhere');
  await expect(panel.getByTestId('search-empty')).toContainText('No scene contains “zzyzx nowhere”');
});
