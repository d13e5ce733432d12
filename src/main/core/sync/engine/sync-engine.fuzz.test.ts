import { describe, expect, it } from 'vitest';
import { runEngineFuzz } from '../../../testing/sync-engine-fuzz';

// The full size (3 clients × 10,000 operations) runs in bench/sync-engine.ts.
describe('seeded multi-client fuzz through the real endpoint', () => {
  it.each([7, 23])('three clients converge with no acknowledged edit lost (seed %i, 120 operations)', async (seed) => {
    const report = await runEngineFuzz({ seed, clients: 3, operations: 120 });
    expect(report.syncs).toBeGreaterThan(10);
    expect(report.records).toBeGreaterThan(20);
    expect(report.acknowledgedTexts).toBeGreaterThan(5);
    expect(report.differences).toEqual([]);
    expect(report.textDifferences).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.lostText).toEqual([]);
  }, 240_000);
});
