import { describe, expect, it } from 'vitest';
import { testProposal } from '../../testing/run-fixture';
import { blockingReason, describeTarget, diffStats, fieldDiff, textDiff } from './proposal-diff';

describe('proposal diffs', () => {
  it('diffs prose word by word', () => {
    const parts = textDiff('The lamp was dark.', 'The lamp burned bright.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['was dark']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['burned bright']);
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('The lamp was dark.');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('The lamp burned bright.');
    expect(diffStats(parts)).toEqual({ added: 2, removed: 2 });
  });

  it('shows a new text as all added, and no change as none', () => {
    expect(textDiff('', 'New words.')).toEqual([{ kind: 'added', text: 'New words.' }]);
    expect(textDiff('Same.', 'Same.')).toEqual([{ kind: 'same', text: 'Same.' }]);
  });

  it('diffs a codex entry field by field: added, removed, changed, unchanged', () => {
    const changes = fieldDiff({ description: 'A sailor.', fields: { age: '30', home: 'Port', eyes: 'grey' } }, { description: 'A sailor.', fields: { age: '31', eyes: 'grey', fear: 'deep water' } });
    expect(changes).toEqual([
      { field: 'description', kind: 'same', before: 'A sailor.', after: 'A sailor.' },
      { field: 'age', kind: 'changed', before: '30', after: '31' },
      { field: 'home', kind: 'removed', before: 'Port', after: null },
      { field: 'eyes', kind: 'same', before: 'grey', after: 'grey' },
      { field: 'fear', kind: 'added', before: null, after: 'deep water' },
    ]);
    expect(fieldDiff(null, { description: 'New.', fields: { role: 'mentor' } }).map((c) => c.kind)).toEqual(['added', 'added']);
  });

  it('names the target and the first blocking policy finding', () => {
    expect(describeTarget(testProposal({ id: 'p' }).change)).toEqual({ kind: 'Scene', name: 'The Lighthouse' });
    expect(blockingReason(testProposal({ id: 'p', violations: [{ rule: 'length', message: 'Long.', blocking: false }] }))).toBeNull();
    expect(blockingReason(testProposal({ id: 'p', violations: [{ rule: 'length', message: 'Long.', blocking: false }, { rule: 'words', message: 'Uses a blocked word.', blocking: true }] }))).toBe('Uses a blocked word.');
  });
});
