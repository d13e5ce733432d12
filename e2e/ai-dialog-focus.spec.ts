import type { Page } from '@playwright/test';
import { fakeAi } from './ai-helpers';
import { expect, openApp, test } from './helpers';

test.afterEach(async () => {
  await fakeAi('pull-steps', { steps: 4 });
});

/** Whether the focused element is inside the open AI settings dialog (a string: this file runs in Node). */
function focusInSettings(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.querySelector(\'[data-testid="ai-settings"]\')?.contains(document.activeElement) === true');
}

test('after a model download, the focus is still in AI settings and Esc closes them', async ({ page }) => {
  await fakeAi('pull-steps', { steps: 6 });
  await openApp(page);
  const opener = page.getByTestId('ai-status');
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'AI settings' });
  await expect(dialog).toBeVisible();

  await dialog.getByTestId('models-pull-name').fill('mistral');
  // A click focuses the Download button, which the progress bar then replaces.
  await dialog.getByTestId('models-pull').click();
  await expect(dialog).toContainText('mistral is downloaded and ready.');
  await expect(page.getByTestId('toaster')).toContainText('mistral is ready to use.');

  // The Cancel button of the progress view went away too: the focus must not fall to the page.
  await expect.poll(() => focusInSettings(page)).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusInSettings(page)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The focus goes back to what opened the dialog.
  await expect(opener).toBeFocused();
});

test('Tab and Shift+Tab cycle inside a dialog and never reach the page behind it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('ai-status').click();
  const dialog = page.getByRole('dialog', { name: 'AI settings' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInSettings(page), `after ${i + 1} Tab presses`).toBe(true);
  }
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInSettings(page), `after ${i + 1} Shift+Tab presses`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
