import { describe, expect, it } from 'vitest';
import { computeFigures } from './writing-figures';

describe('computeFigures', () => {
  const stored = { a: 100, b: 50 };

  it('counts the open scene live, before it is saved', () => {
    expect(computeFigures(stored, 150, { sceneId: 'a', words: 130 })).toEqual({ projectWords: 180, sessionWords: 30 });
  });

  it('counts saves of other scenes and a new scene', () => {
    expect(computeFigures({ ...stored, c: 20 }, 150, null)).toEqual({ projectWords: 170, sessionWords: 20 });
  });

  it('never shows a negative session and starts at zero before loading', () => {
    expect(computeFigures(stored, 150, { sceneId: 'a', words: 10 }).sessionWords).toBe(0);
    expect(computeFigures({}, null, null)).toEqual({ projectWords: 0, sessionWords: 0 });
  });
});
