import { describe, expect, it } from 'vitest';
import type { Outline } from '../../../../shared/models/manuscript';
import { moveChapterLocally, nextTitle, moveSceneLocally, neighbourScene, patchWordCount, sceneStep, visibleKeys } from './outline-model';

const P = '00000000-0000-4000-8000-000000000000';
function scene(id: string, chapterId: string, position: number, wordCount = 10) {
  return { id, projectId: P, chapterId, title: id, synopsis: '', status: 'draft' as const, pov: '', position, wordCount, revision: 0, createdAt: 0, updatedAt: 0 };
}
function chapter(id: string, position: number, sceneIds: string[]) {
  return { id, projectId: P, title: id, synopsis: '', position, createdAt: 0, updatedAt: 0, scenes: sceneIds.map((s, i) => scene(s, id, i)) };
}
const outline: Outline = { projectId: P, wordCount: 50, chapters: [chapter('c1', 0, ['a', 'b', 'c']), chapter('c2', 1, ['d']), chapter('c3', 2, ['e'])] };
const ids = (o: Outline) => o.chapters.map((c) => `${c.id}:${c.scenes.map((s) => s.id).join('')}`).join(' ');

describe('outline model', () => {
  it('moves a scene within and across chapters, renumbering positions', () => {
    expect(ids(moveSceneLocally(outline, 'a', 'c1', 2))).toBe('c1:bca c2:d c3:e');
    const across = moveSceneLocally(outline, 'b', 'c2', 0);
    expect(ids(across)).toBe('c1:ac c2:bd c3:e');
    expect(across.chapters[1]?.scenes[0]?.chapterId).toBe('c2');
    expect(across.chapters[1]?.scenes.map((s) => s.position)).toEqual([0, 1]);
    expect(across.wordCount).toBe(50);
  });

  it('moves a chapter', () => {
    expect(ids(moveChapterLocally(outline, 'c3', 0))).toBe('c3:e c1:abc c2:d');
    expect(ids(moveChapterLocally(outline, 'c1', 9))).toBe('c2:d c3:e c1:abc');
  });

  it('steps a scene across chapter edges with Alt+Arrow', () => {
    expect(sceneStep(outline, 'b', -1)).toEqual({ chapterId: 'c1', position: 0 });
    expect(sceneStep(outline, 'a', -1)).toBeNull();
    expect(sceneStep(outline, 'c', 1)).toEqual({ chapterId: 'c2', position: 0 });
    expect(sceneStep(outline, 'd', -1)).toEqual({ chapterId: 'c1', position: 3 });
    expect(sceneStep(outline, 'e', 1)).toBeNull();
  });

  it('picks the next scene to show after a delete', () => {
    expect(neighbourScene(outline, ['b'])).toBe('c');
    expect(neighbourScene(outline, ['a', 'b', 'c'])).toBe('d');
    expect(neighbourScene(outline, ['e'])).toBe('d');
  });

  it('hides scenes of collapsed chapters and patches word counts', () => {
    expect(visibleKeys(outline, { c1: true })).toEqual(['chapter:c1', 'chapter:c2', 'scene:d', 'chapter:c3', 'scene:e']);
    expect(patchWordCount(outline, 'd', 100).wordCount).toBe(140);
  });

  it('numbers new chapters and scenes without repeating a title', () => {
    expect(nextTitle('Chapter', ['Chapter 1', 'Prologue'])).toBe('Chapter 3');
    expect(nextTitle('Scene', ['Scene 1', 'Scene 2'])).toBe('Scene 3');
    expect(nextTitle('Scene', ['Scene 2'])).toBe('Scene 3');
  });
});
