import { describe, expect, it } from 'vitest';
import { captionStyleFor, escapeAssText, toAss } from './caption-style';
import { RENDER_PROFILES } from './render-profiles';

describe('caption styles per profile', () => {
  it('scales the font and margins with the frame, larger and higher up in 9:16', () => {
    const p1080 = captionStyleFor(RENDER_PROFILES['youtube-1080p']);
    const p720 = captionStyleFor(RENDER_PROFILES['youtube-720p']);
    const shorts = captionStyleFor(RENDER_PROFILES['shorts-1080x1920']);
    expect(p1080).toMatchObject({ fontPx: 54, marginVPx: 65, marginHPx: 96, outlinePx: 3 });
    expect(p720.fontPx).toBe(36);
    expect(p720.marginVPx).toBeLessThan(p1080.marginVPx);
    // Same width as 1080p's height: the vertical video's letters are bigger, and clear the buttons.
    expect(shorts.fontPx).toBeGreaterThan(p1080.fontPx);
    expect(shorts.marginVPx / 1920).toBeGreaterThan(p1080.marginVPx / 1080);
  });

  it('writes an ASS script in the frame\'s pixels with one event per cue', () => {
    const profile = RENDER_PROFILES['shorts-1080x1920'];
    const ass = toAss(
      [
        { startSec: 0.5, endSec: 2.25, lines: ['Rain on the tin roof,', 'all night.'] },
        { startSec: 3661.2, endSec: 3662, lines: ['A \\N {trap}'] },
      ],
      profile,
      captionStyleFor(profile),
    );
    expect(ass).toContain('PlayResX: 1080\nPlayResY: 1920');
    expect(ass).toContain('Style: Default,DejaVu Sans,76,');
    expect(ass).toContain('Dialogue: 0,0:00:00.50,0:00:02.25,Default,,0,0,0,,Rain on the tin roof,\\Nall night.');
    expect(ass).toContain('Dialogue: 0,1:01:01.20,1:01:02.00,Default,,0,0,0,,A \\\u200bN (trap)');
    expect(ass.match(/^Dialogue:/gm)).toHaveLength(2);
  });

  it('keeps a backslash in the text from starting an ASS override', () => {
    expect(escapeAssText('C:\\new')).toBe('C:\\\u200bnew');
  });
});
