import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Cue } from '../captions';
import type { VideoEncoding } from '../ffmpeg';
import type { RenderSpec, SpecScene } from './render-spec';
import type { SceneSlot } from './render-timeline';

/**
 * Bump when the drawing of a piece changes (filters, motion, text layout, encoder use): cached
 * pieces made by older code stop matching and are drawn again.
 */
export const SEGMENT_CODE_VERSION = 6;
/**
 * The stills' size as a multiple of the output's: 1. The motion scales the whole still each frame
 * and crops at whole output pixels (see kenBurnsZoom), so it needs no oversampled still to move
 * smoothly; zoompan, used before, did (2×, ~4.4 ms a 1080p frame against ~2.3 now). From a 2×
 * still the frames are no visibly sharper (PSNR Y 45 dB against them) and cost twice as much.
 */
export const OVERSAMPLE = 1;

/** A run of one scene's frames: `frames` frames from frame `from` of its `of`. */
export interface SceneSpan {
  scene: SpecScene;
  from: number;
  frames: number;
  of: number;
}

/**
 * One piece of the final video, encoded once with the final settings; the pieces are joined by
 * stream copy. A piece is one scene from where the crossfade into it ends to its own end: its
 * last `fadeFrames` frames are crossfaded into the first frames of the next scene (the second
 * span), drawn in the same ffmpeg process — one process, one x264 start and one decode of each
 * still per scene. Near the video's end a scene is cut into several pieces (see splitForTheEnd);
 * the last carries the crossfade.
 */
export interface PiecePlan {
  /** The scene's span, then (when a crossfade ends the piece) the next scene's first `fadeFrames` frames. */
  spans: SceneSpan[];
  frames: number;
  /** The crossfade at the piece's end, in frames; 0 for the last scene or without transitions. */
  fadeFrames: number;
  /** Where the piece starts in the final video, in frames. */
  startFrame: number;
  /** Burned captions inside the piece, times relative to its start (none unless burned). */
  cues: Cue[];
  /** The font file for title cards and on-screen captions. */
  fontFile: string;
  /** libass's font (burned captions) and its folder (not in the key: where the fonts live does not change the frames). */
  fontName: string;
  fontsDir: string;
  profile: RenderSpec['profile'];
  /** The final encode's settings: every piece has the same, so their streams join by copy. */
  video: VideoEncoding;
}

/** What the pieces of one render share. */
export interface PieceSettings {
  fontFile: string;
  fontName: string;
  fontsDir: string;
  video: VideoEncoding;
  /** Every cue of the video; only burned captions go into the pieces. */
  cues: readonly Cue[];
  captions: RenderSpec['captions'];
}

/** A piece's frames before it is placed on the timeline. */
type Cut = Pick<PiecePlan, 'spans' | 'frames' | 'fadeFrames'>;

/** Frames a crossfade lasts: whole frames, so pieces meet on frame boundaries. */
export function transitionFrames(spec: Pick<RenderSpec, 'transitionSec' | 'profile'>): number {
  return Math.round(spec.transitionSec * spec.profile.fps);
}

/** The cues that show during `[start, end)` seconds, moved to the piece's time and cut to it. */
export function cuesWithin(cues: readonly Cue[], startSec: number, endSec: number): Cue[] {
  const round = (s: number) => Math.round(s * 1000) / 1000;
  return cues
    .filter((c) => c.endSec > startSec && c.startSec < endSec)
    .map((c) => ({ lines: c.lines, startSec: round(Math.max(0, c.startSec - startSec)), endSec: round(Math.min(endSec, c.endSec) - startSec) }));
}

/**
 * The pieces in order, one per scene: scene i from frame `overlap` (where the crossfade into it
 * ends; 0 for the first) to its end, its last `overlap` frames crossfaded into scene i+1's first.
 */
function spansInOrder(scenes: readonly SpecScene[], slots: readonly SceneSlot[], overlap: number): Cut[] {
  return scenes.map((scene, i) => {
    const of = (slots[i] as SceneSlot).frames;
    const from = i === 0 ? 0 : overlap;
    const own = { scene, from, frames: of - from, of };
    const next = scenes[i + 1];
    if (next === undefined || overlap === 0) return { spans: [own], frames: own.frames, fadeFrames: 0 };
    return { spans: [own, { scene: next, from: 0, frames: overlap, of: (slots[i + 1] as SceneSlot).frames }], frames: own.frames, fadeFrames: overlap };
  });
}

/** The shortest piece {@link splitForTheEnd} cuts, in seconds: each costs an ffmpeg start, a still read and an opening keyframe (~0.1 CPU-s at 1080p). */
export const SHORTEST_CUT_SEC = 1;
/**
 * How finely the end is cut: a piece is at most 1/(this × workers) of the frames from its start
 * to the video's end. 2, from a simulation of two greedy workers over 300 random videos (5–14
 * scenes of 3–10 s, per-frame costs 1–5× apart as x264's work on different stills is): the
 * workers finished 1.55 CPU-s apart on average (8.3 at worst) with whole scenes, 0.65 (1.8)
 * cut with 2, 0.66 (4.4) with 1, each cut's start cost counted.
 */
export const END_CUT_DIVISOR = 2;

/**
 * Cuts the pieces near the video's end into shorter ones (guided self-scheduling), so the
 * workers drawing them at once run out of work together: one long scene drawn last would leave
 * the other workers idle until it ends (at 1080p on 2 cores, a detailed still's scene is ~11
 * CPU-s). Early pieces stay whole. A cut draws the frames of its scene the whole piece would
 * have (the motion is a function of the frame index); only the last cut of a piece carries its
 * crossfade, and is never shorter than it. The cuts depend on `workers`, so a render resumed with
 * another count redraws only the end's cuts.
 */
function splitForTheEnd(pieces: readonly Cut[], workers: number, shortest: number): Cut[] {
  if (workers <= 1) return [...pieces];
  let remaining = pieces.reduce((sum, p) => sum + p.frames, 0);
  return pieces.flatMap((piece) => {
    const [own, next] = piece.spans as [SceneSpan, SceneSpan | undefined];
    const cuts: Cut[] = [];
    for (let at = 0; at < piece.frames; ) {
      const left = piece.frames - at;
      let frames = Math.min(left, Math.max(shortest, Math.ceil(remaining / (END_CUT_DIVISOR * workers))));
      // No runt after it: the last cut is never under the shortest, nor under the crossfade it holds.
      if (left - frames < Math.max(shortest, piece.fadeFrames)) frames = left;
      const span = { ...own, from: own.from + at, frames };
      const last = at + frames === piece.frames;
      cuts.push(last && next !== undefined ? { spans: [span, next], frames, fadeFrames: piece.fadeFrames } : { spans: [span], frames, fadeFrames: 0 });
      at += frames;
      remaining -= frames;
    }
    return cuts;
  });
}

/**
 * The pieces of a spec on its timeline, in the order they play; with `workers` drawing them at
 * once, the end's pieces are cut shorter (see {@link splitForTheEnd}).
 */
export function planPieces(spec: RenderSpec, slots: readonly SceneSlot[], settings: PieceSettings, workers = 1): PiecePlan[] {
  const { fps } = spec.profile;
  let start = 0;
  const wholes = spansInOrder(spec.scenes, slots, transitionFrames(spec));
  return splitForTheEnd(wholes, workers, Math.round(SHORTEST_CUT_SEC * fps)).map((piece) => {
    const startFrame = start;
    start += piece.frames;
    const cues = settings.captions === 'burned' ? cuesWithin(settings.cues, startFrame / fps, (startFrame + piece.frames) / fps) : [];
    return { ...piece, startFrame, cues, fontFile: settings.fontFile, fontName: settings.fontName, fontsDir: settings.fontsDir, profile: spec.profile, video: settings.video };
  });
}

/**
 * Where the video's frame at `atSec` lies: the piece holding it and the frame's time inside that
 * piece. The frame is the first at or after the moment, the one ffmpeg's seek in the whole video
 * gives; past the end, the last frame.
 */
export function pieceAt(plans: readonly PiecePlan[], atSec: number): { index: number; offsetSec: number } {
  const fps = plans[0]?.profile.fps ?? 1;
  // Less a hair, so a moment on a frame's time (1 s at 30 fps) is that frame despite float error.
  const frame = Math.max(0, Math.ceil(atSec * fps - 1e-6));
  const holding = plans.findIndex((plan) => frame < plan.startFrame + plan.frames);
  const index = holding < 0 ? plans.length - 1 : holding;
  const plan = plans[index];
  if (plan === undefined) throw new Error('A video has at least one piece.');
  return { index, offsetSec: Math.min(frame - plan.startFrame, plan.frames - 1) / fps };
}

/** A title card's text: its own, or the scene's caption when it has none. */
export function cardText(scene: SpecScene): string {
  return scene.visual.kind === 'title-card' && scene.visual.text.trim() !== '' ? scene.visual.text : scene.caption;
}

/** The caption drawn over an image (a title card with no text shows the caption as its text instead). */
export function onScreenCaption(scene: SpecScene): string {
  if (scene.visual.kind === 'title-card' && scene.visual.text.trim() === '') return '';
  return scene.caption.trim();
}

function spanShape(span: SceneSpan): unknown {
  const { scene } = span;
  const visual = scene.visual.kind === 'image' ? { image: scene.visual.hash } : { card: cardText(scene), background: scene.visual.background };
  return { visual, caption: onScreenCaption(scene), seed: scene.id, from: span.from, frames: span.frames, of: span.of };
}

/** The content hash naming a piece in the cache: everything that shapes its frames and its encode. */
export function pieceKey(plan: PiecePlan): string {
  const shape = {
    v: SEGMENT_CODE_VERSION,
    spans: plan.spans.map(spanShape),
    fade: plan.fadeFrames,
    profile: plan.profile,
    oversample: OVERSAMPLE,
    encoder: plan.video,
    cues: plan.cues,
    font: path.basename(plan.fontFile),
    captionFont: plan.cues.length > 0 ? plan.fontName : null,
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 40);
}

/** Pieces in one stretch of the drawing order, per piece drawn at once (see {@link drawingOrder}). */
export const DRAWING_WINDOW_PER_WORKER = 4;

/**
 * The order pieces are drawn in: the longest first within each stretch of `window` pieces, so
 * the workers run out of work together instead of one core idling while a long piece (a chapter's
 * title card, a long scene) draws alone at the end. Length is only a proxy: x264's work also
 * follows the picture: in the 60 s bench, pieces over its most detailed stills cost ~2× others
 * of the same length and are drawn last all the same. The stretches keep each piece near
 * its neighbours, which share a still (the crossfade's): a prescaled still stays on disk only
 * while its stretch draws.
 */
export function drawingOrder(frames: readonly number[], window: number): number[] {
  const order: number[] = [];
  const size = Math.max(1, Math.floor(window));
  for (let start = 0; start < frames.length; start += size) {
    const stretch = Array.from({ length: Math.min(size, frames.length - start) }, (_, i) => start + i);
    order.push(...stretch.sort((a, b) => (frames[b] as number) - (frames[a] as number) || a - b));
  }
  return order;
}
