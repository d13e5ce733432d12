import { describe, expect, it } from 'vitest';
import type { Outline } from '../../../shared/models/manuscript';
import { continuityStepOver } from './run-book';

const outline = {
  projectId: 'p1',
  wordCount: 0,
  chapters: [
    { id: 'c1', scenes: [{ id: 's1' }, { id: 's2' }] },
    { id: 'c2', scenes: [{ id: 's3' }] },
  ],
} as unknown as Outline;

describe('the continuity step', () => {
  it('checks every scene of the run’s chapter and reports that chapter’s open issues only', async () => {
    const checked: string[] = [];
    const step = continuityStepOver({
      outline: () => outline,
      checkScene: (sceneId) => Promise.resolve(void checked.push(sceneId)),
      openIssues: () => [
        { summary: 'Mara’s eyes are grey in the codex, green in chapter 1, scene 2.', found: { type: 'scene', id: 's2' } },
        { summary: 'Elsewhere.', found: { type: 'scene', id: 's3' } },
      ],
    });
    const result = await step.check({ projectId: 'p1', chapterId: 'c1', signal: new AbortController().signal });
    expect(checked).toEqual(['s1', 's2']);
    expect(result).toEqual({ issues: [{ summary: 'Mara’s eyes are grey in the codex, green in chapter 1, scene 2.', sceneId: 's2' }] });
    await expect(step.check({ projectId: 'p1', chapterId: 'gone', signal: new AbortController().signal })).rejects.toThrow(/no longer exists/);
  });
});
