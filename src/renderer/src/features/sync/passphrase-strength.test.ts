import { describe, expect, it, vi } from 'vitest';
import { createEstimatorLoader, loadPassphraseEstimator, MIN_ACCEPTED_SCORE, type EstimatorModules } from './passphrase-strength';

const estimate = await loadPassphraseEstimator();

describe('passphrase strength (zxcvbn)', () => {
  it('rates a most-used password weak, with zxcvbn’s warning in our words and the time to guess it', () => {
    const strength = estimate('password1234');
    expect(strength.score).toBeLessThanOrEqual(1);
    expect(strength.label).toBe(strength.score === 0 ? 'Very weak' : 'Weak');
    expect(strength.warning).toBe('This is close to a commonly used password.');
    expect(strength.crackTime).toMatch(/^An attacker with a copy of your locked keys would need (less than a second|\d+ seconds?) to guess it\.$/);
    expect(strength.suggestions).toContain('Add another unusual word.');
  });

  it('names sequences, repeats and look-alike letters in our words', () => {
    expect(estimate('abcdefghijkl').suggestions).toContain('Leave out sequences like “abc” or “1234”.');
    const repeated = estimate('meadowmeadowmeadow');
    expect(repeated.warning).toBe('Repeated patterns like “abcabcabc” are easy to guess.');
    expect(repeated.suggestions).toContain('Leave out repeated words and characters.');
    expect(estimate('P@ssw0rd12345').suggestions).toContain('Swapping letters for look-alikes (“@” for “a”) does not fool an attacker.');
  });

  it('gates at Strong: two words (guessed in days offline) are below the bar and get advice zxcvbn does not give at that score', () => {
    expect(MIN_ACCEPTED_SCORE).toBe(4);
    const two = estimate('lantern meadow');
    expect(two.score).toBe(3);
    expect(two.label).toBe('Moderate');
    expect(two.crackTime).toMatch(/would need \d+ (hours?|days?) to guess it/);
    expect(two.suggestions).toEqual(['Add another unusual word.']);
    // A word repeated four times is not four words.
    expect(estimate('meadow meadow meadow meadow').score).toBeLessThan(MIN_ACCEPTED_SCORE);
  });

  it('accepts several unrelated words or a long random string, with nothing to change', () => {
    for (const value of ['lantern meadow quartz bicycle ferrous', 'x7#Qp2!vLm9$Rt4&']) {
      const strength = estimate(value);
      expect(strength).toMatchObject({ score: 4, label: 'Strong', crackTime: 'An attacker with a copy of your locked keys would need centuries to guess it.', warning: null, suggestions: [] });
    }
  });

  it('counts the writer’s email and device name as cheap guesses (split into their parts)', () => {
    const value = 'zorblatt quenfield';
    const plain = estimate(value);
    const personal = estimate(value, ['zorblatt.quenfield@example.com', 'Study desktop']);
    expect(plain.score).toBe(4);
    expect(personal.score).toBeLessThan(MIN_ACCEPTED_SCORE);
    expect(estimate('zorblatt.quenfield@example.com', ['zorblatt.quenfield@example.com']).warning).toBe(
      'It contains your email address or this device’s name, which an attacker would try first.',
    );
  });
});

describe('loading the estimator', () => {
  const modules = (): EstimatorModules & { calls: () => number } => {
    let calls = 0;
    return {
      core: async () => {
        calls += 1;
        return import('@zxcvbn-ts/core');
      },
      common: () => import('@zxcvbn-ts/language-common'),
      en: () => import('@zxcvbn-ts/language-en'),
      calls: () => calls,
    };
  };

  it('loads the packages once and builds one estimator', async () => {
    const fetched = modules();
    const loader = createEstimatorLoader(fetched);
    expect(loader.peek()).toBeNull();
    const [a, b] = await Promise.all([loader.load(), loader.load()]);
    expect(a).toBe(b);
    expect(await loader.load()).toBe(a);
    expect(loader.peek()).toBe(a);
    expect(fetched.calls()).toBe(1);
  });

  it('forgets a failed load (a chunk gone after an update), so the next try loads again', async () => {
    const fetched = modules();
    const core = vi.fn(fetched.core).mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'));
    const loader = createEstimatorLoader({ ...fetched, core });
    await expect(loader.load()).rejects.toThrow('Failed to fetch');
    expect(loader.peek()).toBeNull();
    const loaded = await loader.load();
    expect(loaded('lantern meadow quartz bicycle').score).toBe(4);
    expect(core).toHaveBeenCalledTimes(2);
  });

  it('no renderer file imports the zxcvbn packages statically (their dictionaries would load with the first paint)', () => {
    const sources = import.meta.glob<string>(['../../**/*.{ts,tsx}', '!../../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const staticImports = Object.entries(sources).filter(([, source]) => /^import\s+(?!type\b)[^;]*from\s+'@zxcvbn-ts\//m.test(source));
    expect(staticImports.map(([file]) => file)).toEqual([]);
    // And the estimator does load them, lazily.
    expect(sources['./passphrase-strength.ts']).toContain("import('@zxcvbn-ts/language-en')");
  });
});
