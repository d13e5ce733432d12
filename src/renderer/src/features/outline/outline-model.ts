import type { ChapterWithScenes, Outline, SceneMeta } from '../../../../shared/models/manuscript';

/** A row of the tree, as keyboard navigation sees it. */
export type TreeKey = `chapter:${string}` | `scene:${string}`;

export function chapterKey(id: string): TreeKey {
  return `chapter:${id}`;
}
export function sceneKey(id: string): TreeKey {
  return `scene:${id}`;
}
export function parseKey(key: string): { kind: 'chapter' | 'scene'; id: string } | null {
  const [kind, id] = key.split(':');
  if ((kind === 'chapter' || kind === 'scene') && id) return { kind, id };
  return null;
}

/** The rows in display order, skipping scenes of collapsed chapters. */
export function visibleKeys(outline: Outline, collapsed: Record<string, boolean>): TreeKey[] {
  const keys: TreeKey[] = [];
  for (const chapter of outline.chapters) {
    keys.push(chapterKey(chapter.id));
    if (!collapsed[chapter.id]) for (const scene of chapter.scenes) keys.push(sceneKey(scene.id));
  }
  return keys;
}

export function findScene(outline: Outline, sceneId: string): { chapter: ChapterWithScenes; scene: SceneMeta; index: number; chapterIndex: number } | null {
  for (const [chapterIndex, chapter] of outline.chapters.entries()) {
    const index = chapter.scenes.findIndex((s) => s.id === sceneId);
    const scene = chapter.scenes[index];
    if (scene) return { chapter, scene, index, chapterIndex };
  }
  return null;
}

function withTotals(outline: Outline, chapters: ChapterWithScenes[]): Outline {
  return { ...outline, chapters, wordCount: chapters.reduce((sum, c) => sum + chapterWords(c), 0) };
}

export function chapterWords(chapter: ChapterWithScenes): number {
  return chapter.scenes.reduce((sum, s) => sum + s.wordCount, 0);
}

/** The outline after moving a scene to `position` (final index) of `chapterId`, as the core will do it. */
export function moveSceneLocally(outline: Outline, sceneId: string, chapterId: string, position: number): Outline {
  const found = findScene(outline, sceneId);
  if (!found) return outline;
  const moved: SceneMeta = { ...found.scene, chapterId };
  const chapters = outline.chapters.map((chapter) => ({ ...chapter, scenes: chapter.scenes.filter((s) => s.id !== sceneId) }));
  const target = chapters.find((c) => c.id === chapterId);
  if (!target) return outline;
  const at = Math.max(0, Math.min(position, target.scenes.length));
  target.scenes.splice(at, 0, moved);
  for (const chapter of chapters) chapter.scenes = chapter.scenes.map((s, i) => (s.position === i ? s : { ...s, position: i }));
  return withTotals(outline, chapters);
}

/** The outline after moving a chapter to `position` (final index). */
export function moveChapterLocally(outline: Outline, chapterId: string, position: number): Outline {
  const from = outline.chapters.findIndex((c) => c.id === chapterId);
  const chapter = outline.chapters[from];
  if (!chapter) return outline;
  const chapters = outline.chapters.filter((c) => c.id !== chapterId);
  chapters.splice(Math.max(0, Math.min(position, chapters.length)), 0, chapter);
  return withTotals(
    outline,
    chapters.map((c, i) => (c.position === i ? c : { ...c, position: i })),
  );
}

/** The outline with one scene's word count replaced (after an autosave). */
export function patchWordCount(outline: Outline, sceneId: string, wordCount: number): Outline {
  if (!findScene(outline, sceneId)) return outline;
  const chapters = outline.chapters.map((chapter) =>
    chapter.scenes.some((s) => s.id === sceneId) ? { ...chapter, scenes: chapter.scenes.map((s) => (s.id === sceneId ? { ...s, wordCount } : s)) } : chapter,
  );
  return withTotals(outline, chapters);
}

/** Where Alt+Arrow moves a scene: one up or down, crossing into the neighbouring chapter at its edge. */
export function sceneStep(outline: Outline, sceneId: string, direction: -1 | 1): { chapterId: string; position: number } | null {
  const found = findScene(outline, sceneId);
  if (!found) return null;
  const target = found.index + direction;
  if (target >= 0 && target < found.chapter.scenes.length) return { chapterId: found.chapter.id, position: target };
  const neighbour = outline.chapters[found.chapterIndex + direction];
  if (!neighbour) return null;
  return { chapterId: neighbour.id, position: direction === -1 ? neighbour.scenes.length : 0 };
}

/** The scene to show after `sceneIds` disappear: the next one, else the previous one, else none. */
export function neighbourScene(outline: Outline, sceneIds: readonly string[]): string | null {
  const all = outline.chapters.flatMap((c) => c.scenes.map((s) => s.id));
  const gone = new Set(sceneIds);
  const firstGone = all.findIndex((id) => gone.has(id));
  if (firstGone < 0) return null;
  const after = all.slice(firstGone).find((id) => !gone.has(id));
  if (after) return after;
  return all.slice(0, firstGone).reverse().find((id) => !gone.has(id)) ?? null;
}

/** The next free title in a numbered series: "Chapter 4" after three chapters (skipping taken ones). */
export function nextTitle(prefix: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  let n = existing.length + 1;
  while (taken.has(`${prefix} ${n}`)) n++;
  return `${prefix} ${n}`;
}
