import { describe, expect, it } from 'vitest';
import { countWords, formatBytes, formatDuration, formatEstimate, sceneFigures, scriptFigures } from './script-figures';

const scene = (narration: string, durationHintSec: number | null = null) => ({ id: '00000000-0000-4000-8000-000000000001', narration, caption: '', visual: '', image: null, durationHintSec });

describe('script figures', () => {
  it('counts words, not punctuation', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  — … ')).toBe(0);
    expect(countWords("The keeper's lamp — lit at 9, out by dawn.")).toBe(9);
    expect(countWords('Zoë jumped; naïve über-fast.')).toBe(4);
  });

  it('estimates a scene at 2.5 words a second times the speed, or its hint when longer', () => {
    const ten = 'one two three four five six seven eight nine ten';
    expect(sceneFigures(scene(ten))).toEqual({ words: 10, seconds: 4 });
    expect(sceneFigures(scene(ten), 2)).toEqual({ words: 10, seconds: 2 });
    expect(sceneFigures(scene(ten, 6))).toEqual({ words: 10, seconds: 6 });
    expect(sceneFigures(scene('', 3))).toEqual({ words: 0, seconds: 3 });
  });

  it('adds a script up', () => {
    expect(scriptFigures({ scenes: [scene('a b c d e'), scene('', 5)] })).toEqual({ words: 5, seconds: 7, scenes: 2 });
  });

  it('formats durations, estimates and sizes', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatEstimate(0)).toBe('0 s');
    expect(formatEstimate(0.2)).toBe('about 1 s');
    expect(formatEstimate(42)).toBe('about 42 s');
    expect(formatEstimate(185)).toBe('about 3 min');
    expect(formatEstimate(3900)).toBe('about 1 h 5 min');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(63_000_000)).toBe('60 MB');
  });
});
