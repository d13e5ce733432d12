import type { Page } from '@playwright/test';
import { E2E_TOKEN } from './e2e.constants';
import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const TOO_LARGE = /^Not saved\.This scene is too large to save \(\d+(\.\d)? MB, the limit is 8 MB\): split it into smaller scenes\. Your text stays here/;

/** Counts the pushes of the editor's changes (scene.doc.push) the page sends, and the largest of them. */
function watchSaves(page: Page): { count: number; largest: number } {
  const seen = { count: 0, largest: 0 };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (!text.includes('"method":"scene.doc.push"')) return;
      seen.count += 1;
      seen.largest = Math.max(seen.largest, text.length);
    });
  });
  return seen;
}

/**
 * Pastes about 10 MB of prose (20,000 paragraphs, a manuscript and then some) at the caret, as
 * the clipboard would. Built inside the page: a string, as this file is type-checked without
 * the DOM library.
 */
async function pasteManuscript(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const line = 'The keeper climbed the stairs and lit the lamp for the ships that never came. '.repeat(6);
    const text = Array.from({ length: 20000 }, (_, i) => line + i).join('\\n') + '\\nTHE LAST LINE OF THE PASTE';
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The last paragraph of the scene: cheap to read, unlike the whole 10 MB text. */
const lastParagraph = (page: Page) => editor(page).locator('p').last();
const MARKER = 'THE LAST LINE OF THE PASTE';

test('a paste too large to save says so, is not sent, is kept in the window for the next open, and can be undone', async ({ page, context }) => {
  test.setTimeout(180_000);
  const saves = watchSaves(page);
  await openApp(page);
  await createProject(page, uniqueTitle('Huge paste'));
  await typeParagraphs(page, ['The first line, saved.']);
  await waitSaved(page);
  const before = saves.count;

  await page.keyboard.press('Enter');
  await pasteManuscript(page);
  await expect(lastParagraph(page)).toHaveText(MARKER, { timeout: 60_000 });
  const notice = page.getByTestId('scene-too-large');
  await expect(notice).toHaveText(TOO_LARGE, { timeout: 60_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  // Refused before sending: no push of the big text went out, so none can be retried.
  expect(saves.count).toBe(before);

  // The crash journal holds the unsent change: another window on the scene merges it back in by
  // itself (a Yjs update applies on top of the stored text) and says the same.
  const address = new URL(page.url());
  address.searchParams.set('token', E2E_TOKEN); // a new tab needs the launch token again
  const other = await context.newPage();
  await other.goto(address.toString());
  await expect(lastParagraph(other)).toHaveText(MARKER, { timeout: 60_000 });
  await expect(other.getByTestId('scene-too-large')).toHaveText(TOO_LARGE, { timeout: 60_000 });
  await other.close();

  // The way out the notice offers: undo the paste, and the scene saves again.
  await page.getByTestId('scene-too-large-undo').click();
  await expect(lastParagraph(page)).not.toHaveText(MARKER, { timeout: 60_000 });
  await waitSaved(page);
  await expect(notice).toBeHidden();
  await expect(editor(page).locator('p').first()).toHaveText('The first line, saved.');
  // The paste and its undo went out together with the deleted text left out: the 20,000 pasted
  // paragraphs still travel as Yjs ids (later edits may sit next to them), not as 10 MB of text.
  expect(saves.largest).toBeLessThan(500_000);
});
