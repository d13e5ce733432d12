import { describe, expect, it } from 'vitest';
import { buildDiffSections, diffStats, type DiffLine } from './diff-view';

const same = (text: string, field: DiffLine['field'] = 'system'): DiffLine => ({ kind: 'same', field, text });

describe('diff view', () => {
  it('numbers lines on both sides and counts changes per template', () => {
    const lines: DiffLine[] = [same('a'), { kind: 'removed', field: 'system', text: 'b' }, { kind: 'added', field: 'system', text: 'B' }, same('c'), same('u', 'user')];
    const [system, user] = buildDiffSections(lines);
    expect(system?.rows).toEqual([
      { kind: 'same', text: 'a', oldNo: 1, newNo: 1 },
      { kind: 'removed', text: 'b', oldNo: 2 },
      { kind: 'added', text: 'B', newNo: 2 },
      { kind: 'same', text: 'c', oldNo: 3, newNo: 3 },
    ]);
    expect(system).toMatchObject({ added: 1, removed: 1 });
    expect(user?.rows).toEqual([{ kind: 'gap', count: 1 }]);
    expect(diffStats(buildDiffSections(lines))).toBe('+1 −1');
  });

  it('folds long unchanged stretches, keeping context around changes', () => {
    const lines: DiffLine[] = [...'abcdefgh'.split('').map((t) => same(t)), { kind: 'added', field: 'system', text: 'X' }, ...'ijklmn'.split('').map((t) => same(t))];
    const rows = buildDiffSections(lines, 2)[0]?.rows ?? [];
    expect(rows[0]).toEqual({ kind: 'gap', count: 6 });
    expect(rows.filter((r) => r.kind === 'same').map((r) => ('text' in r ? r.text : ''))).toEqual(['g', 'h', 'i', 'j']);
    expect(rows.at(-1)).toEqual({ kind: 'gap', count: 4 });
  });

  it('says when nothing changed', () => {
    expect(diffStats(buildDiffSections([same('a')]))).toBe('No changes');
    expect(buildDiffSections([])).toEqual([]);
  });
});
