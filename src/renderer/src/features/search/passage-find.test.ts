import { describe, expect, it } from 'vitest';
import { passageFindText } from './passage-find';

describe('passageFindText', () => {
  it('takes the first words of the first non-empty line, without edge punctuation', () => {
    expect(passageFindText('\n\n“She left the harbour before dawn.”\nThe gulls')).toBe('She left the harbour before dawn');
    expect(passageFindText('one two three four five six seven eight nine ten eleven twelve')).toBe('one two three four five six seven eight nine ten');
    expect(passageFindText('  \n ')).toBe('');
  });
});
