import type { Locator, Page } from '@playwright/test';
import { addScene, createProject, editor, expect, openApp, sceneRow, test, typeParagraphs, uniqueTitle } from './helpers';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const SHOTS = process.env.NOVA_E2E_SHOTS;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
}

/** The line boxes of the selection, and of every line of text above it in the editor. */
async function selectionAndLinesAbove(page: Page): Promise<{ selection: Box[]; above: Box[] }> {
  return page.evaluate(() => {
    const plain = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) throw new Error('no selection');
    const range = selection.getRangeAt(0);
    const selected = [...range.getClientRects()].filter((r) => r.width > 0).map(plain);
    const firstTop = Math.min(...selected.map((r) => r.top));
    const root = document.querySelector('.scene-prose');
    if (!root) throw new Error('no editor');
    const all = document.createRange();
    all.selectNodeContents(root);
    const lines = [...all.getClientRects()].filter((r) => r.width > 0 && r.height > 0 && r.bottom <= firstTop + 1).map(plain);
    return { selection: selected, above: lines };
  });
}

const PARAGRAPHS = [
  'The harbour lay under a low grey sky, and the boats knocked together in the swell while the gulls argued over the nets.',
  'Mara watched the lighthouse from the quay until its lamp came on, and then she walked up the hill without looking back at the town.',
  'Nobody followed her.',
];

async function expectBubbleClear(page: Page, label: string): Promise<void> {
  // Select one word in the middle of the second paragraph.
  await editor(page).locator('p').nth(1).click();
  await page.keyboard.press('ControlOrMeta+ArrowLeft');
  await page.keyboard.press('ControlOrMeta+Shift+ArrowRight');
  const bubble = page.getByTestId('ai-bubble');
  await expect(bubble).toBeVisible();
  // Let the position settle (the bubble is placed asynchronously after it appears).
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await bubble.boundingBox());
      const stable = now === last;
      last = now;
      return stable;
    })
    .toBe(true);
  const box = await boxOf(bubble);
  const { selection, above } = await selectionAndLinesAbove(page);
  expect(selection.length).toBeGreaterThan(0);
  expect(above.length).toBeGreaterThan(0);
  for (const line of selection) expect(overlaps(box, line), `${label}: bubble over the selection`).toBe(false);
  for (const line of above) expect(overlaps(box, line), `${label}: bubble over a line above the selection`).toBe(false);
  // And fully on screen.
  const viewport = page.viewportSize();
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(viewport?.width ?? 0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/bubble-${label}.png` });
}

test('the Ask AI bubble covers neither the selection nor the line above it, wide or narrow', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await openApp(page);
  await createProject(page, uniqueTitle('Bubble'));
  await typeParagraphs(page, PARAGRAPHS);
  await expectBubbleClear(page, 'wide');

  // Narrow: no margin beside the text, so the bubble goes below the selection instead.
  await page.setViewportSize({ width: 820, height: 700 });
  await editor(page).click();
  await expectBubbleClear(page, 'narrow');
});

test('a toast never covers the chat composer, wide or narrow', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await openApp(page);
  await createProject(page, uniqueTitle('Toast'));
  await addScene(page, 'Chapter 1', 'Scene 2');
  await addScene(page, 'Chapter 1', 'Scene 3');
  await addScene(page, 'Chapter 1', 'Scene 4');
  await page.keyboard.press('Control+Shift+A');
  const composer = page.getByTestId('chat-composer');
  await expect(composer).toBeVisible();

  for (const [width, title, foldSidebar] of [
    [1400, 'Scene 2', false],
    [760, 'Scene 3', false],
    // Folding the sidebar moves the chat panel to the left: no room beside it, so above it.
    [620, 'Scene 4', true],
  ] as const) {
    await page.setViewportSize({ width, height: 760 });
    const row = sceneRow(page, title);
    await row.hover();
    await row.getByRole('button', { name: `Actions for ${title}` }).click();
    await page.getByRole('menuitem', { name: /Delete scene/ }).click();
    const toast = page.getByTestId('toast-info').filter({ hasText: `“${title}” moved to the trash` });
    await expect(toast).toBeVisible();
    await expect(sceneRow(page, title)).toHaveCount(0);
    await expect(toast).toHaveCSS('opacity', '1');
    if (foldSidebar) {
      await page.keyboard.press('ControlOrMeta+Backslash');
      await expect(page.getByTestId('project-sidebar')).toHaveCount(0);
      await expect.poll(async () => overlaps(await boxOf(toast), await boxOf(composer))).toBe(false);
    }
    const toastBox = await boxOf(toast);
    const composerBox = await boxOf(composer);
    expect(overlaps(toastBox, composerBox), `toast over the composer at ${width}px`).toBe(false);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/toast-${width}.png` });
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(toast).toHaveCount(0);
  }
});
