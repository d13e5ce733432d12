import { describe, expect, it } from 'vitest';
import { computeFigures } from './writing-figures';

describe('computeFigures', () => {
  const stored = { a: 100, b: 50 };

  it('counts the open scene live, before it is saved', () => {
    expect(computeFigures(stored, 12, { sceneId: 'a', words: 130 })).toEqual({ projectWords: 180, sessionWords: 42 });
  });

  it('shows the stored session as it is when nothing is unsaved', () => {
    expect(computeFigures({ ...stored, c: 20 }, 20, null)).toEqual({ projectWords: 170, sessionWords: 20 });
    expect(computeFigures(stored, 7, { sceneId: 'a', words: 100 })).toEqual({ projectWords: 150, sessionWords: 7 });
  });

  it('takes unsaved deletions off today’s words, never below zero', () => {
    expect(computeFigures(stored, 30, { sceneId: 'a', words: 90 }).sessionWords).toBe(20);
    expect(computeFigures(stored, 30, { sceneId: 'a', words: 10 }).sessionWords).toBe(0);
  });

  it('starts at zero before loading, and adds no unsaved change for a scene it has no stored count for', () => {
    expect(computeFigures({}, null, null)).toEqual({ projectWords: 0, sessionWords: 0 });
    expect(computeFigures(stored, 5, { sceneId: 'x', words: 40 })).toEqual({ projectWords: 190, sessionWords: 5 });
  });
});
