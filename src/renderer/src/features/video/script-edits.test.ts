import { describe, expect, it } from 'vitest';
import { insertScene, moveScene, newScene, patchScene, removeScene, restoreScene } from './script-edits';

const ids = (script: { scenes: { id: string }[] }) => script.scenes.map((s) => s.id);
const a = newScene({ narration: 'A' });
const b = newScene({ narration: 'B' });
const c = newScene({ narration: 'C' });

describe('script edits', () => {
  it('makes scenes with fresh ids and patches one', () => {
    expect(a.id).not.toBe(b.id);
    expect(patchScene({ scenes: [a, b] }, b.id, { caption: 'Hi' }).scenes.map((s) => s.caption)).toEqual(['', 'Hi']);
  });

  it('inserts after a scene, at the start or at the end', () => {
    expect(ids(insertScene({ scenes: [a, b] }, c, a.id))).toEqual([a.id, c.id, b.id]);
    expect(ids(insertScene({ scenes: [a, b] }, c, null))).toEqual([c.id, a.id, b.id]);
    expect(ids(insertScene({ scenes: [a, b] }, c))).toEqual([a.id, b.id, c.id]);
    expect(ids(insertScene({ scenes: [a, b] }, c, 'gone'))).toEqual([a.id, b.id, c.id]);
  });

  it('moves a scene up or down, and not past either end', () => {
    const script = { scenes: [a, b, c] };
    expect(ids(moveScene(script, b.id, -1))).toEqual([b.id, a.id, c.id]);
    expect(ids(moveScene(script, b.id, 1))).toEqual([a.id, c.id, b.id]);
    expect(moveScene(script, a.id, -1)).toBe(script);
    expect(moveScene(script, c.id, 1)).toBe(script);
  });

  it('removes a scene and puts it back where it was', () => {
    const removed = removeScene({ scenes: [a, b, c] }, b.id);
    expect(ids(removed.script)).toEqual([a.id, c.id]);
    expect(removed.index).toBe(1);
    expect(ids(restoreScene(removed.script, b, removed.index))).toEqual([a.id, b.id, c.id]);
    expect(ids(restoreScene({ scenes: [a, b] }, b, 0))).toEqual([a.id, b.id]);
  });
});
