import { randomUUID } from 'node:crypto';
import { createProject, expect, expectNoStackTrace, openApp, recordErrorToasts, test, uniqueTitle } from './helpers';

test('a project without a title is refused beside the field, without a stack trace', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('new-project').click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  const title = dialog.getByLabel('Title');

  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give your project a title.');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();

  // Spaces only are no title either.
  await title.fill('   ');
  await title.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Give your project a title.');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('project-view')).toHaveCount(0);
  await expectNoStackTrace(page);

  // Once there is a title, the message goes and the project is created.
  const name = uniqueTitle('Titled at last');
  await title.fill(name);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-title')).toContainText(name);
});

test('a value only the core rejects comes back as a human message, and the form keeps the input', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('new-project').click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  const name = uniqueTitle('Too much genre');
  await dialog.getByLabel('Title').fill(name);
  // The dialog does not check the genre's length; the core's contract allows 2,000 characters.
  await dialog.getByLabel('Genre').fill('x'.repeat(2_001));
  await dialog.getByRole('button', { name: 'Create project' }).click();

  await expect(page.getByText(/at most 2,?000 characters/i).first()).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Title')).toHaveValue(name);
  await expect(page.getByTestId('project-view')).toHaveCount(0);
  await expectNoStackTrace(page);
});

test('a link to a project that does not exist says so and returns to the dashboard', async ({ page }) => {
  const errorToasts = await recordErrorToasts(page);
  await openApp(page);
  await page.goto(`/#/project/${randomUUID()}`);
  await expect(page.getByTestId('toaster')).toContainText('That project is no longer available');
  await expect(page.getByTestId('new-project')).toBeVisible();
  await expect(page.getByTestId('project-view')).toHaveCount(0);
  // One clear sentence, not a pile of errors about parts of the project (chapters, trash). Every
  // error toast since page load was recorded: the project's loads were answered before the
  // dashboard's list (one socket, answered in order), so any error they caused is in the record.
  expect(await errorToasts()).toEqual([]);
  await expectNoStackTrace(page);
});

test('a project moved to the trash in another tab closes cleanly in this one', async ({ page, context }) => {
  const errorToasts = await recordErrorToasts(page);
  await openApp(page);
  const name = uniqueTitle('Deleted elsewhere');
  await createProject(page, name);

  const other = await context.newPage();
  await openApp(other);
  const card = other.getByTestId('project-card').filter({ hasText: name });
  await card.getByRole('button', { name: `Actions for ${name}` }).click();
  await other.getByRole('menuitem', { name: 'Move to trash' }).click();
  await expect(card).toHaveCount(0);
  await other.close();

  await expect(page.getByTestId('toaster')).toContainText('That project is no longer available');
  await expect(page.getByTestId('project-view')).toHaveCount(0);
  await expect(page.getByTestId('new-project')).toBeVisible();
  expect(await errorToasts()).toEqual([]);
  await expectNoStackTrace(page);
});

test('a wrong token shows a connection problem, not a blank page', async ({ page }) => {
  await page.goto('/?token=not-the-right-token');
  // The shell renders at once; the dashboard waits for the core.
  await expect(page.getByText('Nova Studio', { exact: true }).first()).toBeVisible();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toBeVisible({ timeout: 5_000 });
  await expect(banner).toContainText(/connect/i);
  await expectNoStackTrace(page);
  // A refused token never gets better by retrying: after a few attempts the user must be told
  // that the app could not connect and what to do, not shown "Connecting…" forever.
  await expect(banner).toHaveText(/(could ?n[o’']t|cannot|can[’']t|unable to) (connect|reach)/i, { timeout: 15_000 });
});
