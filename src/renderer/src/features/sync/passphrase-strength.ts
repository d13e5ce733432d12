import type { OptionsType, ZxcvbnFactory } from '@zxcvbn-ts/core';
import { PASSPHRASE_WORDS } from './passphrase-words';

/**
 * How hard a new passphrase is to guess, by zxcvbn (`@zxcvbn-ts/core` with its common and
 * English dictionaries). The dictionaries are large (~1.5 MB), so they load on first use through
 * dynamic imports — their own chunks — never with the app's first paint.
 */

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PassphraseStrength {
  /** zxcvbn's score: 0 (guessed within ~10³ tries) … 4 (needs ≥ 10¹⁰). */
  score: StrengthScore;
  /** "Very weak" … "Strong". */
  label: string;
  /** How long an attacker with the server's copy of the locked keys would need, in words. */
  crackTime: string;
  /** log₁₀ of the guesses zxcvbn expects an attacker to need. */
  guessesLog10: number;
  /** What makes it guessable, or null. */
  warning: string | null;
  /** What to change, most useful first; empty when nothing needs changing. */
  suggestions: string[];
}

export const STRENGTH_LABELS: Record<StrengthScore, string> = { 0: 'Very weak', 1: 'Weak', 2: 'Fair', 3: 'Moderate', 4: 'Strong' };

/**
 * The lowest score a passphrase may have to protect the keys (the schema's minimum length comes
 * first). Strong: the server keeps the passphrase-wrapped master key, so a breach allows offline
 * guessing against a copy that a later passphrase change does not replace; zxcvbn puts score 3
 * within days of such guessing, score 4 beyond its reach.
 */
export const MIN_ACCEPTED_SCORE: StrengthScore = 4;

const MORE_WORDS = 'Add another unusual word.';

/** Estimates a passphrase; `personal` are things an attacker knows (email, device name). */
export type PassphraseEstimator = (value: string, personal?: readonly string[]) => PassphraseStrength;

/** Email and names split into the parts an attacker would try (`ada.lovelace@example.com` → ada, lovelace, example…). */
function personalInputs(personal: readonly string[]): string[] {
  const parts = personal.flatMap((p) => [p.toLowerCase(), ...p.toLowerCase().split(/[^\p{L}\d]+/u)]);
  return [...new Set(parts.filter((p) => p.length >= 3))];
}

/** The estimator over a made zxcvbn instance (the app's dictionaries and words). */
export function estimatorOf(zxcvbn: Pick<ZxcvbnFactory, 'check'>): PassphraseEstimator {
  return (value, personal = []) => {
    const result = zxcvbn.check(value, personalInputs(personal));
    const suggestions = [...result.feedback.suggestions];
    // zxcvbn has no advice above score 2; below our bar the writer still needs to know what to do.
    if (result.score < MIN_ACCEPTED_SCORE && !suggestions.includes(MORE_WORDS)) suggestions.push(MORE_WORDS);
    return {
      score: result.score,
      label: STRENGTH_LABELS[result.score],
      crackTime: `An attacker with a copy of your locked keys would need ${result.crackTimes.offlineSlowHashingXPerSecond.display} to guess it.`,
      guessesLog10: result.guessesLog10,
      warning: result.feedback.warning || null,
      suggestions,
    };
  };
}

/** What a loader fetches: the three packages, each its own chunk. */
export interface EstimatorModules {
  core: () => Promise<{ ZxcvbnFactory: typeof ZxcvbnFactory }>;
  common: () => Promise<{ dictionary: OptionsType['dictionary']; adjacencyGraphs: OptionsType['graphs'] }>;
  en: () => Promise<{ dictionary: OptionsType['dictionary'] }>;
}

const BUNDLED: EstimatorModules = {
  core: () => import('@zxcvbn-ts/core'),
  common: () => import('@zxcvbn-ts/language-common'),
  en: () => import('@zxcvbn-ts/language-en'),
};

/**
 * A loader that fetches the modules once and builds the estimator once; a failed load (a chunk
 * gone after an update of the browser mode) is forgotten, so the next call tries again.
 */
export function createEstimatorLoader(modules: EstimatorModules = BUNDLED) {
  let loading: Promise<PassphraseEstimator> | null = null;
  let ready: PassphraseEstimator | null = null;
  const load = (): Promise<PassphraseEstimator> => {
    loading ??= Promise.all([modules.core(), modules.common(), modules.en()]).then(
      ([core, common, en]) => {
        // No Levenshtein matching: it costs 100–700 ms per keystroke and adds little to a passphrase.
        const zxcvbn = new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary, ...en.dictionary },
          graphs: common.adjacencyGraphs,
          translations: PASSPHRASE_WORDS,
        });
        ready = estimatorOf(zxcvbn);
        return ready;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  return { load, peek: (): PassphraseEstimator | null => ready };
}

const appLoader = createEstimatorLoader();

/** Loads (once) the app's estimator. */
export const loadPassphraseEstimator = appLoader.load;
/** The app's estimator if already loaded, else null (for a first render without a flash of "checking"). */
export const peekPassphraseEstimator = appLoader.peek;
