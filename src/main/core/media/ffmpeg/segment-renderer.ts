import path from 'node:path';
import { buildFfmpegArgs } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph, filter } from './filter-graph';
import { kenBurnsFilters, kenBurnsMotion } from './ken-burns';
import type { FfmpegProgress } from './progress-parser';
import { INTERMEDIATE_VIDEO, type RenderProfile } from './render-profiles';

/** Shared options of the renders below. */
interface RenderCall {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FfmpegProgress) => void;
}

/** One still image rendered as a moving segment. */
export interface StillSegmentRequest extends RenderCall {
  readonly image: string;
  /** Where the segment goes; `.mkv` suits the lossless intermediate. */
  readonly output: string;
  readonly profile: RenderProfile;
  readonly durationS: number;
  /** Picks the motion; the same seed gives the same frames. */
  readonly seed: string;
  /** Oversampling for smooth motion (see {@link kenBurnsFilters}); 2 when absent. */
  readonly oversample?: number;
  /** Names the step in errors ("scene 3"); the image's file name when absent. */
  readonly label?: string;
}

const callOptions = (call: RenderCall) => ({
  ...(call.signal === undefined ? {} : { signal: call.signal }),
  ...(call.onProgress === undefined ? {} : { onProgress: call.onProgress }),
});

/**
 * Renders a still with Ken Burns motion to a lossless intermediate (x264 qp 0) of exactly
 * `durationS` (rounded to whole frames) at the profile's size and rate, without audio.
 */
export async function renderStillSegment(runner: FfmpegRunner, request: StillSegmentRequest): Promise<void> {
  const { profile } = request;
  const frames = Math.max(1, Math.round(request.durationS * profile.fps));
  const graph = createFilterGraph();
  const out = graph.label('v');
  const motion = kenBurnsMotion(request.seed);
  graph.chain(['0:v'], kenBurnsFilters(motion, { width: profile.width, height: profile.height, fps: profile.fps, frames, ...(request.oversample ? { oversample: request.oversample } : {}) }), [out]);
  const args = buildFfmpegArgs({
    inputs: [{ kind: 'file', path: request.image }],
    filterGraph: graph,
    output: { path: request.output, maps: [out], video: { ...INTERMEDIATE_VIDEO, fps: profile.fps }, audio: null, frames },
  });
  await runner.ffmpeg({
    stage: `rendering ${request.label ?? path.basename(request.image)}`,
    args,
    durationS: frames / profile.fps,
    outputPath: request.output,
    ...callOptions(request),
  });
}

/** A rendered segment and its length. */
export interface SegmentFile {
  readonly path: string;
  readonly durationS: number;
}

/** Segments joined with crossfades. */
export interface CrossfadeRequest extends RenderCall {
  readonly segments: readonly SegmentFile[];
  readonly output: string;
  readonly profile: RenderProfile;
  /** Length of each crossfade, seconds; shorter than every segment. */
  readonly transitionS: number;
  /** An xfade transition name (`fade`, `slideleft`, `circleopen`…); `fade` when absent. */
  readonly transition?: string;
  /** `final` encodes with the profile (the one lossy encode, MP4 with faststart); `intermediate` stays lossless. */
  readonly encoding: 'final' | 'intermediate';
}

/** How long the crossfaded result is: each transition overlaps two segments. */
export function crossfadedDuration(segments: readonly SegmentFile[], transitionS: number): number {
  const total = segments.reduce((sum, s) => sum + s.durationS, 0);
  return total - Math.max(0, segments.length - 1) * transitionS;
}

/** Joins segments with `xfade`; the output lasts {@link crossfadedDuration}. */
export async function crossfadeSegments(runner: FfmpegRunner, request: CrossfadeRequest): Promise<void> {
  const { segments, transitionS, profile } = request;
  if (segments.length === 0) throw new Error('Crossfading needs at least one segment.');
  if (segments.some((s) => s.durationS <= transitionS)) throw new Error('Each segment must be longer than the transition.');
  const graph = createFilterGraph();
  // xfade needs inputs with the same rate and time base; normalise each once.
  const prepared = segments.map((_, i) => graph.chain([`${i}:v`], [filter('fps', [profile.fps]), filter('settb', ['AVTB']), filter('setpts', ['PTS-STARTPTS'])], [graph.label('s')])[0] as string);
  let current = prepared[0] as string;
  let offset = 0;
  for (let i = 1; i < prepared.length; i++) {
    offset += (segments[i - 1] as SegmentFile).durationS - transitionS;
    const xfade = filter('xfade', { transition: request.transition ?? 'fade', duration: transitionS, offset: Math.round(offset * 1000) / 1000 });
    current = graph.chain([current, prepared[i] as string], [xfade], [graph.label('x')])[0] as string;
  }
  const out = graph.chain([current], [filter('format', ['yuv420p'])], [graph.label('v')])[0] as string;
  const final = request.encoding === 'final';
  const durationS = crossfadedDuration(segments, transitionS);
  const args = buildFfmpegArgs({
    inputs: segments.map((s) => ({ kind: 'file' as const, path: s.path })),
    filterGraph: graph,
    output: {
      path: request.output,
      maps: [out],
      video: { ...(final ? profile.video : INTERMEDIATE_VIDEO), fps: profile.fps },
      audio: null,
      faststart: final,
    },
  });
  await runner.ffmpeg({ stage: 'joining the scenes', args, durationS, outputPath: request.output, ...callOptions(request) });
}
