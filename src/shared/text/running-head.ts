/*
 * A manuscript's running head reads "Surname / SHORT TITLE / page". When the writer has not set
 * its parts, they come from the author and the title. The renderer shows these as placeholders,
 * and the core prints them, so both use these functions.
 */

// Particles that belong to a surname when they come after a first name: "Le Guin", "van der Berg".
const particles = new Set(['da', 'das', 'de', 'del', 'della', 'der', 'des', 'di', 'do', 'dos', 'du', 'la', 'le', 'ten', 'ter', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'st.', 'saint']);
const suffixes = /^(jr\.?|sr\.?|ii|iii|iv|v|phd|md|esq\.?)$/i;
// Words a short title should neither start nor end with.
const leadingArticles = new Set(['the', 'a', 'an']);
const trailingFillers = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', '&']);

const SHORT_TITLE_LENGTH = 30;

/** The surname of a name as printed: "Ursula K. Le Guin" → "Le Guin", "Martin Luther King Jr." → "King". */
export function defaultSurname(author: string): string {
  const words = author.trim().split(/\s+/).filter((word) => word !== '');
  while (words.length > 1 && suffixes.test((words.at(-1) ?? '').replace(/,$/, ''))) words.pop();
  if (words.length === 0) return '';
  let start = words.length - 1;
  while (start > 1 && particles.has((words[start - 1] ?? '').toLowerCase())) start -= 1;
  return words.slice(start).join(' ').replace(/,$/, '');
}

/**
 * A short title of a few words: the whole title when it is short, else its main title (before
 * a colon, comma or dash) when that is short, otherwise its first words (without a leading
 * article, up to a joining "of"/"and") within 30 characters.
 */
export function defaultShortTitle(title: string): string {
  const whole = title.trim().replace(/\s+/g, ' ');
  if (whole.length <= SHORT_TITLE_LENGTH) return whole;
  const main = whole.split(/\s*[:;,—–]\s*|\s+-\s+/)[0] ?? '';
  if (main !== '' && main.length <= SHORT_TITLE_LENGTH) return main;
  const words = whole.split(' ');
  if (words.length > 1 && leadingArticles.has((words[0] ?? '').toLowerCase())) words.shift();
  const kept: string[] = [];
  for (const word of words) {
    if (kept.length === 4 || [...kept, word].join(' ').length > SHORT_TITLE_LENGTH) break;
    // "Harry Potter and the…" → "Harry Potter": a joining word after two words ends the phrase.
    if (kept.length >= 2 && trailingFillers.has(word.toLowerCase())) break;
    kept.push(word);
  }
  while (kept.length > 1 && trailingFillers.has((kept.at(-1) ?? '').toLowerCase().replace(/[,:;]$/, ''))) kept.pop();
  const short = kept.join(' ').replace(/[,:;—–-]+$/, '');
  // A single word longer than the limit is cut rather than left out.
  return short === '' ? Array.from(whole).slice(0, SHORT_TITLE_LENGTH).join('') : short;
}
