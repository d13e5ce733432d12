import { describe, expect, it } from 'vitest';
import { placeToasts, TOAST_MIN_WIDTH } from './toast-placement';

const viewport = { width: 1400, height: 860 };
const composer = (left: number, top = 700) => ({ left, top, right: viewport.width, bottom: viewport.height });
const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The box the stack's first toast can take, given a placement (height of one toast: 60). */
function toastBox(p: ReturnType<typeof placeToasts>, width: number, vp = viewport) {
  const right = vp.width - p.right;
  const bottom = vp.height - p.bottom;
  return { left: right - Math.min(width, p.maxWidth), top: bottom - 60, right, bottom };
}

describe('placeToasts', () => {
  it('uses the bottom-right corner when nothing is in the way', () => {
    expect(placeToasts(viewport, [])).toEqual({ right: 16, bottom: 16, maxWidth: 440 });
  });

  it('moves to the left of the chat composer when a toast fits there', () => {
    const box = composer(1060);
    const placement = placeToasts(viewport, [box]);
    expect(placement).toEqual({ right: 356, bottom: 16, maxWidth: 440 });
    expect(overlaps(toastBox(placement, 440), box)).toBe(false);
  });

  it('goes above the composer when the window is too narrow beside it', () => {
    const narrow = { width: 600, height: 700 };
    const box = { left: 260, top: 560, right: 600, bottom: 700 };
    const placement = placeToasts(narrow, [box]);
    expect(placement).toEqual({ right: 16, bottom: 156, maxWidth: 440 });
    expect(overlaps(toastBox(placement, 440, narrow), box)).toBe(false);
  });

  it('keeps a toast on screen beside the composer: never wider than the room left of it', () => {
    const box = composer(TOAST_MIN_WIDTH + 40);
    const placement = placeToasts(viewport, [box]);
    expect(placement.maxWidth).toBe(TOAST_MIN_WIDTH + 8);
    expect(toastBox(placement, 440).left).toBeGreaterThanOrEqual(0);
  });
});
