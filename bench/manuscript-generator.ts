import type { DocNode } from '../src/shared/models/document';

/** A small deterministic PRNG (mulberry32): the same manuscript every run, so runs compare. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'the keeper lamp harbour night storm ship stone stair wind salt rope letter mother river ' +
  'quiet ember glass window silver morning tide gull bread winter orchard bell candle shadow ' +
  'whisper north island road harvest lantern journey secret promise memory distant thunder ' +
  'she he they walked turned remembered waited opened closed listened watched carried ran ' +
  'slowly again never always under over through beyond before after while because and but'
).split(' ');

/** A scene of `words` words in paragraphs of 40–120 words, with the odd bold and italic run. */
export function generateScene(random: () => number, words: number): DocNode {
  const paragraphs: DocNode[] = [];
  let left = words;
  while (left > 0) {
    const size = Math.min(left, 40 + Math.floor(random() * 80));
    left -= size;
    const text: string[] = [];
    for (let i = 0; i < size; i += 1) text.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'word');
    const sentence = `${text.join(' ')}.`;
    const cut = sentence.indexOf(' ', Math.floor(sentence.length / 2));
    paragraphs.push({
      type: 'paragraph',
      content:
        cut > 0 && random() < 0.3
          ? [
              { type: 'text', text: sentence.slice(0, cut + 1) },
              { type: 'text', text: sentence.slice(cut + 1), marks: [{ type: random() < 0.5 ? 'italic' : 'bold' }] },
            ]
          : [{ type: 'text', text: sentence }],
    });
  }
  return { type: 'doc', content: paragraphs };
}
