import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import { runEspeak } from '../espeak-process';

/** One sentence as Piper phonemes (one Unicode code point each, punctuation included). */
export type PhonemeSentence = string[];

export interface EspeakPhonemizer {
  /** Text → sentences of IPA phonemes in espeak-ng's `voice` (the voice config's `espeak.voice`). */
  phonemize(text: string, voice: string, signal?: AbortSignal): Promise<PhonemeSentence[]>;
}

/** espeak-ng's language-switch flags, e.g. `(fr)…(en)` around a French word: Piper drops what is in parentheses. */
const LANGUAGE_FLAGS = /\([^)]*\)/g;
/**
 * Where espeak-ng ends a clause: punctuation (and an en or em dash, an ellipsis), maybe closing
 * quotes or brackets, then a space or the end ("3.5", "e.g" and "one—two" go on). Piper reads the clause's last character: a quote after the
 * period means no mark at all, as in its training data.
 */
const CLAUSE_END = /([.!?;:,…]+|[–—])(["'”’»)\]]*)(?=\s|$)/g;

const TRAILING_END = /(?:[.!?;:,…]|\s[–—])["'”’»)\]]*\s*$/;

/** What Piper appends for a clause's last character (piper-phonemize `phonemize_eSpeak`). */
const MARKS: Readonly<Record<string, string[]>> = { '.': ['.'], '?': ['?'], '!': ['!'], ',': [',', ' '], ':': [':', ' '], ';': [';', ' '] };
const ENDS_SENTENCE = new Set(['.', '?', '!']);

/**
 * Reads espeak-ng's `--ipa` output as piper-phonemize does with libespeak-ng: each clause's IPA
 * decomposed (NFD, so "ç" is "c" + U+0327, as the voices' id maps expect), its language flags
 * dropped, the clause's punctuation appended, and a new sentence after `.`, `?` or `!`. The CLI
 * prints one clause per line but not its punctuation, so the marks are taken from the text when
 * its clause count matches espeak-ng's line count — as it does for ordinary prose — and
 * otherwise the clauses are joined with a space (no pause marks rather than misplaced ones).
 */
export function clausesToSentences(text: string, ipa: string): PhonemeSentence[] {
  const lines = ipa
    .split('\n')
    .map((line) => line.replace(LANGUAGE_FLAGS, '').trim())
    .filter((line) => line.length > 0);
  const ends = [...text.matchAll(CLAUSE_END)].map((match) => (match[2] ? '' : (match[1] ?? '').slice(-1)));
  // Text after the last mark is one more clause, ending without one.
  if (text.trim() !== '' && !TRAILING_END.test(text)) ends.push('');
  const paired = ends.length === lines.length;
  const sentences: PhonemeSentence[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    if (!paired && current.length > 0) current.push(' ');
    current.push(...Array.from(line.normalize('NFD')));
    const end = paired ? (ends[index] ?? '') : '';
    current.push(...(MARKS[end] ?? []));
    if (ENDS_SENTENCE.has(end)) {
      sentences.push(current);
      current = [];
    }
  });
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/** Piper's phonemizer over the espeak-ng binary (`espeak-ng -q --ipa`), text on stdin. */
export function createEspeakPhonemizer(binary = 'espeak-ng'): EspeakPhonemizer {
  return {
    async phonemize(text, voice, signal) {
      // -b 1: UTF-8 input.
      const result = await runEspeak(binary, ['-q', '--ipa', '-b', '1', '-v', voice], text, {
        ...(signal && { signal }),
        notStarted: `Piper needs espeak-ng to read text, and it could not be started (${binary}). Install the espeak-ng package.`,
      });
      if (result.code !== 0) {
        throw new AppError(ErrorCode.PROVIDER_FAILED, `espeak-ng could not read text for Piper in “${voice}”: ${result.stderr.trim() || `exit code ${result.code}`}`);
      }
      return clausesToSentences(text, result.stdout.toString('utf8'));
    },
  };
}
