import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import mammoth from 'mammoth';
import { addScene, chapterRow, createProject, editor, expect, openApp, sceneTitle, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const CHAPTER_ONE = 'The Harbour Wakes';
const CHAPTER_TWO = 'The Long Storm';
const FIRST = 'Marisol counted eleven gulls on the breakwater before sunrise';
const SECOND = 'By noon the ferry had not come and the café ran out of bread';
const THIRD = 'The lighthouse lamp guttered twice and then held steady all night';

/** Renames a chapter in the tree (double-click, type, Enter). */
async function renameChapter(page: Page, from: string, to: string): Promise<void> {
  await chapterRow(page, from).getByTestId('outline-chapter-title').dblclick();
  const input = page.getByTestId('outline-rename-input');
  await input.fill(to);
  await input.press('Enter');
  await expect(chapterRow(page, to)).toBeVisible();
}

/**
 * A manuscript of two chapters: the first with two scenes (so there is a scene break), the
 * second with one. Each scene holds one distinctive sentence.
 */
async function writeManuscript(page: Page, title: string): Promise<void> {
  await openApp(page);
  await createProject(page, title);
  await renameChapter(page, 'Chapter 1', CHAPTER_ONE);
  await typeParagraphs(page, [`${FIRST}.`]);
  await waitSaved(page);
  await addScene(page, CHAPTER_ONE, 'Scene 2');
  await typeParagraphs(page, [`${SECOND}.`]);
  await waitSaved(page);

  await page.getByRole('button', { name: 'Add chapter', exact: true }).click();
  const rename = page.getByTestId('outline-rename-input');
  await expect(rename).toBeFocused();
  await rename.fill(CHAPTER_TWO);
  await rename.press('Enter');
  await expect(chapterRow(page, CHAPTER_TWO)).toBeVisible();
  await addScene(page, CHAPTER_TWO, 'Scene 1');
  await typeParagraphs(page, [`${THIRD}.`]);
  // Not waiting for "Saved" here on purpose: the export must save what is on screen first.
  await expect(editor(page)).toHaveText(`${THIRD}.`);
  await expect(sceneTitle(page)).toHaveValue('Scene 1');
}

/** Opens Export, picks a format and returns the downloaded file's name and path. */
async function exportAs(page: Page, format: 'Word' | 'Markdown'): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the manuscript' });
  // The radio itself is drawn over by its card; a user clicks the card (its label).
  const name = new RegExp(`^${format}`);
  const radio = dialog.getByRole('radio', { name });
  await dialog.locator('label').filter({ has: page.getByRole('radio', { name }) }).click();
  await expect(radio).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'The whole manuscript' })).toBeChecked();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const target = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(target);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toaster')).toContainText(`${file.suggestedFilename()}`);
  return { name: file.suggestedFilename(), path: target };
}

/** Asserts each string occurs in `text`, in the given order. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `“${part}” after position ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

test('DOCX export holds both chapters and their sentences, in order', async ({ page }) => {
  const title = uniqueTitle('Export docx');
  await writeManuscript(page, title);

  const file = await exportAs(page, 'Word');
  expect(file.name).toMatch(/\.docx$/);
  const { value: text } = await mammoth.extractRawText({ path: file.path });
  expectInOrder(text, [title, CHAPTER_ONE, FIRST, SECOND, CHAPTER_TWO, THIRD]);
});

test('Markdown export has chapter headings and a scene break between scenes', async ({ page }) => {
  const title = uniqueTitle('Export markdown');
  await writeManuscript(page, title);

  const file = await exportAs(page, 'Markdown');
  expect(file.name).toMatch(/\.md$/);
  const text = await readFile(file.path, 'utf8');
  expectInOrder(text, [`# ${title}\n`, `\n## ${CHAPTER_ONE}\n`, FIRST, '\n* * *\n', SECOND, `\n## ${CHAPTER_TWO}\n`, THIRD]);
  // Exactly one scene break: between the two scenes of the first chapter, not between chapters.
  expect(text.match(/^\* \* \*$/gm)).toHaveLength(1);
});
