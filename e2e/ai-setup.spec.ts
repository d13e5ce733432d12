import { DEFAULT_REPLY, fakeAi } from './ai-helpers';
import { createProject, expect, openApp, test, uniqueTitle } from './helpers';

// Each flow changes what the fake Ollama has installed (or stops it): put the first-run setup back.
test.afterEach(async () => {
  await fakeAi('start');
  await fakeAi('reset-setup');
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

test('with only an embedding model, onboarding says writing is not set up and offers the download', async ({ page }) => {
  await fakeAi('models', { models: [{ name: 'nomic-embed-text:latest', sizeBytes: 274_302_450 }] });
  await openApp(page, { onboarding: true });
  const onboarding = page.getByTestId('onboarding');
  await expect(onboarding).toBeVisible();
  await expect(onboarding.getByRole('heading', { name: 'Set up AI writing' })).toBeVisible();
  await expect(page.getByTestId('onboarding-ready')).toHaveCount(0);
  await expect(page.getByTestId('onboarding-missing')).toContainText('No model can write yet: nomic-embed-text:latest only indexes text for search.');
  await expect(page.getByTestId('onboarding-missing')).toContainText('llama3.2 (Ollama)');

  // The download it offers completes the setup, and the guide names the model that will write.
  await page.getByTestId('onboarding-pull').click();
  await expect(onboarding.getByRole('heading', { name: 'You’re all set' })).toBeVisible();
  await expect(page.getByTestId('onboarding-model')).toContainText('Writing with llama3.2:latest (Ollama).');
  await page.getByTestId('onboarding-done').click();
  await expect(onboarding).toBeHidden();
  await expect(page.getByTestId('ai-status')).toContainText('AI ready');
});

test('a tagged Ollama model fits the route; the tag picked in AI settings → Models is used and kept', async ({ page }) => {
  await fakeAi('models', {
    models: [
      { name: 'llama3.2:3b', sizeBytes: 2_019_393_189 },
      { name: 'llama3.2:1b', sizeBytes: 1_321_098_329 },
      { name: 'nomic-embed-text:latest', sizeBytes: 274_302_450 },
    ],
  });
  await openApp(page);
  await createProject(page, uniqueTitle('Tags'));
  await expect(page.getByTestId('ai-status')).toContainText('AI ready');

  await page.getByTestId('ai-status').click();
  const settings = page.getByTestId('ai-settings');
  const creative = settings.getByTestId('models-route-creative');
  await expect(creative).toContainText('Needs llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic)');
  // No "latest" installed: the smallest tag.
  await expect(creative.getByTestId('models-route-uses')).toHaveText('Uses llama3.2:1b (Ollama)');
  const picker = settings.getByTestId('ollama-tag-llama3.2');
  await expect(picker).toHaveValue(':automatic');
  await picker.selectOption('3b');
  await expect(creative.getByTestId('models-route-uses')).toHaveText('Uses llama3.2:3b (Ollama)');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // The chat reply comes from the picked tag.
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('What does the keeper hear?');
  await page.getByTestId('chat-send').click();
  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).toContainText('llama3.2:3b');

  // The pick is saved: a reload still shows it.
  await page.reload();
  await page.getByTestId('ai-status').click();
  await expect(page.getByTestId('ollama-tag-llama3.2')).toHaveValue('3b');
});

test('with no Ollama and no key, a chat message gets one error that names the problem and the fix', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('No AI'));
  await fakeAi('stop');
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill('Who is the keeper?');
  await page.getByTestId('chat-send').click();

  const reply = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(reply).toHaveAttribute('data-status', 'error');
  const error = reply.getByTestId('chat-error');
  await expect(error).toHaveCount(1);
  await expect(error).toContainText(/^Ollama isn’t running at http:\/\/127\.0\.0\.1:\d+ and no OpenAI or Anthropic key is set\. Start Ollama or add a key in AI settings → Keys\./);
  await expect(page.getByTestId('chat-notice')).toHaveCount(0);
  await expect(error.getByTestId('chat-open-settings')).toBeVisible();
});
