import { DEFAULT_REPLY, fakeAi } from './ai-helpers';
import { createProject, expect, openApp, test, uniqueTitle } from './helpers';

test.afterEach(async () => {
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('the chat asks one question back for a vague request, and its picker sends to a playbook or to plain chat', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Crew chat'));
  await page.keyboard.press('Control+Shift+A');

  const picker = page.getByTestId('chat-route');
  await expect(picker).toHaveValue('auto');
  // The shipped playbooks come from the core.
  await expect(picker.locator('optgroup[label="Playbooks"] option')).toHaveText([
    'Continuity and style pass on a chapter',
    'Develop a character',
    'Draft a chapter from its outline',
    'Brainstorm what happens next',
  ]);
  const replies = page.locator('[data-testid="chat-message"][data-role="assistant"]');

  // Auto: too vague to act on, so the crew asks instead of guessing; nothing streams.
  await page.getByTestId('chat-input').fill('Make it better');
  await page.getByTestId('chat-send').click();
  await expect(replies.last()).toContainText('What would you like the crew to do, and on what');
  await expect(replies.last()).toHaveAttribute('data-status', 'complete');

  // A picked playbook whose target the message does not name asks for it.
  await picker.selectOption('playbook:develop-character');
  await page.getByTestId('chat-input').fill('Go ahead');
  await page.getByTestId('chat-send').click();
  await expect(replies).toHaveCount(2);
  await expect(replies.last()).toContainText('Which codex entry should “Develop a character” work on?');

  // Just chat: even a crew-shaped request is answered in the chat, streamed.
  await picker.selectOption('chat');
  await page.getByTestId('chat-input').fill('Draft chapter 1 from its outline');
  await page.getByTestId('chat-send').click();
  await expect(replies).toHaveCount(3);
  await expect(replies.last()).toContainText(DEFAULT_REPLY);
  await expect(replies.last()).toHaveAttribute('data-status', 'complete');

  // The questions back are stored replies: they are there after a reload.
  await page.reload();
  await page.keyboard.press('Control+Shift+A');
  await expect(page.locator('[data-testid="chat-message"][data-role="assistant"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="chat-message"][data-role="assistant"]').first()).toContainText('What would you like the crew to do');
});

test('a chat message that starts a playbook shows a run card with its live status, and Open run shows the run', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Crew card'));
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('Draft chapter 1 from its outline');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toContainText('Started “Draft a chapter from its outline” on Chapter 1.');
  const card = reply.getByTestId('chat-run-card');
  await expect(card.getByTestId('chat-run-title')).toContainText('Draft a chapter from its outline');
  // The status follows the run (run.changed) until its proposals wait for the writer.
  await expect(card.getByTestId('chat-run-status')).toHaveText('Ready for review', { timeout: 60_000 });
  await expect(reply.getByTestId('chat-regenerate')).toHaveCount(0);

  await card.getByTestId('chat-run-open').click();
  const view = page.getByTestId('crew-panel').getByTestId('run-view');
  await expect(view.getByRole('heading', { name: /Draft a chapter from its outline/ })).toBeVisible();
  await expect(view.getByTestId('run-status')).toHaveText('Ready for review');
});
