import { fakeAi } from './ai-helpers';
import { expect, openApp, test } from './helpers';

// Runs last among the AI flows (files run in name order): it takes the fake providers away.
test.afterAll(async () => {
  await fakeAi('start');
});

test('with no model reachable, onboarding and the status say what to do', async ({ page }) => {
  await fakeAi('stop');
  await openApp(page, { onboarding: true });
  const onboarding = page.getByTestId('onboarding');
  await expect(onboarding).toBeVisible();
  await expect(page.getByTestId('onboarding-ollama-status')).toContainText(/Ollama is not running/i);
  await expect(onboarding).toContainText(/Start Ollama|install/i);
  await page.getByTestId('onboarding-dismiss').click();
  await expect(onboarding).toBeHidden();
  await expect(page.getByTestId('ai-status')).toContainText(/Ollama not running/i);

  // Once Ollama is back, the status says so.
  await fakeAi('start');
  await page.reload();
  await expect(page.getByTestId('ai-status')).toContainText(/AI ready/i);
});
