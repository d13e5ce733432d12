import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
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
async function exportAs(page: Page, format: 'Word' | 'Markdown' | 'PDF', choose?: (dialog: Locator) => Promise<void>): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the manuscript' });
  // The radio itself is drawn over by its card; a user clicks the card (its label).
  const name = new RegExp(`^${format}`);
  const radio = dialog.getByRole('radio', { name });
  await dialog.locator('label').filter({ has: page.getByRole('radio', { name }) }).click();
  await expect(radio).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'The whole manuscript' })).toBeChecked();
  await choose?.(dialog);
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

/** Fills the "Author and exports" part of the project settings and saves. */
async function setPublishing(page: Page, fields: { author: string; language: string; contact: string }): Promise<void> {
  await page.getByTestId('project-title').click();
  const dialog = page.getByRole('dialog', { name: 'Project settings' });
  await dialog.getByLabel('Author', { exact: true }).fill(fields.author);
  const language = dialog.getByLabel('Language', { exact: true });
  await language.fill('not a language');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter a language tag such as en, en-GB or fr-CA.')).toBeVisible();
  await language.fill(fields.language);
  await expect(dialog.getByText('English (United Kingdom) · PDFs on A4 paper')).toBeVisible();
  await dialog.getByLabel('Contact', { exact: true }).fill(fields.contact);
  await expect(dialog.getByTestId('project-running-head-preview')).toContainText('Quill / ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // Reopened, the settings show what was saved.
  await page.getByTestId('project-title').click();
  await expect(dialog.getByLabel('Author', { exact: true })).toHaveValue(fields.author);
  await expect(dialog.getByLabel('Language', { exact: true })).toHaveValue(fields.language);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
}

function poppler(command: 'pdftotext' | 'pdfinfo' | 'pdffonts', ...args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

test('PDF export in manuscript format carries the author, contact and language set in the project settings', async ({ page }) => {
  const title = uniqueTitle('Export pdf');
  await writeManuscript(page, title);
  await setPublishing(page, { author: 'Ada Quill', language: 'en-GB', contact: 'Ada Quill\n12 Harbour Road\nada@example.com' });

  const file = await exportAs(page, 'PDF', async (dialog) => {
    await expect(dialog.getByRole('radio', { name: /^Standard manuscript/ })).toBeChecked();
    // en-GB prints on A4 unless the writer picks another paper.
    await expect(dialog.getByLabel('Paper')).toHaveValue('a4');
    await expect(dialog.getByTestId('export-pdf-no-author')).toBeHidden();
  });
  expect(file.name).toBe(`${title}.pdf`);

  const pages = poppler('pdftotext', '-layout', file.path, '-').split('\f');
  const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');
  expectInOrder(squash(pages[0]), ['Ada Quill', '12 Harbour Road', 'ada@example.com', title, 'by Ada Quill']);
  expect(pages[0]).toMatch(/\b\d+ words\b/);
  const body = squash(pages.slice(1).join(' '));
  expectInOrder(body, [CHAPTER_ONE, FIRST, '#', SECOND, CHAPTER_TWO, THIRD]);
  const shortTitle = title.toUpperCase().split(' ').slice(0, 2).join(' ');
  expect(pages[1]?.split('\n')[0]?.trim()).toMatch(new RegExp(`^Quill / ${shortTitle}.* / 1$`));
  expect(pages[2]?.split('\n')[0]?.trim()).toMatch(/^Quill \/ .+ \/ 2$/);
  expect(poppler('pdfinfo', file.path)).toMatch(/Author:\s+Ada Quill[\s\S]*Page size:\s+595.28 x 841.89 pts \(A4\)/);
  expect(poppler('pdffonts', file.path)).toMatch(/LiberationSerif\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
});

test('PDF export as a book on the paper the writer picks', async ({ page }) => {
  const title = uniqueTitle('Export book');
  await writeManuscript(page, title);

  const file = await exportAs(page, 'PDF', async (dialog) => {
    await dialog.getByRole('radio', { name: /^Book/ }).check();
    await expect(dialog.getByLabel('Paper').locator('option')).toHaveText([/^Trade paperback/, /^A5/, /^US Letter/, /^A4/]);
    await dialog.getByLabel('Paper').selectOption('a5');
  });
  const pages = poppler('pdftotext', '-layout', file.path, '-').split('\f');
  // The title is set large and may wrap.
  expect(pages[0]?.replace(/\s+/g, ' ')).toContain(title);
  expectInOrder(pages.slice(1).join(' ').replace(/\s+/g, ' '), [CHAPTER_ONE, FIRST, '* * *', SECOND, CHAPTER_TWO, THIRD]);
  expect(poppler('pdfinfo', file.path)).toMatch(/Page size:\s+419.53 x 595.28 pts/);
});
