import { describe, expect, it } from 'vitest';
import { testProposal } from '../../testing/run-fixture';
import { wordDiff } from '../../lib/proposal-diff';
import { blockingReason, describeTarget, diffStats } from './proposal-diff';

describe('proposal diffs', () => {
  it('counts the words a diff adds and removes', () => {
    expect(diffStats(wordDiff('The lamp was dark.', 'The lamp burned bright and low.'))).toEqual({ added: 4, removed: 2 });
    expect(diffStats(wordDiff('', 'New words here.'))).toEqual({ added: 3, removed: 0 });
  });

  it('names the target and the first blocking policy finding', () => {
    expect(describeTarget(testProposal({ id: 'p' }).change)).toEqual({ kind: 'Scene', name: 'The Lighthouse' });
    expect(blockingReason(testProposal({ id: 'p', violations: [{ rule: 'length', message: 'Long.', blocking: false }] }))).toBeNull();
    expect(blockingReason(testProposal({ id: 'p', violations: [{ rule: 'length', message: 'Long.', blocking: false }, { rule: 'words', message: 'Uses a blocked word.', blocking: true }] }))).toBe('Uses a blocked word.');
  });
});
