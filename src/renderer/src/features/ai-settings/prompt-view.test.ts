import { describe, expect, it } from 'vitest';
import type { PromptAuditEntry } from '../../../../shared/models/prompts';
import { auditTitle, defaultDiffPair, shortHash, splitTemplate } from './prompt-view';

const entry = (action: PromptAuditEntry['action'], fromVersion: number | null, toVersion: number | null): PromptAuditEntry => ({
  action,
  fromVersion,
  toVersion,
  oldHash: null,
  newHash: null,
  summary: '',
  at: 0,
});

describe('prompt view helpers', () => {
  it('finds {{variables}} in a template', () => {
    expect(splitTemplate('Write {{ tone }} prose about {{topic}}.')).toEqual([
      { text: 'Write ' },
      { text: '{{ tone }}', variable: 'tone' },
      { text: ' prose about ' },
      { text: '{{topic}}', variable: 'topic' },
      { text: '.' },
    ]);
    expect(splitTemplate('no variables')).toEqual([{ text: 'no variables' }]);
    expect(splitTemplate('{{#if genre}}G: {{genre}}{{/if}}')).toEqual([
      { text: '{{#if genre}}', block: true },
      { text: 'G: ' },
      { text: '{{genre}}', variable: 'genre' },
      { text: '{{/if}}', block: true },
    ]);
    expect(splitTemplate('')).toEqual([]);
  });

  it('shortens hashes', () => {
    expect(shortHash('sha256:0123456789abcdef')).toBe('01234567');
    expect(shortHash(null)).toBe('—');
  });

  it('titles audit entries', () => {
    expect(auditTitle(entry('edit', 2, 3))).toBe('Edited v2 → v3');
    expect(auditTitle(entry('pin', 3, 1))).toBe('Pinned v1');
    expect(auditTitle(entry('import', null, 1))).toBe('Imported v1');
    expect(auditTitle(entry('unpin', 1, 1))).toBe('Unpinned v1');
    expect(auditTitle(entry('adopt', 2, 3))).toBe('Switched to the shipped v3');
    expect(auditTitle(entry('dismiss', 2, 3))).toBe('Kept own version over the shipped v3');
  });

  it('compares the latest version with the one before by default', () => {
    const v = (version: number) => ({ version }) as never;
    expect(defaultDiffPair([v(1), v(3), v(2)])).toEqual({ from: 2, to: 3 });
    expect(defaultDiffPair([v(1)])).toEqual({ from: 1, to: 1 });
    expect(defaultDiffPair([])).toBeNull();
  });
});
