/**
 * How continuity facts are compared: attributes fold to one name ("eye color", "eyes" → "eye
 * colour") and values compare after case, punctuation, articles and a few spelling variants are
 * set aside. Deliberately simple, so a flag can always be explained in one sentence.
 */

/** Attribute spellings a model or a codex profile uses, and the one name they mean. */
const ATTRIBUTE_SYNONYMS: Readonly<Record<string, string>> = {
  eyes: 'eye colour',
  'eye color': 'eye colour',
  'eye colour': 'eye colour',
  'colour of eyes': 'eye colour',
  'color of eyes': 'eye colour',
  'colour of her eyes': 'eye colour',
  'colour of his eyes': 'eye colour',
  'color of her eyes': 'eye colour',
  'color of his eyes': 'eye colour',
  hair: 'hair colour',
  'hair color': 'hair colour',
  'hair colour': 'hair colour',
  'colour of hair': 'hair colour',
  'color of hair': 'hair colour',
  job: 'occupation',
  profession: 'occupation',
  'place of birth': 'birthplace',
  'born in': 'birthplace',
  origin: 'birthplace',
  'years old': 'age',
};

/** Spelling variants of one value. */
const VALUE_SYNONYMS: Readonly<Record<string, string>> = {
  gray: 'grey',
  color: 'colour',
  hazel: 'hazel',
};

const ARTICLES = new Set(['a', 'an', 'the']);

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** The one name of an attribute ("Eye color" → "eye colour"). */
export function normaliseAttribute(attribute: string): string {
  const plain = words(attribute).join(' ');
  return ATTRIBUTE_SYNONYMS[plain] ?? plain;
}

/** A value reduced to what matters for comparing ("The Grey." → "grey"). */
export function normaliseValue(value: string): string {
  return words(value)
    .filter((w) => !ARTICLES.has(w))
    .map((w) => VALUE_SYNONYMS[w] ?? w)
    .join(' ');
}

export function sameValue(a: string, b: string): boolean {
  return normaliseValue(a) === normaliseValue(b);
}

/**
 * What identifies a contradiction across checks: the entity, the attribute and the two values
 * in either order. An "intended" resolution is remembered by it.
 */
export function issueSignature(entryId: string, attribute: string, valueA: string, valueB: string): string {
  const values = [normaliseValue(valueA), normaliseValue(valueB)].sort();
  return [entryId, normaliseAttribute(attribute), ...values].join('\u001f');
}

function foldChar(ch: string): string {
  if (ch === '’' || ch === '‘') return "'";
  if (ch === '“' || ch === '”') return '"';
  // One character in, one out, so offsets in the folded text map back to the scene's.
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

/**
 * Where a quote sits in a scene's plain text (UTF-16 offsets), or null. Models retype quotes:
 * runs of whitespace, curly quotes and case are ignored when matching.
 */
export function findQuoteRange(text: string, quote: string): { from: number; to: number } | null {
  const folded: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (folded.length > 0 && folded[folded.length - 1] === ' ') continue;
      folded.push(' ');
    } else folded.push(foldChar(ch));
    origin.push(i);
  }
  const needle = Array.from(quote.trim(), foldChar)
    .join('')
    .replace(/\s+/g, ' ');
  if (needle.length === 0) return null;
  const at = folded.join('').indexOf(needle);
  if (at < 0) return null;
  const from = origin[at] as number;
  const last = origin[at + needle.length - 1] as number;
  return { from, to: last + 1 };
}
