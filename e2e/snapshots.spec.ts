import { countWords } from '../src/shared/text/word-count';
import { createProject, editor, expect, openApp, openPanel, replaceText, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const OLD = 'The tide came in at noon and took the pier with it.';
const NEW = 'A completely rewritten opening about a quiet morning.';

test('a scene snapshot previews and restores the old text, which survives a reload', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Snapshots'));
  await typeParagraphs(page, [OLD]);
  await waitSaved(page);

  const panel = await openPanel(page, 'Snapshots');
  await expect(panel.getByRole('radio', { name: 'Scene' })).toHaveAttribute('aria-checked', 'true');
  await panel.getByRole('textbox', { name: 'Snapshot label' }).fill('Before the rewrite');
  await panel.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByTestId('toaster')).toContainText('Snapshot taken.');
  const item = panel.getByTestId('snapshot-item').filter({ hasText: 'Before the rewrite' });
  await expect(item).toContainText('Scene “Scene 1”');

  await replaceText(page, NEW);
  await waitSaved(page);
  await expect(editor(page)).toHaveText(NEW);

  await item.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog', { name: 'Before the rewrite' });
  await expect(preview.getByTestId('snapshot-preview-scene')).toContainText(OLD);
  await expect(preview).not.toContainText(NEW);

  await preview.getByRole('button', { name: 'Restore this snapshot' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore this snapshot?' });
  await expect(confirm).toContainText('Scene “Scene 1”');
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await expect(editor(page)).toHaveText(OLD);
  await expect(page.getByTestId('word-count')).toHaveText(`${countWords(OLD)} words`);
  // The restore took a safety snapshot of the rewritten text first.
  await expect(panel.getByTestId('snapshot-item')).toHaveCount(2);

  await page.reload();
  await expect(editor(page)).toHaveText(OLD);
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
});
