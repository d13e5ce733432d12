import { enqueueTestJob } from './ai-helpers';
import { expect, expectNoStackTrace, openApp, test } from './helpers';

/*
 * The jobs view against the browser mode with its test-only `test.rows` job kind (registered by
 * scripts/web-fake-ai.ts only): an AI flow by file name so it runs against that server.
 */

test('background jobs: progress shows, a running job is cancelled and a failed one retried', async ({ page }) => {
  await openApp(page);
  const long = await enqueueTestJob({ count: 600, delayMs: 100 });
  const failing = await enqueueTestJob({ count: 7, delayMs: 0, failFirstRun: true });

  const indicator = page.getByTestId('jobs-indicator');
  await expect(indicator).toContainText(/running|failed/);
  await indicator.click();
  const dialog = page.getByRole('dialog', { name: 'Background jobs' });
  await expect(dialog).toBeVisible();

  // The long job's bar moves.
  const longRow = dialog.getByTestId('job-row').filter({ hasText: long.title });
  const bar = longRow.getByRole('progressbar', { name: `Progress of ${long.title}` });
  await expect(bar).toHaveAttribute('aria-valuemax', '600');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(2);
  await expect(longRow).toContainText(/Row \d+ of 600/);

  // The failing job failed with its sentence; Retry runs it again to the end.
  const failedRow = dialog.getByTestId('job-row').filter({ hasText: failing.title });
  await expect(failedRow).toHaveAttribute('data-status', 'failed');
  await expect(failedRow.getByRole('alert')).toHaveText('The test job failed on purpose; retry it.');
  await failedRow.getByRole('button', { name: `Retry ${failing.title}` }).click();
  await expect(failedRow).toHaveAttribute('data-status', 'succeeded');

  // Cancel stops the long one: it ends cancelled, well short of its end.
  await longRow.getByRole('button', { name: `Cancel ${long.title}` }).click();
  await expect(longRow).toHaveAttribute('data-status', 'cancelled');

  // Finished jobs fold away under "Finished recently"; nothing runs, so the indicator goes.
  const finished = dialog.locator('details.jobs-finished');
  await finished.getByText(/Finished recently/).click();
  await expect(finished.getByRole('button', { name: `Retry ${long.title}` })).toBeVisible();
  const stoppedAt = Number(await bar.getAttribute('aria-valuenow'));
  expect(stoppedAt).toBeLessThan(600);
  // The work stopped: the count stays where it was.
  await expect(longRow.locator('.job-row__count')).toHaveText(`${stoppedAt.toLocaleString('en-US')} / 600`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(indicator).toBeHidden();
  await expectNoStackTrace(page);
});
