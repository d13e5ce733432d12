import { z } from 'zod';

/** How captions are laid out for one render profile (9:16 wants short lines, 16:9 longer ones). */
export const captionLayoutSchema = z.object({
  maxCharsPerLine: z.number().int().min(8).max(120).default(42),
  maxLinesPerCue: z.number().int().min(1).max(4).default(2),
});
export type CaptionLayout = z.infer<typeof captionLayoutSchema>;

/** A sentence and its exact place in the narration (the narrator's `TimedSentence` fits). */
export interface SpokenSentence {
  text: string;
  startSec: number;
  endSec: number;
}

export interface TimedWord {
  text: string;
  startSec: number;
  endSec: number;
}

/** One caption on screen: its lines and when. */
export interface Cue {
  startSec: number;
  endSec: number;
  lines: string[];
}

const CLAUSE_END = /[,;:—–]["'”’)]*$/u;
const SENTENCE_END = /[.!?…]["'”’)]*$/u;

/**
 * A word's share of its sentence's time: its letters and digits (a stand-in for phonemes), plus
 * a little for the pause a speaker makes at a comma or a full stop.
 */
export function wordWeight(word: string): number {
  const spoken = word.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  const pause = SENTENCE_END.test(word) ? 3 : CLAUSE_END.test(word) ? 2 : 0;
  return Math.max(1, spoken) + pause;
}

/**
 * Times each word of a sentence within the sentence's exact span, in proportion to
 * {@link wordWeight}. The engines give no word timings; the sentence bounds are exact, so the
 * error stays inside one sentence. The first word starts at the sentence start, the last ends at its end.
 */
export function timeWords(sentence: SpokenSentence): TimedWord[] {
  const words = sentence.text.split(/\s+/).filter((w) => w.length > 0);
  const total = words.reduce((sum, w) => sum + wordWeight(w), 0);
  const span = sentence.endSec - sentence.startSec;
  let done = 0;
  return words.map((text, index) => {
    const startSec = sentence.startSec + (span * done) / total;
    done += wordWeight(text);
    const endSec = index === words.length - 1 ? sentence.endSec : sentence.startSec + (span * done) / total;
    return { text, startSec, endSec };
  });
}

const lineLength = (words: readonly TimedWord[]) => words.reduce((sum, w) => sum + w.text.length, 0) + Math.max(0, words.length - 1);

/**
 * The best way to put `words` on at most `maxLines` lines of `maxChars`: the shortest longest
 * line, a bonus for breaking after punctuation. Null when they do not fit. Word counts per cue
 * are small (a few lines), so trying every break is cheap.
 */
function wrap(words: readonly TimedWord[], maxChars: number, maxLines: number): { lines: TimedWord[][]; cost: number } | null {
  if (words.length === 0) return { lines: [], cost: 0 };
  const whole = lineLength(words);
  if (whole <= maxChars) return { lines: [[...words]], cost: whole };
  if (words.length === 1 || maxLines <= 1) return null;
  let best: { lines: TimedWord[][]; cost: number } | null = null;
  for (let cut = 1; cut < words.length; cut += 1) {
    const head = words.slice(0, cut);
    const headLength = lineLength(head);
    if (headLength > maxChars) break;
    const rest = wrap(words.slice(cut), maxChars, maxLines - 1);
    if (!rest) continue;
    const bonus = CLAUSE_END.test(head[head.length - 1]?.text ?? '') || SENTENCE_END.test(head[head.length - 1]?.text ?? '') ? maxChars / 4 : 0;
    const cost = Math.max(headLength, rest.cost) - bonus;
    if (!best || cost < best.cost) best = { lines: [head, ...rest.lines], cost };
  }
  return best;
}

/** Whether `words` fit on `maxLines` lines; greedy filling uses the fewest lines, so this is exact. */
function fits(words: readonly TimedWord[], maxChars: number, maxLines: number): boolean {
  let lines = 1;
  let length = 0;
  for (const word of words) {
    const next = length === 0 ? word.text.length : length + 1 + word.text.length;
    if (next <= maxChars) length = next;
    else {
      lines += 1;
      length = word.text.length;
      if (word.text.length > maxChars) return false;
    }
  }
  return lines <= maxLines && length <= maxChars;
}

/** How many words from `start` go in the next cue: as many as fit, cut back to punctuation when that keeps it at least half full. */
function cueEnd(words: readonly TimedWord[], start: number, layout: CaptionLayout): number {
  let end = start + 1; // one word always goes, even a word longer than a line
  while (end < words.length && fits(words.slice(start, end + 1), layout.maxCharsPerLine, layout.maxLinesPerCue)) end += 1;
  if (end === words.length) return end;
  const capacity = lineLength(words.slice(start, end));
  for (let cut = end; cut > start + 1; cut -= 1) {
    if (lineLength(words.slice(start, cut)) < capacity / 2) break;
    if (CLAUSE_END.test(words[cut - 1]?.text ?? '')) return cut;
  }
  return end;
}

/**
 * Caption cues from the narration's sentences: each sentence is cut into cues of at most
 * `maxLinesPerCue` lines of `maxCharsPerLine` (at clause punctuation where possible, else at word
 * boundaries; a word longer than a line gets a line of its own), and each cue runs from its first
 * word's start to its last word's end — inside the sentence's span, never across sentences.
 */
export function buildCues(sentences: readonly SpokenSentence[], layout: CaptionLayout): Cue[] {
  const cues: Cue[] = [];
  for (const sentence of sentences) {
    const words = timeWords(sentence);
    let start = 0;
    while (start < words.length) {
      const end = cueEnd(words, start, layout);
      const cueWords = words.slice(start, end);
      const wrapped = wrap(cueWords, layout.maxCharsPerLine, layout.maxLinesPerCue) ?? { lines: cueWords.map((w) => [w]) };
      const first = cueWords[0];
      const last = cueWords[cueWords.length - 1];
      if (first && last) cues.push({ startSec: first.startSec, endSec: last.endSec, lines: wrapped.lines.map((line) => line.map((w) => w.text).join(' ')) });
      start = end;
    }
  }
  return cues;
}
