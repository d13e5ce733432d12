import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../shared/models/runs';
import { scriptFromRun } from './crew-script';

const detail = (steps: Array<{ stepId: string; output: unknown; status?: string }>) =>
  ({ run: { status: 'completed' }, steps: steps.map((s) => ({ status: 'succeeded', ...s })), proposals: [] }) as unknown as RunDetail;
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;

const written = { title: 'S', scenes: [{ narration: 'One.', caption: 'First', visualDescription: 'A shore.', durationSeconds: 5 }] };

describe('the crew’s outputs as a video script', () => {
  it('takes the rewrite’s scenes, merges the describer’s direction by index, a title card of each caption', () => {
    const script = scriptFromRun(
      detail([
        { stepId: 'script', output: { title: 'S', scenes: [{ narration: 'Draft.', caption: 'x', visualDescription: 'y', durationSeconds: 2 }] } },
        { stepId: 'rewrite', output: { ...written, changes: [] } },
        { stepId: 'visuals', output: { scenes: [{ index: 1, camera: 'Close-up.', style: 'Film', mood: 'calm', lighting: '', background: 'The sea', transition: 'Cut' }] } },
      ]),
      newId,
    );
    expect(script.scenes).toEqual([
      {
        id: expect.any(String),
        narration: 'One.',
        caption: 'First',
        visual: 'A shore.\nCamera: Close-up. Style: Film. Mood: calm. Background: The sea. Transition: Cut.',
        image: { kind: 'title-card', text: 'First', background: '#1d2433' },
        durationHintSec: 5,
      },
    ]);
  });

  it('falls back to the script when the rewrite was skipped, without visuals; clamps durations and clips long captions', () => {
    const long = 'word '.repeat(100);
    const script = scriptFromRun(
      detail([
        { stepId: 'script', output: { title: 'S', scenes: [{ narration: 'Two.', caption: long, visualDescription: '', durationSeconds: 0.2 }, { narration: 'Three.', caption: '', visualDescription: '', durationSeconds: 9000 }] } },
        { stepId: 'rewrite', output: null, status: 'skipped' },
      ]),
      newId,
    );
    expect(script.scenes.map((s) => [s.narration, s.durationHintSec, s.visual])).toEqual([
      ['Two.', 1, ''],
      ['Three.', 600, ''],
    ]);
    expect(script.scenes[0]?.caption.length).toBe(300);
    expect(script.scenes[0]?.caption.endsWith('…')).toBe(true);
    expect(new Set(script.scenes.map((s) => s.id)).size).toBe(2);
  });

  it('takes the script when the rewrite’s output is not a script', () => {
    const script = scriptFromRun(detail([{ stepId: 'script', output: written }, { stepId: 'rewrite', output: { scenes: [] } }]), newId);
    expect(script.scenes.map((s) => s.narration)).toEqual(['One.']);
  });

  it('refuses outputs that are not a script, with a sentence (INVALID_OUTPUT)', () => {
    for (const outputs of [[], [{ stepId: 'rewrite', output: { scenes: [] } }], [{ stepId: 'script', output: { scenes: [{ caption: 1 }] } }], [{ stepId: 'script', output: 'text' }]]) {
      expect(() => scriptFromRun(detail(outputs), newId)).toThrow(expect.objectContaining({ code: 'INVALID_OUTPUT', message: expect.stringContaining('crew') }));
    }
  });
});
