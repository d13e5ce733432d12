import { describe, expect, it } from 'vitest';
import { runConvergenceFuzz } from '../../../testing/sync-convergence';

// The full size (3 × 10,000 operations) runs in bench/sync-changes.ts.
describe('convergence of three devices', () => {
  it.each([11, 29])('reaches identical synced contents with no acknowledged value lost (seed %i, 3 devices, 300 operations)', async (seed) => {
    const report = await runConvergenceFuzz({ seed, devices: 3, operations: 300 });
    expect(report.records).toBeGreaterThan(50);
    expect(report.syncs).toBeGreaterThan(10);
    expect(report.differences).toEqual([]);
    expect(Object.values(report.contents[0] ?? {}).flat().length).toBeGreaterThan(50);
    expect(report.stateDifferences).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.parked).toEqual([0, 0, 0]);
  }, 120_000);
});
