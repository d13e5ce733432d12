import { describe, expect, it } from 'vitest';
import { estimatePassphrase, MIN_ACCEPTED_SCORE } from './passphrase-strength';

describe('passphrase strength (simple estimate)', () => {
  it('rates the most-guessed passwords very weak and says which word to leave out', () => {
    const strength = estimatePassphrase('password1234');
    expect(strength.score).toBe(0);
    expect(strength.label).toBe('Very weak');
    expect(strength.feedback.join(' ')).toContain('“password” is among the first things an attacker tries');
    expect(strength.feedback.join(' ')).toContain('Avoid sequences');
  });

  it('asks for length first, then for more words', () => {
    expect(estimatePassphrase('short').feedback[0]).toBe('Use at least 12 characters.');
    const twoWords = estimatePassphrase('lantern meadow');
    expect(twoWords.score).toBeLessThan(MIN_ACCEPTED_SCORE);
    expect(twoWords.feedback).toContain('Add words: four or more unrelated words are easy to remember and hard to guess.');
  });

  it('accepts four unrelated words and rates five or a random string higher', () => {
    const four = estimatePassphrase('lantern meadow quartz bicycle');
    expect(four.score).toBeGreaterThanOrEqual(MIN_ACCEPTED_SCORE);
    const five = estimatePassphrase('lantern meadow quartz bicycle ferrous');
    expect(five.score).toBeGreaterThan(four.score);
    expect(estimatePassphrase('x7#Qp2!vLm9$Rt4&').score).toBe(4);
    expect(five.feedback).toEqual([]);
  });

  it('counts a repeated word, a year and the writer’s own email as cheap guesses', () => {
    const repeated = estimatePassphrase('meadow meadow meadow meadow');
    expect(repeated.score).toBe(0);
    expect(repeated.feedback).toContain('Avoid repeated characters and words.');
    expect(estimatePassphrase('lantern meadow 1987').feedback.join(' ')).toContain('Years are easy to guess');
    const personal = estimatePassphrase('annabelle lantern meadow', ['annabelle@example.com']);
    expect(personal.feedback).toContain('Leave out your email address and names linked to you.');
    expect(personal.bits).toBeLessThan(estimatePassphrase('annabelle lantern meadow').bits);
  });
});
