import { describe, expect, it } from 'vitest';
import { testRun, testStep } from '../../testing/run-fixture';
import { displayValue, formatCost, formatDuration, groupStatus, groupSteps } from './run-format';

describe('the run view’s reading of a run', () => {
  it('groups fanned-out branches under their step, in plan order and item order', () => {
    const steps = [testStep({ key: 'draft_scenes#1' }), testStep({ key: 'beats' }), testStep({ key: 'draft_scenes#0', status: 'running' })];
    const groups = groupSteps(testRun(), steps);
    expect(groups.map((g) => g.stepId)).toEqual(['beats', 'draft_scenes', 'edit_pass']);
    expect(groups[0]?.step?.key).toBe('beats');
    expect(groups[1]?.step).toBeNull();
    expect(groups[1]?.branches.map((b) => b.key)).toEqual(['draft_scenes#0', 'draft_scenes#1']);
    expect(groups[2]?.step).toBeNull();
    expect(groups[2]?.branches).toEqual([]);
  });

  it('gives a fanned-out step the status its branches add up to', () => {
    const group = (statuses: Array<'succeeded' | 'running' | 'failed' | 'skipped'>) =>
      groupStatus({ stepId: 'd', title: 'd', step: null, branches: statuses.map((status, i) => testStep({ key: `d#${i}`, status })) });
    expect(group(['succeeded', 'running'])).toBe('running');
    expect(group(['succeeded', 'failed', 'running'])).toBe('failed');
    expect(group(['succeeded', 'skipped'])).toBe('succeeded');
    expect(group(['skipped'])).toBe('skipped');
    expect(group([])).toBe('pending');
  });

  it('shows JSON indented and prose as it reads', () => {
    expect(displayValue({ beats: ['a'] })).toEqual({ kind: 'json', text: '{\n  "beats": [\n    "a"\n  ]\n}' });
    expect(displayValue('{"a":1}')).toEqual({ kind: 'json', text: '{\n  "a": 1\n}' });
    expect(displayValue('She ran. {not json}')).toEqual({ kind: 'prose', text: 'She ran. {not json}' });
  });

  it('writes durations and costs the way people read them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.266)).toBe('$1.27');
  });
});
