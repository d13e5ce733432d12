import { describe, expect, it, vi } from 'vitest';
import { countWords } from './word-count';
import { WORD_COUNT_SAMPLES } from './word-count.samples';

describe('countWords', () => {
  it.each(WORD_COUNT_SAMPLES.map((s) => [s.name, s.text, s.words] as const))('%s', (_name, text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('counts an empty text as no words', () => {
    expect(countWords('')).toBe(0);
  });

  it('adds up across block separators the way the editor and the core join paragraphs', () => {
    const all = WORD_COUNT_SAMPLES.map((s) => s.text);
    const total = WORD_COUNT_SAMPLES.reduce((sum, s) => sum + s.words, 0);
    expect(countWords(all.join('\n\n'))).toBe(total);
    expect(countWords(all.join('\n'))).toBe(total);
  });

  it('never uses Intl.Segmenter, whose word breaking grows faster than the text on Node 20', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      countWords(WORD_COUNT_SAMPLES.map((s) => s.text).join(' '));
      expect(segment).not.toHaveBeenCalled();
    } finally {
      segment.mockRestore();
    }
  });
});
