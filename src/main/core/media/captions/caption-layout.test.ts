import { describe, expect, it } from 'vitest';
import { buildCues, captionLayoutSchema, timeWords, wordWeight } from './caption-layout';

const layout = (maxCharsPerLine: number, maxLinesPerCue: number) => captionLayoutSchema.parse({ maxCharsPerLine, maxLinesPerCue });

describe('timeWords', () => {
  it('shares the sentence span by letters, with a pause at punctuation, ending exactly on the bounds', () => {
    const words = timeWords({ text: 'I  am here, now.', startSec: 2, endSec: 4 });
    expect(words.map((w) => w.text)).toEqual(['I', 'am', 'here,', 'now.']);
    const total = 1 + 2 + 6 + 6;
    expect(words[0]?.startSec).toBe(2);
    expect(words[0]?.endSec).toBeCloseTo(2 + (2 * 1) / total, 10);
    expect(words[2]?.endSec).toBeCloseTo(2 + (2 * 9) / total, 10);
    expect(words[3]?.endSec).toBe(4);
    for (let i = 1; i < words.length; i += 1) expect(words[i]?.startSec).toBe(words[i - 1]?.endSec);
  });

  it('weighs words by spoken characters only', () => {
    expect(wordWeight('“Hello!”')).toBe(5 + 3);
    expect(wordWeight('(ok)')).toBe(2);
    expect(wordWeight('—')).toBe(1 + 2);
    expect(wordWeight('1984,')).toBe(4 + 2);
  });
});

describe('buildCues', () => {
  const sentence = {
    text: 'The storm came in from the west, bending the pines along the ridge, and by nightfall the village had lost its lights.',
    startSec: 10,
    endSec: 17,
  };

  it('keeps every line within the limit and every cue within its line count, losing no word', () => {
    for (const [chars, lines] of [[42, 2], [20, 1], [16, 3]] as const) {
      const cues = buildCues([sentence], layout(chars, lines));
      for (const cue of cues) {
        expect(cue.lines.length).toBeLessThanOrEqual(lines);
        for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(chars);
      }
      expect(cues.flatMap((c) => c.lines).join(' ')).toBe(sentence.text);
    }
  });

  it('times cues contiguously inside the sentence span, from its start to its end', () => {
    const cues = buildCues([sentence, { text: 'Then silence.', startSec: 17.5, endSec: 18.5 }], layout(20, 1));
    const first = cues.filter((c) => c.startSec < 17);
    expect(first[0]?.startSec).toBe(10);
    expect(first.at(-1)?.endSec).toBe(17);
    for (let i = 1; i < first.length; i += 1) expect(first[i]?.startSec).toBe(first[i - 1]?.endSec);
    expect(cues.at(-1)).toEqual({ startSec: 17.5, endSec: 18.5, lines: ['Then silence.'] });
  });

  it('breaks at clause punctuation when that keeps a cue at least half full', () => {
    const cues = buildCues([sentence], layout(42, 2));
    expect(cues.map((c) => c.lines)).toEqual([
      ['The storm came in from the west,', 'bending the pines along the ridge,'],
      ['and by nightfall the', 'village had lost its lights.'],
    ]);
  });

  it('balances two lines rather than filling the first', () => {
    const cues = buildCues([{ text: 'She opened the old wooden door slowly', startSec: 0, endSec: 2 }], layout(30, 2));
    expect(cues).toHaveLength(1);
    expect(cues[0]?.lines).toEqual(['She opened the old', 'wooden door slowly']);
  });

  it('gives a word longer than a line a cue of its own', () => {
    const cues = buildCues([{ text: 'A supercalifragilisticexpialidocious day.', startSec: 0, endSec: 3 }], layout(12, 2));
    expect(cues.map((c) => c.lines)).toEqual([['A'], ['supercalifragilisticexpialidocious'], ['day.']]);
    expect(cues.at(-1)?.endSec).toBe(3);
  });

  it('validates the layout', () => {
    expect(captionLayoutSchema.parse({})).toEqual({ maxCharsPerLine: 42, maxLinesPerCue: 2 });
    expect(captionLayoutSchema.safeParse({ maxCharsPerLine: 3 }).success).toBe(false);
  });
});
