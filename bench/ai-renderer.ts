import type { Browser, Page } from '@playwright/test';
import type { FakeLlmServer } from '../src/main/testing/fake-llm-server';

export interface RendererTimings {
  streams: Array<{ firstTokenMs: number; tokensPerSecond: number }>;
  inputLatency: { idle: number[]; streaming: number[] };
}

/** Sends a chat message by clicking Send and times, in the page, the reply's first text and its end. */
async function timeOneReply(page: Page, tokens: number): Promise<{ firstTokenMs: number; tokensPerSecond: number }> {
  await page.getByTestId('chat-input').fill('Go on.');
  return page.evaluate(async (expectedTokens) => {
    const replies = () => [...document.querySelectorAll<HTMLElement>('[data-testid="chat-message"][data-role="assistant"]')];
    const before = replies().length;
    const start = performance.now();
    let first = 0;
    const done = new Promise<number>((resolve) => {
      const check = () => {
        const reply = replies()[before];
        if (!reply) return;
        const text = reply.textContent ?? '';
        if (!first && text.includes('word0')) first = performance.now();
        if (text.includes('THE-END')) {
          observer.disconnect();
          resolve(performance.now());
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    document.querySelector<HTMLButtonElement>('[data-testid="chat-send"]')?.click();
    const end = await done;
    return { firstTokenMs: first - start, tokensPerSecond: expectedTokens / ((end - first) / 1000) };
  }, tokens);
}

/** Types into the editor and records, per keystroke, the time from the key event to the next frame. */
async function typeAndTime(page: Page, text: string): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[] };
    w.__latencies = [];
    document.addEventListener(
      'keydown',
      (event) => {
        requestAnimationFrame((frame) => w.__latencies.push(frame - event.timeStamp));
      },
      { capture: true },
    );
  });
  await page.locator('[contenteditable="true"]').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay: 35 });
  return page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
}

/**
 * The renderer's side of the AI benchmark: chat replies timed in the page as they appear, and
 * the editor's input latency idle and while a long reply streams.
 */
export async function measureRenderer(browser: Browser, url: string, options: { runs: number; fake: FakeLlmServer; tokens: number }): Promise<RendererTimings> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx compiles with keepNames, which wraps functions passed to page.evaluate in a __name() helper
  // that only exists in Node; give the page a no-op one.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  await page.goto(url);
  await page.getByTestId('new-project').first().click();
  await page.getByTestId('project-title-input').fill('Benchmark');
  await page.getByTestId('create-project-submit').click();
  await page.locator('[contenteditable="true"]').first().waitFor();
  await page.keyboard.press('Control+Shift+A');
  await page.getByTestId('chat-input').waitFor();

  const streams: RendererTimings['streams'] = [];
  for (let i = 0; i < options.runs; i += 1) streams.push(await timeOneReply(page, options.tokens));

  const sample = 'The tide came in over the causeway. ';
  const idle = await typeAndTime(page, sample);
  // A long, steady reply: 2,000 tokens at 4 ms each keeps the stream running while we type.
  options.fake.setReply(Array.from({ length: 2_000 }, (_, i) => `tok${i % 97}`).join(' '));
  options.fake.setTokenDelay(4);
  await page.getByTestId('chat-input').fill('Write at length.');
  await page.getByTestId('chat-send').click();
  await page.locator('[data-testid="chat-message"][data-role="assistant"][data-status="streaming"]').first().waitFor();
  const streaming = await typeAndTime(page, sample);
  await page.getByTestId('chat-stop').click();
  await page.close();
  return { streams, inputLatency: { idle, streaming } };
}
