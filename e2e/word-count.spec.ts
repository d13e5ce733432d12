import { countWords } from '../src/shared/text/word-count';
import { WORD_COUNT_SAMPLES } from '../src/shared/text/word-count.samples';
import { createProject, editor, expect, openApp, sceneRow, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';
import type { Page } from '@playwright/test';

/** Every sample with words in it, one paragraph each: English, French, German, Russian, CJK, emoji, numbers, dashes… */
const MIXED = WORD_COUNT_SAMPLES.filter((sample) => sample.words > 0).map((sample) => sample.text);

/** The header's live count, the tree's stored count of the scene and the manuscript total of the sidebar. */
async function expectCounts(page: Page, words: number): Promise<void> {
  await expect(page.getByTestId('word-count')).toHaveText(`${words.toLocaleString('en')} words`);
  await expect(sceneRow(page, 'Scene 1')).toHaveAttribute('aria-label', `Scene 1, ${words.toLocaleString('en')} words`);
  await expect(page.getByTestId('stats-project-words')).toHaveText(words.toLocaleString('en'));
}

test('the header, the tree and the sidebar count mixed-script text alike, as the core does', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Counting'));

  const [first, ...rest] = MIXED;
  await typeParagraphs(page, [first ?? '']);
  await waitSaved(page);
  await expectCounts(page, countWords(first ?? ''));

  // Reopened, the scene starts from its stored count; text typed on top is counted the same way.
  await page.reload();
  await expect(editor(page)).toContainText(first ?? '');
  await typeParagraphs(page, ['', ...rest]);
  await waitSaved(page);
  await expectCounts(page, countWords(MIXED.join('\n\n')));
  // …which is the documented count of every sample.
  expect(countWords(MIXED.join('\n\n'))).toBe(WORD_COUNT_SAMPLES.reduce((sum, sample) => sum + sample.words, 0));
});
