import { describe, expect, it } from 'vitest';
import { OUTLINE_CHAPTER_GAP_PX, OUTLINE_ROW_PX, outlineRows, outlineWindow, rowHeight, type ChapterShape } from './outline-window';

const shapes = (...counts: Array<number | 'folded'>): ChapterShape[] =>
  counts.map((count) => (count === 'folded' ? { sceneCount: 3, expanded: false } : { sceneCount: count, expanded: true }));

/** The pixel height of every flat row, summed: what the rendered tree must add up to. */
const totalPx = (chapters: ChapterShape[]) => outlineRows(chapters).rows.reduce((sum, row) => sum + rowHeight(row), 0);

/** The height the window renders: spacers, chapter rows and gaps, scene spacers and scene rows. */
function renderedPx(chapters: ChapterShape[], first: number, last: number): number {
  const window = outlineWindow(chapters, outlineRows(chapters), first, last);
  let px = window.beforePx + window.afterPx;
  for (const { chapterIndex, from, to } of window.chapters) {
    const chapter = chapters[chapterIndex];
    if (!chapter) throw new Error('no chapter');
    px += OUTLINE_ROW_PX + (chapterIndex > 0 ? OUTLINE_CHAPTER_GAP_PX : 0);
    if (!chapter.expanded) continue;
    if (chapter.sceneCount === 0) px += OUTLINE_ROW_PX;
    else px += from * OUTLINE_ROW_PX + (to - from) * OUTLINE_ROW_PX + (chapter.sceneCount - to) * OUTLINE_ROW_PX;
  }
  return px;
}

describe('outline windowing', () => {
  it('lists chapter, scene and empty-chapter rows in display order, skipping folded chapters', () => {
    const { rows, chapterStart } = outlineRows(shapes(2, 0, 'folded', 1));
    expect(rows).toEqual([
      { kind: 'chapter', chapterIndex: 0 },
      { kind: 'scene', chapterIndex: 0, sceneIndex: 0 },
      { kind: 'scene', chapterIndex: 0, sceneIndex: 1 },
      { kind: 'chapter', chapterIndex: 1 },
      { kind: 'empty', chapterIndex: 1 },
      { kind: 'chapter', chapterIndex: 2 },
      { kind: 'chapter', chapterIndex: 3 },
      { kind: 'scene', chapterIndex: 3, sceneIndex: 0 },
    ]);
    expect(chapterStart).toEqual([0, 3, 5, 6]);
  });

  it('renders only the chapters and scenes in the window of a 10,000-scene book', () => {
    const book = shapes(...Array.from({ length: 100 }, () => 100));
    const model = outlineRows(book);
    // Rows 5,050 … 5,090: chapter 50 starts at row 50 × 101 = 5,050.
    const window = outlineWindow(book, model, 5_050, 5_090);
    expect(window.chapters).toEqual([{ chapterIndex: 50, from: 0, to: 40 }]);
    expect(window.beforePx).toBe(50 * 100 * OUTLINE_ROW_PX + 50 * OUTLINE_ROW_PX + 49 * OUTLINE_CHAPTER_GAP_PX);
  });

  it('cuts a window that spans two chapters at the right scenes', () => {
    const book = shapes(10, 10, 10);
    const model = outlineRows(book);
    // Chapter 0: rows 0–10, chapter 1: rows 11–21. Rows 8…13 = scenes 7–9 of chapter 0, chapter 1's row, its scenes 0–1.
    expect(outlineWindow(book, model, 8, 13).chapters).toEqual([
      { chapterIndex: 0, from: 7, to: 10 },
      { chapterIndex: 1, from: 0, to: 2 },
    ]);
  });

  it('keeps the rendered height equal to the full height wherever the window is', () => {
    const books = [shapes(5, 0, 'folded', 7, 1), shapes(...Array.from({ length: 30 }, (_, i) => i % 4)), shapes(0), shapes('folded', 'folded')];
    for (const book of books) {
      const count = outlineRows(book).rows.length;
      for (let first = 0; first < count; first += 1) {
        for (const size of [1, 3, 10, count]) expect(renderedPx(book, first, Math.min(count - 1, first + size - 1))).toBe(totalPx(book));
      }
    }
  });

  it('is empty for a book without chapters', () => {
    expect(outlineWindow([], outlineRows([]), 0, -1)).toEqual({ beforePx: 0, chapters: [], afterPx: 0 });
  });
});
