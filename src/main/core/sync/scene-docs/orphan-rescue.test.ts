import { describe, expect, it } from 'vitest';
import { placeIn } from './orphan-rescue';

describe('placeIn: where put-back text goes in the joined paragraph', () => {
  it('after the longest tail of its old left neighbours, taking the last place (joined text is at the end)', () => {
    expect(placeIn('First one.Second one.', 'Second one.', '', true)).toBe('First one.Second one.'.length);
    expect(placeIn('One, two. One, three.', 'One,', ' three.', true)).toBe('One, two. One,'.length);
    // Only the end of the left neighbours is still there (the rest was edited meanwhile).
    expect(placeIn('Intro. Second one, here.', 'xxSecond one,', ' here.', true)).toBe('Intro. Second one,'.length);
  });

  it('before its right neighbours when nothing of the left is found, else at the end (or the start, for a paragraph after)', () => {
    expect(placeIn('Start. here it goes.', 'qqq', 'here it', true)).toBe('Start. '.length);
    expect(placeIn('Nothing alike.', 'zzz', 'yyy', true)).toBe('Nothing alike.'.length);
    expect(placeIn('Nothing alike.', 'zzz', 'yyy', false)).toBe(0);
  });
});
