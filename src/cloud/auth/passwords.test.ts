import { describe, expect, it } from 'vitest';
import { createArgon2idHasher, INTERACTIVE_COST, MINIMUM_COST } from './passwords';

describe('Argon2id password hashing', () => {
  it('verifies the right password only, with a self-describing argon2id hash', async () => {
    const hasher = createArgon2idHasher(MINIMUM_COST);
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(hash);
  });

  it('hashes off the event loop: other work keeps running while a login is hashed', async () => {
    const hasher = createArgon2idHasher(INTERACTIVE_COST);
    let turns = 0;
    let hashing = true;
    const spin = (): void => {
      turns += 1;
      if (hashing) setImmediate(spin);
    };
    setImmediate(spin);
    const hash = await hasher.hash('a password for the loop test');
    hashing = false;
    // A hash computed on the loop would let no turn run until it returned.
    expect(turns).toBeGreaterThan(1);
    expect(await hasher.verify(hash, 'a password for the loop test')).toBe(true);
  });
});
