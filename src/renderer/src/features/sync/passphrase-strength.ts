/**
 * A simple, local estimate of how hard a passphrase is to guess. No well-kept estimator
 * (`@zxcvbn-ts/core`, `zxcvbn`) is installed here, so this one models the common guesses —
 * dictionary-like words, most-used passwords, years, sequences, repeats, the writer's own email —
 * and says which to avoid. The UI labels it "simple estimate". Replace with zxcvbn-ts when added.
 */

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PassphraseStrength {
  score: StrengthScore;
  /** "Very weak" … "Strong". */
  label: string;
  /** Estimated bits of guessing work (rounded). */
  bits: number;
  /** What to change, most useful first; empty when nothing needs changing. */
  feedback: string[];
}

export const STRENGTH_LABELS: Record<StrengthScore, string> = { 0: 'Very weak', 1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong' };

/** The lowest score a passphrase may have to protect the keys (the schema's minimum length comes first). */
export const MIN_ACCEPTED_SCORE: StrengthScore = 2;

/** A few of the most-guessed passwords and words; any of them is among an attacker's first guesses. */
const COMMON = new Set(
  'password passw0rd passphrase letmein welcome qwerty qwertyuiop asdfgh asdf zxcvbn iloveyou admin login secret dragon monkey sunshine princess football baseball master shadow superman batman trustno1 whatever freedom hello abc abcdef 123456 12345678 123456789 1234567890 111111 000000 nova novastudio studio writer sync backup'.split(
    ' ',
  ),
);

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm'];

function isSequence(token: string): boolean {
  if (token.length < 3) return false;
  const lower = token.toLowerCase();
  return SEQUENCES.some((seq) => seq.includes(lower) || [...seq].reverse().join('').includes(lower));
}

interface Token {
  text: string;
  kind: 'letters' | 'digits' | 'other';
}

function tokenize(value: string): Token[] {
  return [...value.matchAll(/[\p{L}]+|\d+|[^\p{L}\d\s]+/gu)].map((m) => {
    const text = m[0];
    return { text, kind: /^\p{L}/u.test(text) ? 'letters' : /^\d/.test(text) ? 'digits' : 'other' };
  });
}

interface Findings {
  common: string | null;
  sequence: boolean;
  repeat: boolean;
  year: boolean;
  personal: boolean;
}

/** Bits of one token, noting what made it cheap to guess. */
function tokenBits(token: Token, seen: Set<string>, personal: readonly string[], found: Findings): number {
  const lower = token.text.toLowerCase();
  if (seen.has(lower)) {
    found.repeat = true;
    return 1;
  }
  seen.add(lower);
  if (/^(.)\1+$/u.test(token.text) && token.text.length > 2) {
    found.repeat = true;
    return 3;
  }
  if (COMMON.has(lower)) {
    found.common ??= token.text;
    return 3;
  }
  if (personal.some((p) => p.length >= 3 && lower.includes(p))) {
    found.personal = true;
    return 3;
  }
  if (isSequence(token.text)) {
    found.sequence = true;
    return 3;
  }
  if (token.kind === 'digits') {
    if (/^(19|20)\d\d$/.test(token.text)) {
      found.year = true;
      return 7;
    }
    return token.text.length * Math.log2(10);
  }
  if (token.kind === 'other') return token.text.length * 5;
  // Letters: a word from a dictionary costs ~11–15 bits; mixed case inside it reads as random letters.
  const mixedInside = /\p{Lu}/u.test(token.text.slice(1));
  if (mixedInside) return token.text.length * Math.log2(52);
  const capital = /^\p{Lu}/u.test(token.text) ? 1 : 0;
  if (token.text.length <= 2) return token.text.length * Math.log2(26) + capital;
  return Math.min(token.text.length * Math.log2(26), 11 + Math.max(0, token.text.length - 7) * 2) + capital;
}

function scoreOf(bits: number): StrengthScore {
  if (bits < 28) return 0;
  if (bits < 40) return 1;
  if (bits < 52) return 2;
  if (bits < 66) return 3;
  return 4;
}

/**
 * Estimates a passphrase's strength. `personal` are things an attacker knows about the writer
 * (the email address, the device's name); using them makes a guess cheap.
 */
export function estimatePassphrase(value: string, personal: readonly string[] = []): PassphraseStrength {
  const personalParts = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\d]+/u)).filter((p) => p.length >= 3);
  const found: Findings = { common: null, sequence: false, repeat: false, year: false, personal: false };
  const seen = new Set<string>();
  const tokens = tokenize(value);
  const bits = Math.round(tokens.reduce((sum, token) => sum + tokenBits(token, seen, personalParts, found), 0));
  const score = value.length === 0 ? 0 : scoreOf(bits);
  const words = tokens.filter((t) => t.kind === 'letters' && t.text.length >= 3).length;

  const feedback: string[] = [];
  if (value.length < 12) feedback.push('Use at least 12 characters.');
  if (found.common) feedback.push(`“${found.common}” is among the first things an attacker tries: leave it out.`);
  if (found.personal) feedback.push('Leave out your email address and names linked to you.');
  if (found.sequence) feedback.push('Avoid sequences like “abc”, “1234” or “qwerty”.');
  if (found.repeat) feedback.push('Avoid repeated characters and words.');
  if (found.year) feedback.push('Years are easy to guess; leave them out or add another word instead.');
  if (score < 3) feedback.push(words >= 4 ? 'Add one more unusual word.' : 'Add words: four or more unrelated words are easy to remember and hard to guess.');
  return { score, label: STRENGTH_LABELS[score], bits, feedback };
}
