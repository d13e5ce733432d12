import { describe, expect, it } from 'vitest';
import { captionBand, captionImageKey, cueShowing } from './caption-images';
import { canvasAlpha, captionStyleFor, toAss } from './caption-style';
import { RENDER_PROFILES } from './render-profiles';

describe('caption images', () => {
  it('asks the canvas for the square root of a colour’s opacity (libass’s filter squares it there)', () => {
    expect(canvasAlpha(0)).toBe(0);
    expect(canvasAlpha(255)).toBe(255);
    // The shadow: 127/255 opaque on the frames, 180/255 asked on the canvas (squared: 127/255).
    expect(canvasAlpha(0x80)).toBe(0x4b);
    const cues = [{ lines: ['Salt'], startSec: 0, endSec: 1 }];
    const profile = RENDER_PROFILES['youtube-1080p'];
    expect(toAss(cues, profile, captionStyleFor(profile))).toContain(',&H80000000,');
    expect(toAss(cues, profile, captionStyleFor(profile), { canvas: true })).toContain(',&H4B000000,');
  });

  it('shows a cue on the frames libass draws it on: from its start to before its end, in centiseconds against whole milliseconds', () => {
    expect(cueShowing({ startSec: 0.314, endSec: 1.806 })).toBe('gte(trunc(t*1000),310)*lt(trunc(t*1000),1810)');
  });

  it('keeps the strip at the bottom of the frame, even, taller for more lines and never past the top', () => {
    for (const profile of Object.values(RENDER_PROFILES)) {
      const one = captionBand(profile, 'DejaVu Sans', 1);
      const two = captionBand(profile, 'DejaVu Sans', 2);
      expect(one.y + one.height).toBe(profile.height);
      expect(two.height).toBeGreaterThan(one.height);
      expect(two.height % 2).toBe(0);
      expect(captionBand(profile, 'DejaVu Sans', 40)).toEqual({ y: 0, height: profile.height });
    }
  });

  it('tells captions apart by their lines, whatever they contain', () => {
    expect(captionImageKey(['a', 'b'])).not.toBe(captionImageKey(['a\nb']));
  });
});
