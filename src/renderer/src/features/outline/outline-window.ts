/**
 * Windowing of the outline tree. A 10,000-scene project rendered every row (and registered every
 * row with dnd-kit, whose registry copies itself on each registration): 13 s to open. The tree
 * now renders only the rows near the viewport, as a virtual list of fixed-height rows, while
 * keeping its nested ARIA shape (scenes inside their chapter's group): rows outside the window
 * become spacers of the same height, so the scroll height and positions stay exact.
 */

/** Height of every tree row (chapter, scene, the "No scenes yet" line), as outline.css sets it. */
export const OUTLINE_ROW_PX = 28;
/** Space above every chapter but the first (outline.css: `.outline-chapter + .outline-chapter`). */
export const OUTLINE_CHAPTER_GAP_PX = 2;

/** The shape of one chapter as the tree shows it: how many scene rows, or the empty line. */
export interface ChapterShape {
  /** Scenes shown under the chapter (0 when folded). */
  sceneCount: number;
  /** Folded chapters show no rows beneath their own. */
  expanded: boolean;
}

/** A flat row of the tree: the unit the virtualizer counts. */
export type OutlineRow =
  | { kind: 'chapter'; chapterIndex: number }
  | { kind: 'scene'; chapterIndex: number; sceneIndex: number }
  | { kind: 'empty'; chapterIndex: number };

export interface OutlineRows {
  rows: OutlineRow[];
  /** Index in `rows` of each chapter's own row. */
  chapterStart: number[];
}

/** Lists the rows in display order. */
export function outlineRows(chapters: readonly ChapterShape[]): OutlineRows {
  const rows: OutlineRow[] = [];
  const chapterStart: number[] = [];
  chapters.forEach((chapter, chapterIndex) => {
    chapterStart.push(rows.length);
    rows.push({ kind: 'chapter', chapterIndex });
    if (!chapter.expanded) return;
    if (chapter.sceneCount === 0) rows.push({ kind: 'empty', chapterIndex });
    for (let sceneIndex = 0; sceneIndex < chapter.sceneCount; sceneIndex += 1) rows.push({ kind: 'scene', chapterIndex, sceneIndex });
  });
  return { rows, chapterStart };
}

/** The height one row takes, its chapter gap included. */
export function rowHeight(row: OutlineRow | undefined): number {
  return row?.kind === 'chapter' && row.chapterIndex > 0 ? OUTLINE_ROW_PX + OUTLINE_CHAPTER_GAP_PX : OUTLINE_ROW_PX;
}

/** What to render of one chapter: its own row always, and scenes `from` (inclusive) to `to` (exclusive). */
export interface ChapterWindow {
  chapterIndex: number;
  from: number;
  to: number;
}

export interface OutlineWindow {
  /** Height of the chapters above the first rendered one (a spacer stands in for them). */
  beforePx: number;
  chapters: ChapterWindow[];
  /** Height of the chapters below the last rendered one. */
  afterPx: number;
}

/** The height of a whole chapter block: its row, gap and scene (or empty-line) rows. */
function chapterBlockPx(chapter: ChapterShape, chapterIndex: number): number {
  const own = chapterIndex > 0 ? OUTLINE_ROW_PX + OUTLINE_CHAPTER_GAP_PX : OUTLINE_ROW_PX;
  if (!chapter.expanded) return own;
  return own + Math.max(1, chapter.sceneCount) * OUTLINE_ROW_PX;
}

/**
 * Given the first and last flat row the virtualizer wants on screen (overscan included), which
 * chapters to render, which of their scenes, and the spacer heights around them.
 */
export function outlineWindow(chapters: readonly ChapterShape[], model: OutlineRows, first: number, last: number): OutlineWindow {
  const window: OutlineWindow = { beforePx: 0, chapters: [], afterPx: 0 };
  chapters.forEach((chapter, chapterIndex) => {
    const start = model.chapterStart[chapterIndex] ?? 0;
    const end = (model.chapterStart[chapterIndex + 1] ?? model.rows.length) - 1;
    if (end < first) window.beforePx += chapterBlockPx(chapter, chapterIndex);
    else if (start > last) window.afterPx += chapterBlockPx(chapter, chapterIndex);
    else {
      // Scene i sits at flat row start + 1 + i.
      const from = Math.max(0, first - start - 1);
      const to = chapter.expanded ? Math.min(chapter.sceneCount, last - start) : 0;
      window.chapters.push({ chapterIndex, from: Math.min(from, to), to });
    }
  });
  return window;
}
