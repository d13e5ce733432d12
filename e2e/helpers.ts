import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { E2E_TOKEN } from './e2e.constants';

/** Playwright's test, failing any test during which the page threw an uncaught exception. */
export const test = base.extend<{ failOnPageError: void }>({
  failOnPageError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      await use();
      expect(errors, 'uncaught exceptions in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let counter = 0;

/** A project title no other test (or earlier run on the same data folder) uses. */
export function uniqueTitle(base: string): string {
  counter += 1;
  return `${base} ${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Opens the app with the launch token and waits for the dashboard. The writing-studio flows
 * run with no model available; like a writer who chose "Set up later", they have the AI
 * onboarding dismissed (the AI flows test onboarding themselves).
 */
export async function openApp(page: Page, options: { onboarding?: boolean } = {}): Promise<void> {
  if (!options.onboarding) {
    await page.addInitScript(() => window.localStorage.setItem('nova.onboarding.dismissed', '1'));
  }
  await page.goto(`/?token=${E2E_TOKEN}`);
  await expect(page.getByTestId('new-project')).toBeVisible();
}

/**
 * Creates a project from the dashboard and waits until it is open on its first scene
 * (a new project starts with Chapter 1 / Scene 1).
 */
export async function createProject(page: Page, title: string): Promise<void> {
  await page.getByTestId('new-project').click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('project-title')).toContainText(title);
  await expect(sceneTitle(page)).toHaveValue('Scene 1');
  await expect(editor(page)).toBeVisible();
}

/** The scene's rich-text editor (the ProseMirror contenteditable). */
export function editor(page: Page): Locator {
  return page.getByLabel('Scene text', { exact: true });
}

/** The editable title above the scene text. */
export function sceneTitle(page: Page): Locator {
  // By test id: the tree's inline rename field is also labelled "Scene title".
  return page.getByTestId('scene-title');
}

/** Puts the caret at the end of the text and types the paragraphs, Enter between them. */
export async function typeParagraphs(page: Page, paragraphs: readonly string[]): Promise<void> {
  const text = editor(page);
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  for (const [index, paragraph] of paragraphs.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(paragraph);
  }
}

/** Replaces the whole scene text with `paragraph`. */
export async function replaceText(page: Page, paragraph: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(paragraph);
}

/**
 * Waits until the autosave reports the text is on disk. Typing flips the status to
 * "Saving…" synchronously (the editor's update handler runs inside the key event), so a
 * "Saved" seen after typing is the save of that typing.
 */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved', { timeout: 15_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** A row of the manuscript tree by its title. */
export function sceneRow(page: Page, title: string): Locator {
  return page.getByTestId('outline-scene').filter({ has: page.getByTestId('outline-scene-title').getByText(title, { exact: true }) });
}

export function chapterRow(page: Page, title: string): Locator {
  return page.getByTestId('outline-chapter').filter({ has: page.getByTestId('outline-chapter-title').getByText(title, { exact: true }) });
}

/** Opens a scene from the tree and waits until the editor shows it. */
export async function openScene(page: Page, title: string): Promise<void> {
  await sceneRow(page, title).getByTestId('outline-scene-title').click();
  await expect(sceneTitle(page)).toHaveValue(title);
  await expect(editor(page)).toBeVisible();
}

/** Adds a scene to a chapter with its + button; the new scene opens with its title in inline rename. */
export async function addScene(page: Page, chapterTitle: string, expectedTitle: string): Promise<void> {
  const chapter = chapterRow(page, chapterTitle);
  await chapter.getByTestId('outline-chapter-title').hover();
  await chapter.getByRole('button', { name: `Add a scene to ${chapterTitle}` }).click();
  await finishInlineRename(page);
  await expect(sceneTitle(page)).toHaveValue(expectedTitle);
  await expect(editor(page)).toBeVisible();
}

/** Adds a chapter; the new chapter's title opens in inline rename, which this accepts as is. */
export async function addChapter(page: Page, expectedTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Add chapter', exact: true }).click();
  await finishInlineRename(page);
  await expect(chapterRow(page, expectedTitle)).toBeVisible();
}

/** A new chapter or scene starts in inline rename: press Enter to keep the proposed title. */
async function finishInlineRename(page: Page): Promise<void> {
  const rename = page.getByTestId('outline-rename-input');
  await expect(rename).toBeFocused();
  await rename.press('Enter');
  await expect(rename).toBeHidden();
}

/** Opens a tab of the right-hand panel (Codex, Snapshots, Search, Memory). */
export async function openPanel(page: Page, tab: 'Codex' | 'Snapshots' | 'Search' | 'Memory'): Promise<Locator> {
  const panel = page.getByRole('complementary', { name: 'Project tools' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Show panel' }).click();
  await panel.getByRole('tab', { name: tab }).click();
  await expect(panel.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  return panel;
}

/** Text that must never reach the user: stack frames and raw error prefixes. */
export const STACK_TRACE = /\bat [\w$.<>]+ \(|\bat Object\.|\w*Error: |\bat async\b|node_modules|\.tsx?:\d+/;

/** Fails if anything on the page looks like a stack trace or a raw exception. */
export async function expectNoStackTrace(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(STACK_TRACE);
}

/**
 * Records the text of every error toast from page load on (toasts vanish by themselves, so a
 * look at the screen can miss one that came and went). Call before `openApp`.
 */
export async function recordErrorToasts(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __novaErrorToasts: string[] }).__novaErrorToasts = seen;
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          const alerts = node.matches('[data-testid="toaster"] [role="alert"]') ? [node] : [...node.querySelectorAll('[data-testid="toaster"] [role="alert"]')];
          for (const alert of alerts) seen.push(alert.textContent ?? '');
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { __novaErrorToasts: string[] }).__novaErrorToasts]);
}
