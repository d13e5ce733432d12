import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { testVideo } from '../../../testing/render-doubles';
import { RENDER_PROFILES } from '../ffmpeg/render-profiles';
import { createProgressTracker, STAGE_WEIGHTS } from './render-progress';
import { concatList } from './render-assembly';
import { cuesWithin, drawingOrder, pieceAt, pieceKey, planPieces, type PiecePlan } from './render-pieces';
import { freezeRenderSpec, type FreezeDeps, type RenderSpec } from './render-spec';
import { layOutScenes, LEAD_SEC, TAIL_SEC } from './render-timeline';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const ASSET = '00000000-0000-4000-8000-0000000000aa';

const freezeDeps = (files: Record<string, string | null>): FreezeDeps => ({
  resolveAsset: async (id) => {
    if (!(id in files)) throw new AppError('NOT_FOUND', 'gone');
    return { path: `/assets/${id}.png`, kind: id === 'music' ? 'audio' : 'image' };
  },
  hashFile: async (file) => {
    const id = file.slice('/assets/'.length, -'.png'.length);
    const hash = files[id];
    if (hash === null || hash === undefined) throw new Error('unreadable');
    return hash;
  },
  profileFor: (format) => RENDER_PROFILES[format],
  transitionSec: 0.5,
});

describe('the scene timeline', () => {
  it('gives a narrated scene its narration plus air and the crossfade, in whole frames', () => {
    const { slots, durationSec } = layOutScenes([{ narrationSec: 2, durationHintSec: null }, { narrationSec: 1, durationHintSec: null }], 30, 0.5);
    expect(slots[0]).toMatchObject({ startSec: 0, narrationStartSec: LEAD_SEC, frames: Math.ceil((LEAD_SEC + 2 + TAIL_SEC + 0.5) * 30) });
    // The next scene starts as the crossfade begins: its narration after the fade and its lead.
    expect(slots[1]?.startSec).toBeCloseTo((slots[0]?.durationSec ?? 0) - 0.5, 9);
    expect(slots[1]?.narrationStartSec).toBeGreaterThan(LEAD_SEC + 2 + TAIL_SEC);
    expect(durationSec).toBeCloseTo(2 * (LEAD_SEC + TAIL_SEC) + 3, 1);
    for (const slot of slots) expect(slot.durationSec).toBe(slot.frames / 30);
  });

  it('uses the hint when it is longer or there is no narration, and never makes a scene shorter than two crossfades', () => {
    const { slots } = layOutScenes(
      [
        { narrationSec: 1, durationHintSec: 6 },
        { narrationSec: 0, durationHintSec: 2 },
        { narrationSec: 0, durationHintSec: null },
      ],
      30,
      0.5,
    );
    expect(slots.map((s) => s.durationSec)).toEqual([6, 2, 31 / 30]);
  });
});

describe('freezing a video into a render spec', () => {
  it('resolves images to files and hashes, and gives scenes without an image a title card', async () => {
    const video = testVideo(PROJECT, [
      { narration: 'One.', image: { kind: 'asset', assetId: ASSET } },
      { narration: 'Two.', caption: 'Second' },
    ]);
    const spec = await freezeRenderSpec(video, freezeDeps({ [ASSET]: 'abc' }));
    expect(spec.scenes.map((s) => s.visual)).toEqual([
      { kind: 'image', path: `/assets/${ASSET}.png`, hash: 'abc' },
      { kind: 'title-card', text: '', background: '#1d2433' },
    ]);
    expect(spec).toMatchObject({ profile: { width: 1280, height: 720, fps: 30 }, revision: 1, captions: 'soft', music: null, transitionSec: 0.5 });
  });

  it('names the scene whose image is gone, and refuses a script with nothing to render', async () => {
    const missing = testVideo(PROJECT, [{ narration: 'One.' }, { narration: 'Two.', image: { kind: 'asset', assetId: ASSET } }]);
    await expect(freezeRenderSpec(missing, freezeDeps({}))).rejects.toThrow('The image of scene 2 is missing: its file was deleted. Choose another one and render again.');
    await expect(freezeRenderSpec(missing, freezeDeps({ [ASSET]: null }))).rejects.toThrow('The image of scene 2 is missing: its file cannot be read.');
    await expect(freezeRenderSpec(testVideo(PROJECT, []), freezeDeps({}))).rejects.toThrow('The script has no scenes yet');
    await expect(freezeRenderSpec(testVideo(PROJECT, [{ narration: ' ' }]), freezeDeps({}))).rejects.toThrow('Scene 1 has neither narration nor a length');
  });
});

describe('the piece cache key', () => {
  type Scene = PiecePlan['spans'][number]['scene'];
  const scene = (patch: Partial<Scene> = {}): Scene => ({ id: 's1', number: 1, narration: 'Words.', caption: 'Cap', durationHintSec: null, visual: { kind: 'image', path: '/a.png', hash: 'h1' }, ...patch });
  const plan = (patch: Partial<PiecePlan> = {}, scenePatch: Partial<Scene> = {}): PiecePlan => ({
    spans: [{ scene: scene(scenePatch), from: 15, frames: 60, of: 90 }],
    frames: 60,
    fadeFrames: 0,
    startFrame: 75,
    cues: [],
    fontFile: '/fonts/LiberationSerif-Bold.ttf',
    fontName: 'Liberation Serif',
    fontsDir: '/fonts',
    profile: { width: 320, height: 180, fps: 30 },
    video: RENDER_PROFILES['youtube-720p'].video,
    ...patch,
  });

  it('follows everything that shapes the frames and their encode, and nothing else', () => {
    const base = pieceKey(plan());
    // The narration text, the scene number, where the image and fonts live and where the piece sits do not change its frames.
    expect(pieceKey(plan({ startFrame: 0, fontsDir: '/elsewhere' }, { narration: 'Other words.', number: 4, visual: { kind: 'image', path: '/b.png', hash: 'h1' } }))).toBe(base);
    const changed = [
      plan({ spans: [{ scene: scene(), from: 14, frames: 60, of: 90 }] }),
      plan({ spans: [{ scene: scene(), from: 15, frames: 60, of: 91 }] }),
      plan({ profile: { width: 640, height: 360, fps: 30 } }),
      plan({}, { visual: { kind: 'image', path: '/a.png', hash: 'h2' } }),
      plan({}, { caption: 'Other' }),
      plan({}, { id: 's2' }),
      plan({ fontFile: '/fonts/Other.ttf' }),
      plan({ video: { ...RENDER_PROFILES['youtube-720p'].video, crf: 18 } }),
      plan({ cues: [{ startSec: 0, endSec: 1, lines: ['Hello'] }] }),
      plan({ fadeFrames: 15, spans: [{ scene: scene(), from: 15, frames: 60, of: 90 }, { scene: scene({ id: 's2' }), from: 0, frames: 15, of: 60 }] }),
      plan({ fadeFrames: 15, spans: [{ scene: scene(), from: 15, frames: 60, of: 90 }, { scene: scene({ id: 's3' }), from: 0, frames: 15, of: 60 }] }),
    ].map(pieceKey);
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });
});

describe('the pieces of a render', () => {
  const spec = (captions: 'burned' | 'soft', scenes: number) => ({
    scenes: Array.from({ length: scenes }, (_, i) => ({ id: `s${i}`, number: i + 1, narration: '', caption: '', durationHintSec: 2, visual: { kind: 'title-card' as const, text: 'T', background: '#000000' } })),
    profile: { width: 320, height: 180, fps: 30 },
    captions,
    transitionSec: 0.5,
  });
  const settings = (captions: 'burned' | 'soft') => ({ fontFile: '/f.ttf', fontName: 'F', fontsDir: '/', video: RENDER_PROFILES['youtube-720p'].video, cues: [{ startSec: 1.9, endSec: 2.6, lines: ['Across'] }], captions });

  it('are one per scene, each ending in its crossfade into the next, frame-exact, with the burned cues moved into each', () => {
    const timeline = layOutScenes([{ narrationSec: 0, durationHintSec: 2 }, { narrationSec: 0, durationHintSec: 3 }, { narrationSec: 0, durationHintSec: 2 }], 30, 0.5);
    const pieces = planPieces(spec('burned', 3) as unknown as RenderSpec, timeline.slots, settings('burned'));
    // A scene from where the crossfade into it ends to its own end; its last 15 frames fade into the next scene's first 15.
    expect(pieces.map((p) => [p.startFrame, p.frames, p.fadeFrames, p.spans.map((s) => [s.scene.number, s.from, s.frames, s.of])])).toEqual([
      [0, 60, 15, [[1, 0, 60, 60], [2, 0, 15, 90]]],
      [60, 75, 15, [[2, 15, 75, 90], [3, 0, 15, 60]]],
      [135, 45, 0, [[3, 15, 45, 60]]],
    ]);
    // Frames in all equal the timeline's length: the pieces join end to end.
    expect(pieces.reduce((sum, p) => sum + p.frames, 0)).toBe(Math.round(timeline.durationSec * 30));
    // A cue across a join shows in both pieces, in each one's own time.
    expect(pieces.map((p) => p.cues)).toEqual([[{ startSec: 1.9, endSec: 2, lines: ['Across'] }], [{ startSec: 0, endSec: 0.6, lines: ['Across'] }], []]);
    expect(planPieces(spec('soft', 3) as unknown as RenderSpec, timeline.slots, settings('soft')).every((p) => p.cues.length === 0)).toBe(true);
  });

  it('cut the end into shorter pieces for two workers, each cut continuing its scene, the crossfade in its last cut', () => {
    // Eight scenes of 4 s (120 frames), no crossfade into the first.
    const scenes = 8;
    const timeline = layOutScenes(Array.from({ length: scenes }, () => ({ narrationSec: 0, durationHintSec: 4 })), 30, 0.5);
    const whole = planPieces(spec('burned', scenes) as unknown as RenderSpec, timeline.slots, settings('burned'));
    const cut = planPieces(spec('burned', scenes) as unknown as RenderSpec, timeline.slots, settings('burned'), 2);
    const total = whole.reduce((sum, p) => sum + p.frames, 0);
    expect(cut.reduce((sum, p) => sum + p.frames, 0)).toBe(total);
    // The first scenes stay whole (one piece each, as with one worker); the end is cut.
    expect(cut.slice(0, 4)).toEqual(whole.slice(0, 4));
    expect(cut.length).toBeGreaterThan(whole.length);
    // Each piece starts where the one before ended, never under a second, and about 1/4 of what
    // is left to the end at most: more only to leave no shorter cut behind it.
    let start = 0;
    for (const piece of cut) {
      expect(piece.startFrame).toBe(start);
      expect(piece.frames).toBeGreaterThanOrEqual(30);
      const guide = Math.ceil((total - start) / 4);
      expect(piece.frames).toBeLessThan(Math.max(30, guide) + Math.max(30, piece.fadeFrames));
      start += piece.frames;
    }
    expect(cut.at(-1)?.frames).toBeLessThan(60);
    // A scene's cuts continue its motion frame by frame; only the last fades into the next scene.
    for (let number = 1; number <= scenes; number++) {
      const ofScene = cut.filter((p) => p.spans[0]?.scene.number === number);
      const wholePiece = whole.find((p) => p.spans[0]?.scene.number === number) as PiecePlan;
      let from = wholePiece.spans[0]?.from ?? 0;
      for (const piece of ofScene) {
        expect(piece.spans[0]?.from).toBe(from);
        expect(piece.spans[0]?.of).toBe(wholePiece.spans[0]?.of);
        from += piece.frames;
      }
      expect(ofScene.slice(0, -1).every((p) => p.fadeFrames === 0 && p.spans.length === 1)).toBe(true);
      expect(ofScene.at(-1)?.spans.slice(1)).toEqual(wholePiece.spans.slice(1));
      expect(ofScene.at(-1)?.fadeFrames).toBe(wholePiece.fadeFrames);
      expect(ofScene.at(-1)?.frames).toBeGreaterThanOrEqual(wholePiece.fadeFrames);
    }
    // The cue across the join of scenes 1 and 2 is still moved into each piece's own time.
    expect(cut[0]?.cues).toEqual(whole[0]?.cues);
  });

  it('find the piece holding a moment’s frame, and the frame’s time inside it', () => {
    const timeline = layOutScenes([{ narrationSec: 0, durationHintSec: 2 }, { narrationSec: 0, durationHintSec: 3 }, { narrationSec: 0, durationHintSec: 2 }], 30, 0.5);
    // Pieces of frames [0, 60), [60, 135), [135, 180).
    const pieces = planPieces(spec('burned', 3) as unknown as RenderSpec, timeline.slots, settings('burned'));
    expect(pieceAt(pieces, 0)).toEqual({ index: 0, offsetSec: 0 });
    expect(pieceAt(pieces, 1.99)).toEqual({ index: 1, offsetSec: 0 });
    expect(pieceAt(pieces, 2)).toEqual({ index: 1, offsetSec: 0 });
    // The first frame at or after the moment: 2.01 s is frame 61.
    expect(pieceAt(pieces, 2.01)).toEqual({ index: 1, offsetSec: 1 / 30 });
    expect(pieceAt(pieces, 4.5)).toEqual({ index: 2, offsetSec: 0 });
    expect(pieceAt(pieces, 5.9)).toEqual({ index: 2, offsetSec: 42 / 30 });
    // Past the end: the last frame.
    expect(pieceAt(pieces, 60)).toEqual({ index: 2, offsetSec: 44 / 30 });
  });

  it('cuts cues to the piece', () => {
    expect(cuesWithin([{ startSec: 0, endSec: 1, lines: ['a'] }, { startSec: 2, endSec: 3, lines: ['b'] }], 0.5, 2.5)).toEqual([
      { startSec: 0, endSec: 0.5, lines: ['a'] },
      { startSec: 1.5, endSec: 2, lines: ['b'] },
    ]);
  });
});

describe('the order pieces are drawn in', () => {
  it('is longest first within each stretch, ties in video order, stretches in video order', () => {
    expect(drawingOrder([200, 205, 180, 390, 70, 190, 205, 350], 8)).toEqual([3, 7, 1, 6, 0, 5, 2, 4]);
    expect(drawingOrder([10, 30, 20, 40, 50], 2)).toEqual([1, 0, 3, 2, 4]);
    expect(drawingOrder([], 8)).toEqual([]);
  });

  it('draws every piece once, whatever the window', () => {
    const frames = Array.from({ length: 37 }, (_, i) => (i * 7919) % 113);
    for (const window of [0, 1, 3, 8, 100]) expect([...drawingOrder(frames, window)].sort((a, b) => a - b)).toEqual(frames.map((_, i) => i));
  });

  it('lets two workers finish together where video order leaves one drawing a long piece alone', () => {
    // Greedy workers, each taking the next piece when free: when does the last one finish?
    const finish = (frames: number[], order: number[]) => {
      const free = [0, 0];
      for (const index of order) {
        free.sort((a, b) => a - b);
        free[0] = (free[0] as number) + (frames[index] as number);
      }
      return Math.max(...free);
    };
    // A chapter whose fourth and last scenes are long (a title card before each, say).
    const frames = [200, 205, 180, 390, 70, 190, 205, 350];
    const ideal = frames.reduce((a, b) => a + b, 0) / 2;
    // Video order ends with the long last piece drawing alone; longest first ends with the
    // shortest, so the workers finish within less than that piece of each other.
    expect(finish(frames, frames.map((_, i) => i))).toBe(990);
    const balanced = finish(frames, drawingOrder(frames, 8));
    expect(balanced).toBe(935);
    expect(balanced - ideal).toBeLessThan(Math.min(...frames));
  });
});

describe('the concat list', () => {
  it('states each piece’s exact duration in microseconds from the start, quotes paths, and opens each without its decoder', () => {
    const list = concatList([{ path: "/c/it's.mp4", frames: 1 }, { path: '/c/b.mp4', frames: 1 }, { path: '/c/c.mp4', frames: 1 }], 30);
    const noDecoder = 'option codec_whitelist none';
    expect(list).toBe(`file '/c/it'\\''s.mp4'\n${noDecoder}\nduration 0.033333\nfile '/c/b.mp4'\n${noDecoder}\nduration 0.033334\nfile '/c/c.mp4'\n${noDecoder}\nduration 0.033333\n`);
  });
});

describe('render progress', () => {
  it('weighs the stages into one bar that never goes back, with an ETA from the speed so far', () => {
    expect(Object.values(STAGE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const tracker = createProgressTracker(0);
    expect(tracker.at('narration', 0.1, 1000)).toMatchObject({ etaSec: null });
    const half = tracker.at('segments', 1, 10_000);
    expect(half.progress).toBeCloseTo(STAGE_WEIGHTS.narration + STAGE_WEIGHTS.captions + STAGE_WEIGHTS.segments, 9);
    expect(half.etaSec).toBe(Math.round((10 * (1 - half.progress)) / half.progress));
    expect(tracker.at('segments', 0.2, 11_000).progress).toBe(half.progress);
    expect(tracker.at('thumbnail', 1, 20_000)).toMatchObject({ progress: 1, etaSec: 0 });
  });
});
