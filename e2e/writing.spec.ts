import { countWords } from '../src/shared/text/word-count';
import { createProject, editor, expect, openApp, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const PARAGRAPHS = [
  'The lighthouse keeper counted the ships that never came.',
  'Every evening she climbed the hundred and twelve steps, lit the lamp, and waited.',
  'On the third night of the storm, a light answered hers from the sea.',
] as const;
const WORDS = countWords(PARAGRAPHS.join('\n'));

test('typed text is saved and is still there, with its word count, after a reload', async ({ page }) => {
  const title = uniqueTitle('Writing');
  await openApp(page);
  await createProject(page, title);

  // A new project opens on its first scene, in its first chapter.
  await expect(page.getByTestId('outline-chapter-title')).toHaveText(['Chapter 1']);
  await expect(page.getByTestId('outline-scene-title')).toHaveText(['Scene 1']);
  await expect(page.getByTestId('outline-scene').first()).toHaveAttribute('aria-selected', 'true');

  await typeParagraphs(page, PARAGRAPHS);
  await waitSaved(page);
  await expect(page.getByTestId('word-count')).toHaveText(`${WORDS} words`);
  await expect(editor(page).locator('p')).toHaveText([...PARAGRAPHS]);

  await page.reload();
  // The address remembers the open project and scene, so a reload returns to them.
  await expect(page.getByTestId('project-title')).toContainText(title);
  await expect(sceneTitle(page)).toHaveValue('Scene 1');
  await expect(editor(page).locator('p')).toHaveText([...PARAGRAPHS]);
  await expect(page.getByTestId('word-count')).toHaveText(`${WORDS} words`);
  await expect(page.getByTestId('stats-project-words')).toHaveText(String(WORDS));

  // And from the dashboard: the card counts the words, and opening it reopens the scene.
  await page.getByRole('button', { name: 'Back to projects' }).click();
  const card = page.getByTestId('project-card').filter({ hasText: title });
  await expect(card.getByTestId('project-word-count')).toHaveText(`${WORDS} words`);
  await card.getByRole('button', { name: title, exact: true }).click();
  await expect(sceneTitle(page)).toHaveValue('Scene 1');
  await expect(editor(page).locator('p')).toHaveText([...PARAGRAPHS]);
  await expect(page.getByTestId('word-count')).toHaveText(`${WORDS} words`);
});

test('bold formatting made with Ctrl+B survives a reload', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Formatting'));

  await editor(page).click();
  await page.keyboard.type('Plain words then ');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('bold words');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type(' and plain again.');
  await expect(editor(page).locator('strong')).toHaveText('bold words');
  await waitSaved(page);

  await page.reload();
  await expect(editor(page)).toContainText('Plain words then bold words and plain again.');
  await expect(editor(page).locator('strong')).toHaveText('bold words');
  await expect(editor(page).locator('p')).toHaveCount(1);
});
