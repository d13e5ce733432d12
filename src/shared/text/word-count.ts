/**
 * Counts words the way a writer expects across scripts: Intl.Segmenter knows where words
 * begin and end in languages without spaces, and ignores punctuation and whitespace.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function countWords(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike === true) count += 1;
  }
  return count;
}
