/** One sentence to speak, with where it sits in the text. */
export interface Sentence {
  /** The sentence, trimmed, whitespace runs collapsed. */
  text: string;
  /** Index of its paragraph (blank-line separated) in the input. */
  paragraph: number;
}

export interface SegmentOptions {
  /** BCP 47 locale for `Intl.Segmenter` (default `en`). */
  locale?: string;
  /**
   * Longer sentences are split at clause punctuation, then at word boundaries, so no piece
   * goes over this (default 400 characters; OpenAI's speech input limit is 4,096).
   */
  maxChars?: number;
}

/**
 * Abbreviations that end with a period but rarely end a sentence (ICU breaks after "Mr. " when a
 * capital follows). Lower-cased, without the final period.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'mt', 'jr', 'sr', 'sgt', 'capt', 'col', 'gen', 'lt', 'rev', 'hon', 'fr',
  'vs', 'etc', 'e.g', 'i.e', 'cf', 'no', 'vol', 'ch', 'fig', 'p', 'pp', 'approx', 'dept', 'est', 'inc', 'ltd', 'co', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

const lastWord = (text: string) => /([\p{L}.]+)\.\s*$/u.exec(text)?.[1]?.toLowerCase();

/** A segment ICU ended after an abbreviation ("Mr.") should run on into the next. */
const endsWithAbbreviation = (text: string) => {
  const word = lastWord(text);
  return word !== undefined && ABBREVIATIONS.has(word);
};

/** ICU breaks after `"Stop!" ` even when the sentence goes on in lower case ("and left"). */
const continuesInLowerCase = (next: string) => /^[\s"'“”‘’«»(]*\p{Ll}/u.test(next);

/** ICU does not break after "…" (U+2026) though it does after "..."; treat them alike. */
function splitAtEllipsis(text: string): string[] {
  return text.split(/(?<=…["'”’»)]*)\s+(?=["'“‘«(]*\p{Lu})/u);
}

/** Splits `text` at clause punctuation, then spaces, so each piece is at most `max` characters. */
export function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const breakAt = (pattern: RegExp) => {
    let best = -1;
    for (const match of text.slice(0, max + 1).matchAll(pattern)) {
      const end = (match.index ?? 0) + match[0].length;
      if (end <= max && end > max / 3) best = end;
    }
    return best;
  };
  let cut = breakAt(/[;:,—–)]["'”’]?\s+/gu);
  if (cut < 0) cut = breakAt(/\s+/gu);
  if (cut < 0) cut = max; // one unbroken token longer than max
  return [text.slice(0, cut).trim(), ...splitLong(text.slice(cut).trim(), max)].filter((piece) => piece.length > 0);
}

/**
 * Splits text into sentences for synthesis, one paragraph at a time: `Intl.Segmenter` at
 * sentence granularity, then repairs for what it gets wrong in prose — abbreviations, an
 * exclamation or question in quotes that the sentence continues after, and "…" — and very long
 * sentences cut at clause boundaries so each synthesis call stays small.
 */
export function segmentSentences(text: string, options: SegmentOptions = {}): Sentence[] {
  const segmenter = new Intl.Segmenter(options.locale ?? 'en', { granularity: 'sentence' });
  const maxChars = options.maxChars ?? 400;
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const sentences: Sentence[] = [];
  let paragraphIndex = -1;
  for (const paragraph of paragraphs) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (!/[\p{L}\p{N}]/u.test(flat)) continue;
    paragraphIndex += 1;
    const merged: string[] = [];
    for (const { segment } of segmenter.segment(flat)) {
      const previous = merged[merged.length - 1];
      if (previous !== undefined && (endsWithAbbreviation(previous) || continuesInLowerCase(segment))) merged[merged.length - 1] = previous + segment;
      else merged.push(segment);
    }
    for (const piece of merged.flatMap(splitAtEllipsis).flatMap((s) => splitLong(s.trim(), maxChars))) {
      // A piece of only punctuation ("—", "...") has nothing to say: it joins the previous one.
      const last = sentences[sentences.length - 1];
      if (/[\p{L}\p{N}]/u.test(piece)) sentences.push({ text: piece, paragraph: paragraphIndex });
      else if (last && last.paragraph === paragraphIndex) last.text = `${last.text} ${piece}`;
    }
  }
  return sentences;
}
