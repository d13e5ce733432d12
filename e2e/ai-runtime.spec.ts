import type { Page, WebSocketRoute } from '@playwright/test';
import { DEFAULT_REPLY, fakeAi, fakeAiState } from './ai-helpers';
import { createProject, editor, expect, openApp, test, typeParagraphs, uniqueTitle, waitSaved } from './helpers';

const ORIGINAL = 'The storm broke over the harbour.';
/** A reply long enough to still be streaming while the test acts on it. */
const LONG = Array.from({ length: 40 }, (_, i) => `surf${i}`).join(' ');

test.afterEach(async () => {
  // A test may have stopped the fake Ollama: bring it back (a new address clears the failed call).
  await fakeAi('start');
  await fakeAi('reply', { text: DEFAULT_REPLY, tokenDelayMs: 15 });
});

/** Opens the chat and sends a question; returns the reply's bubble. */
async function ask(page: Page, question: string) {
  const panel = page.getByTestId('chat-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-send').click();
  return page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
}

test('the status turns from ready to a problem when Ollama dies mid-reply', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Status'));
  const status = page.getByTestId('ai-status');
  await expect(status).toHaveAttribute('data-tone', 'ready');
  await fakeAi('reply', { text: LONG, tokenDelayMs: 60 });

  const reply = await ask(page, 'What does the keeper hear?');
  await expect(reply).toContainText('surf2');
  await fakeAi('stop');
  await expect(reply).toHaveAttribute('data-status', 'error');
  await expect(status).toHaveAttribute('data-tone', 'problem');
  await expect(status).toContainText('Ollama');
});

test('a reply that breaks off turns the status to a problem, and the next reply that works turns it back', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Status back'));
  const status = page.getByTestId('ai-status');
  await expect(status).toHaveAttribute('data-tone', 'ready');
  // Ollama still lists its models; only the reply shows that it cannot write.
  await fakeAi('fail', { failure: { dropMidStream: true }, scope: { provider: 'ollama', path: '/api/chat' } });

  const broken = await ask(page, 'Who keeps the light?');
  await expect(broken).toHaveAttribute('data-status', 'error');
  await expect(status).toHaveAttribute('data-tone', 'problem');
  await expect(status).toContainText('AI: Ollama not answering');

  const working = await ask(page, 'Who keeps the light, then?');
  await expect(working).toHaveAttribute('data-status', 'complete');
  await expect(status).toHaveAttribute('data-tone', 'ready');
  await expect(status).toContainText('AI ready');
});

/** Selects the whole scene and asks for a rewrite; returns the suggestion card. */
async function rewriteAll(page: Page) {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+J');
  await page.getByTestId('ai-action-rewrite').click();
  return page.getByTestId('ai-suggestion');
}

test('a “trying again” notice goes away once the suggestion is finished', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Retry'));
  await typeParagraphs(page, [ORIGINAL]);
  await waitSaved(page);
  await fakeAi('reply', { text: LONG, tokenDelayMs: 40 });
  await fakeAi('fail', { failure: { status: 503 }, scope: { provider: 'ollama', path: '/api/chat' } });

  const suggestion = await rewriteAll(page);
  await expect(suggestion.getByTestId('ai-notice')).toContainText('Trying again');
  await expect(suggestion).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(page.getByTestId('ai-suggestion-text')).toContainText('surf39');
  await expect(suggestion.getByTestId('ai-notice')).toHaveCount(0);
});

test('a failed rewrite shows the text plain again, and Discard leaves it exactly as it was', async ({ page }) => {
  await openApp(page);
  await createProject(page, uniqueTitle('Failed rewrite'));
  await typeParagraphs(page, [ORIGINAL]);
  await waitSaved(page);
  const before = await editor(page).innerHTML();
  // The drop comes after ~1.2 s of streaming, so the struck-through passage is seen even on a
  // loaded machine (3 chunks of 40 ms was a window a busy CI could miss between two polls).
  await fakeAi('reply', { text: LONG, tokenDelayMs: 80 });
  await fakeAi('fail', { failure: { dropMidStream: { afterChunks: 15 } }, scope: { provider: 'ollama', path: '/api/chat' } });

  const suggestion = await rewriteAll(page);
  // While it streams, the passage it would replace is struck through.
  await expect(editor(page).locator('.ai-target')).toHaveText(ORIGINAL);
  await expect(suggestion).toHaveAttribute('data-phase', 'failed');
  await expect(suggestion.getByTestId('ai-error')).toBeVisible();
  await expect(editor(page).locator('.ai-target')).toHaveCount(0);
  await expect(editor(page).locator('p').first()).toHaveText(ORIGINAL);
  await expect(editor(page).locator('p').first()).toHaveCSS('text-decoration-line', 'none');

  await suggestion.getByTestId('ai-reject').click();
  await expect(suggestion).toHaveCount(0);
  expect(await editor(page).innerHTML()).toBe(before);
});

test('a chat reply that finishes while the page is cut off shows its whole text once it reconnects', async ({ page }) => {
  let cutOff = false;
  const connections: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
  await page.routeWebSocket(/\/ipc\?/, (ws) => {
    // While cut off, every attempt to reconnect fails, as with a network that is down.
    if (cutOff) return void ws.close();
    connections.push({ page: ws, server: ws.connectToServer() });
  });
  await openApp(page);
  await createProject(page, uniqueTitle('Reconnect'));
  await fakeAi('reply', { text: LONG, tokenDelayMs: 60 });

  const reply = await ask(page, 'What does the sea do?');
  await expect(reply).toContainText('surf2');
  cutOff = true;
  for (const connection of connections.splice(0)) {
    await connection.server.close();
    await connection.page.close();
  }
  // The core goes on with the reply (the page may come back) and finishes it meanwhile.
  await expect.poll(() => fakeAiState(), { timeout: 15_000 }).toEqual({ runningStreams: 0, openRequests: 0 });
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(reply).not.toContainText('surf39');

  cutOff = false;
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 15_000 });
  await expect(reply).toContainText(LONG);
});
