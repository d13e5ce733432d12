import { describe, expect, it } from 'vitest';
import { segmentSentences, splitLong } from './sentence-segmenter';

const texts = (input: string, maxChars?: number) => segmentSentences(input, maxChars === undefined ? {} : { maxChars }).map((s) => s.text);

describe('segmentSentences', () => {
  it('splits plain sentences and keeps their punctuation', () => {
    expect(texts('The rain stopped. She went out! Was it cold?')).toEqual(['The rain stopped.', 'She went out!', 'Was it cold?']);
  });

  it('does not break after titles and common abbreviations', () => {
    expect(texts('Mr. Smith met Dr. Who at 3 p.m. on Monday. They talked, e.g. about tea, etc. Then they left.')).toEqual([
      'Mr. Smith met Dr. Who at 3 p.m. on Monday.',
      'They talked, e.g. about tea, etc. Then they left.',
    ]);
  });

  it('keeps a quoted exclamation with the words that continue its sentence', () => {
    expect(texts('He said "Stop!" and left. Nobody followed.')).toEqual(['He said "Stop!" and left.', 'Nobody followed.']);
    expect(texts('She whispered, “Run.” Nobody moved.')).toEqual(['She whispered, “Run.”', 'Nobody moved.']);
  });

  it('treats an ellipsis before a capital as a sentence end, and before lower case as a pause', () => {
    expect(texts('Wait... what? He paused… Then he spoke. It was… fine.')).toEqual(['Wait... what?', 'He paused…', 'Then he spoke.', 'It was… fine.']);
    expect(texts('And then... The door opened.')).toEqual(['And then...', 'The door opened.']);
  });

  it('numbers paragraphs and collapses line breaks inside one', () => {
    const sentences = segmentSentences('First line\nstill first. Second.\n\n\n  \n\nNew paragraph.');
    expect(sentences).toEqual([
      { text: 'First line still first.', paragraph: 0 },
      { text: 'Second.', paragraph: 0 },
      { text: 'New paragraph.', paragraph: 1 },
    ]);
  });

  it('drops text with nothing to say and returns nothing for empty input', () => {
    expect(texts('   \n\n  ')).toEqual([]);
    expect(texts('— … —\n\nHello.')).toEqual(['Hello.']);
  });

  it('cuts a very long sentence at clause punctuation, then at spaces, within the limit', () => {
    const clause = 'the wind rose over the hills and the valley below';
    const long = `${Array.from({ length: 12 }, () => clause).join(', ')}.`;
    const pieces = texts(long, 120);
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(120);
    expect(pieces.slice(0, -1).every((p) => p.endsWith(','))).toBe(true);
    expect(pieces.join(' ')).toBe(long);
  });

  it('cuts at a word boundary when there is no punctuation, and inside a word only when it must', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitLong(words, 50);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(50);
    expect(pieces.join(' ')).toBe(words);
    expect(splitLong('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
