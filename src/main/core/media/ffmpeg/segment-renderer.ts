import path from 'node:path';
import { buildFfmpegArgs } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph } from './filter-graph';
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
  /** The still's prescale as a multiple of the output size (see {@link kenBurnsFilters}); 1 when absent. */
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
