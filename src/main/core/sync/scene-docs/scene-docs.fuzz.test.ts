import { describe, expect, it } from 'vitest';
import { runSceneDocFuzz } from '../../../testing/scene-doc-fuzz';

/*
 * Seeded fuzz (small bounds here; bench/sync-scene-docs.ts runs bigger ones): replicas with two
 * editor tabs each edit one scene through the real save path — inserts, deletes, new
 * paragraphs, bold — with stale saves merged and merged answers sometimes not shown yet (the
 * writer kept typing), and exchange their logs in shuffled order.
 */
describe('scene documents: fuzz', () => {
  for (const seed of [1, 2, 3]) {
    it(`3 replicas converge and keep every saved insertion, none lost or duplicated (seed ${seed})`, async () => {
      const result = await runSceneDocFuzz({ seed, replicas: 3, steps: 100, structure: 'none' });
      try {
        expect(new Set(result.contents).size).toBe(1);
        expect(result.merges).toBeGreaterThan(0);
        // Nothing lost, nothing duplicated (two insertions at one spot may interleave: see FuzzResult.openings).
        expect(result.openings).toBe(result.tokens.length);
        expect(result.tokens.length).toBeGreaterThan(10);
      } finally {
        result.dispose();
      }
    });
  }

  it('3 replicas that also split paragraphs converge and lose no insertion', async () => {
    const result = await runSceneDocFuzz({ seed: 4, replicas: 3, steps: 100, structure: 'splits' });
    try {
      expect(new Set(result.contents).size).toBe(1);
      // A split copies the paragraph's tail: two devices splitting one paragraph both copy it (never lost).
      expect(result.openings).toBeGreaterThanOrEqual(result.tokens.length);
    } finally {
      result.dispose();
    }
  });

  it('2 replicas that split and join paragraphs converge', async () => {
    const result = await runSceneDocFuzz({ seed: 7, replicas: 2, steps: 100, structure: 'splits-joins' });
    try {
      expect(new Set(result.contents).size).toBe(1);
      expect(result.merges).toBeGreaterThan(0);
    } finally {
      result.dispose();
    }
  });
});
