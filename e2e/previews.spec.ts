import type { Page } from '@playwright/test';
import { createProject, editor, expect, openApp, openPanel, test, uniqueTitle, waitSaved } from './helpers';

/** Types "Plain words, bold words and italic words." with Ctrl+B and Ctrl+I around the marked words. */
async function typeFormatted(page: Page): Promise<void> {
  await editor(page).click();
  await page.keyboard.type('Plain words, ');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type('bold words');
  await page.keyboard.press('ControlOrMeta+B');
  await page.keyboard.type(' and ');
  await page.keyboard.press('ControlOrMeta+I');
  await page.keyboard.type('italic words');
  await page.keyboard.press('ControlOrMeta+I');
  await page.keyboard.type('.');
  await expect(editor(page).locator('strong')).toHaveText('bold words');
  await expect(editor(page).locator('em')).toHaveText('italic words');
}

const SHOTS = process.env.NOVA_E2E_SHOTS;

test('a snapshot preview keeps bold and italic', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Formatted snapshot'));
  await typeFormatted(page);
  await waitSaved(page);

  const panel = await openPanel(page, 'Snapshots');
  await panel.getByRole('textbox', { name: 'Snapshot label' }).fill('With formatting');
  await panel.getByRole('button', { name: 'Take snapshot' }).click();
  const item = panel.getByTestId('snapshot-item').filter({ hasText: 'With formatting' });
  await item.getByRole('button', { name: 'Preview' }).click();

  const scene = page.getByRole('dialog', { name: 'With formatting' }).getByTestId('snapshot-preview-scene');
  await expect(scene).toContainText('Plain words, bold words and italic words.');
  await expect(scene.locator('strong')).toHaveText('bold words');
  await expect(scene.locator('em')).toHaveText('italic words');
  // Read-only: nothing in the preview can be edited.
  await expect(scene.locator('[contenteditable="true"]')).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/snapshot-preview.png` });
});

test('the recovery notice previews, with formatting, the text it brings back and the text it replaces', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Recovery'));
  await editor(page).click();
  await page.keyboard.type('The saved opening.');
  await waitSaved(page);
  const sceneId = /\/scene\/([0-9a-f-]{36})$/i.exec(page.url())?.[1];
  expect(sceneId).toBeTruthy();

  // What a crash leaves behind: a journal copy newer than the stored scene.
  const unsaved = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Recovered ' },
          { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'slanted', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' text <img src=x onerror=alert(1)>.' },
        ],
      },
    ],
  };
  await page.evaluate(
    ([id, content]) => {
      const entry = { sceneId: id, content, baseRevision: 1, writtenAt: Date.now() + 60_000 };
      window.localStorage.setItem(`nova.journal.${id}`, JSON.stringify(entry));
    },
    [sceneId, unsaved] as const,
  );
  await page.reload();

  const notice = page.getByTestId('recovery-notice');
  await expect(notice).toBeVisible();
  const incoming = notice.getByTestId('recovery-preview-unsaved');
  await expect(incoming).toContainText('Recovered bold and slanted text <img src=x onerror=alert(1)>.');
  await expect(incoming.locator('strong')).toHaveText('bold');
  await expect(incoming.locator('em')).toHaveText('slanted');
  await expect(incoming.locator('img')).toHaveCount(0);
  await expect(notice.getByTestId('recovery-preview-saved')).toContainText('The saved opening.');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/recovery-notice.png` });

  await notice.getByTestId('recovery-restore').click();
  await expect(notice).toBeHidden();
  await expect(editor(page).locator('strong')).toHaveText('bold');
  await expect(editor(page)).toContainText('Recovered bold and slanted text');
  await waitSaved(page);
  // The text it replaced is kept as a snapshot.
  const panel = await openPanel(page, 'Snapshots');
  await expect(panel.getByTestId('snapshot-item').filter({ hasText: 'Before recovering unsaved text' })).toHaveCount(1);
});
