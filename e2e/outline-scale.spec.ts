import { connectWsClient } from '../src/main/testing/ws-client';
import { E2E_PORT, E2E_TOKEN } from './e2e.constants';
import { expect, openApp, sceneRow, sceneTitle, test, uniqueTitle } from './helpers';

const CHAPTERS = 20;
const SCENES_PER_CHAPTER = 100;

/** Seeds a 2,000-scene project through the core's WebSocket (pipelined, as fast as the core answers). */
async function seedLongProject(title: string): Promise<{ projectId: string; sceneIds: string[][] }> {
  const client = await connectWsClient(`http://127.0.0.1:${E2E_PORT}`, E2E_TOKEN);
  try {
    const project = await client.call('project.create', { title });
    const [first] = (await client.call('outline.get', { projectId: project.id })).chapters;
    if (first) await client.call('chapter.delete', { id: first.id });
    const sceneIds: string[][] = [];
    for (let c = 1; c <= CHAPTERS; c += 1) {
      const chapter = await client.call('chapter.create', { projectId: project.id, title: `Part ${c}` });
      const created = await Promise.all(
        Array.from({ length: SCENES_PER_CHAPTER }, (_, s) => client.call('scene.create', { chapterId: chapter.id, title: `Scene ${c}.${s + 1}`, position: s })),
      );
      sceneIds.push(created.map((scene) => scene.id));
    }
    return { projectId: project.id, sceneIds };
  } finally {
    client.close();
  }
}

test('a 2,000-scene outline renders only what is on screen, and every scene is still reachable', async ({ page }) => {
  test.setTimeout(180_000);
  const title = uniqueTitle('Long book');
  const { projectId, sceneIds } = await seedLongProject(title);
  await openApp(page);
  await page.goto(`/?token=${E2E_TOKEN}#/project/${projectId}`);
  const tree = page.getByTestId('outline-tree');
  await expect(tree.getByRole('treeitem').first()).toBeVisible();

  // Windowed: a screenful of rows, not 2,020 — yet each row tells assistive tech its place in the whole.
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(150);
  const firstScene = sceneRow(page, 'Scene 1.1');
  await expect(firstScene).toHaveAttribute('aria-posinset', '1');
  await expect(firstScene).toHaveAttribute('aria-setsize', String(SCENES_PER_CHAPTER));
  await expect(tree.getByTestId('outline-chapter').first()).toHaveAttribute('aria-setsize', String(CHAPTERS));

  // The keyboard reaches the last row, which is scrolled into view and focused.
  await firstScene.click();
  await expect(sceneTitle(page)).toHaveValue('Scene 1.1');
  await firstScene.press('End');
  const lastScene = sceneRow(page, `Scene ${CHAPTERS}.${SCENES_PER_CHAPTER}`);
  await expect(lastScene).toBeFocused();
  await expect(lastScene).toBeInViewport();
  await lastScene.press('Enter');
  await expect(sceneTitle(page)).toHaveValue(`Scene ${CHAPTERS}.${SCENES_PER_CHAPTER}`);
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(150);

  // A scene opened from elsewhere (here: its address) is scrolled into view in the tree, selected.
  const middle = sceneIds[9]?.[49];
  if (!middle) throw new Error('seeding failed');
  await page.goto(`/?token=${E2E_TOKEN}#/project/${projectId}/scene/${middle}`);
  await expect(sceneTitle(page)).toHaveValue('Scene 10.50');
  const middleRow = sceneRow(page, 'Scene 10.50');
  await expect(middleRow).toHaveAttribute('aria-selected', 'true');
  await expect(middleRow).toBeInViewport();
});
