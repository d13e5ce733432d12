import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toSrt, type Cue } from '../captions';
import { captionStyleFor, toAss } from '../ffmpeg/caption-style';
import { buildFfmpegArgs, type FfmpegInput } from '../ffmpeg/ffmpeg-args';
import type { FfmpegRunner } from '../ffmpeg/ffmpeg-runner';
import { createFilterGraph, filter, type FilterGraph, type PadName } from '../ffmpeg/filter-graph';
import type { FfmpegProgress } from '../ffmpeg/progress-parser';
import { INTERMEDIATE_VIDEO, type RenderProfile } from '../ffmpeg/render-profiles';
import { crossfadedDuration, type SegmentFile } from '../ffmpeg/segment-renderer';

/**
 * The final encode opens at most this many segment files. Up to it, the crossfades happen inside
 * the final encode (the frames are decoded once and encoded once, the cheapest path); a longer
 * video is first joined losslessly in groups this size, so a 30-minute chapter does not hold a
 * hundred decoders in memory at once (each open 1080p input costs ffmpeg some 30–60 MB).
 */
export const MAX_FINAL_INPUTS = 8;
/** One decoder thread per segment input: many inputs are open at once, and threads multiply their frame buffers. */
const SEGMENT_INPUT = { threads: 1 } as const;

/** Adds `[i:v]`… crossfaded into one pad. */
export function crossfadeChain(graph: FilterGraph, segments: readonly SegmentFile[], transitionSec: number): PadName {
  // xfade needs one time base and timestamps from zero on every input (the segments already have the rate).
  const pads = segments.map((_, i) => graph.chain([`${i}:v`], [filter('settb', ['AVTB']), filter('setpts', ['PTS-STARTPTS'])], [graph.label('s')])[0] as PadName);
  let current = pads[0] as PadName;
  let offset = 0;
  for (let i = 1; i < pads.length; i++) {
    offset += (segments[i - 1] as SegmentFile).durationS - transitionSec;
    const xfade = filter('xfade', { transition: 'fade', duration: transitionSec, offset: Math.round(offset * 1e6) / 1e6 });
    current = graph.chain([current, pads[i] as PadName], [xfade], [graph.label('x')])[0] as PadName;
  }
  return current;
}

/** Joins a group of segments losslessly (the transitions stage of a long video). */
export async function joinGroup(runner: FfmpegRunner, group: readonly SegmentFile[], output: string, call: { transitionSec: number; profile: RenderProfile; signal: AbortSignal; onProgress: (f: number) => void }): Promise<SegmentFile> {
  const graph = createFilterGraph();
  const joined = crossfadeChain(graph, group, call.transitionSec);
  const [out] = graph.chain([joined], [filter('format', ['yuv420p'])], [graph.label('v')]);
  const durationS = crossfadedDuration(group, call.transitionSec);
  await runner.ffmpeg({
    stage: 'joining the scenes',
    args: buildFfmpegArgs({
      inputs: group.map((s) => ({ kind: 'file' as const, path: s.path, ...SEGMENT_INPUT })),
      filterGraph: graph,
      output: { path: output, maps: [out as string], video: { ...INTERMEDIATE_VIDEO, fps: call.profile.fps }, audio: null, format: 'matroska' },
    }),
    durationS,
    outputPath: output,
    signal: call.signal,
    onProgress: (p: FfmpegProgress) => call.onProgress(p.fraction ?? 0),
  });
  return { path: output, durationS };
}

/** Groups of at most {@link MAX_FINAL_INPUTS}, each at least two segments long (a lone segment needs no join). */
export function groupSegments(segments: readonly SegmentFile[]): SegmentFile[][] {
  if (segments.length <= MAX_FINAL_INPUTS) return [];
  const groups: SegmentFile[][] = [];
  for (let i = 0; i < segments.length; i += MAX_FINAL_INPUTS) groups.push(segments.slice(i, i + MAX_FINAL_INPUTS));
  return groups;
}

/** The final MP4's inputs and settings. */
export interface FinalEncode {
  segments: readonly SegmentFile[];
  transitionSec: number;
  audio: string;
  durationSec: number;
  profile: RenderProfile;
  captions: { cues: readonly Cue[]; mode: 'burned' | 'soft' | 'none' };
  /** libass looks for the caption font here (the bundled fonts), not through fontconfig. */
  fontsDir: string;
  fontName: string;
  output: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/**
 * The one lossy encode: segments crossfaded, captions burned with libass (or added as a soft
 * track), the soundtrack as AAC, MP4 with faststart. The caption file is written beside the
 * output and removed afterwards.
 */
export async function encodeFinal(runner: FfmpegRunner, request: FinalEncode): Promise<void> {
  const { profile, captions } = request;
  const graph = createFilterGraph();
  const inputs: FfmpegInput[] = request.segments.map((s) => ({ kind: 'file', path: s.path, ...SEGMENT_INPUT }));
  const joined = crossfadeChain(graph, request.segments, request.transitionSec);
  const base = path.join(path.dirname(request.output), `.${path.basename(request.output)}.captions`);
  const hasCues = captions.cues.length > 0 && captions.mode !== 'none';
  const captionFile = hasCues ? (captions.mode === 'burned' ? `${base}.ass` : `${base}.srt`) : null;
  const picture = [filter('setsar', [1])];
  if (captionFile !== null && captions.mode === 'burned') picture.push(filter('subtitles', { filename: captionFile, fontsdir: request.fontsDir }));
  picture.push(filter('format', ['yuv420p']));
  const [v] = graph.chain([joined], picture, [graph.label('v')]);
  const audioIndex = inputs.length;
  inputs.push({ kind: 'file', path: request.audio });
  const maps = [v as string, `${audioIndex}:a`];
  const extra: string[] = [];
  if (captionFile !== null && captions.mode === 'soft') {
    inputs.push({ kind: 'file', path: captionFile });
    maps.push(`${audioIndex + 1}:s`);
    extra.push('-c:s', 'mov_text', '-metadata:s:s:0', 'language=und');
  }
  const args = buildFfmpegArgs({
    inputs,
    filterGraph: graph,
    output: { path: request.output, maps, video: { ...profile.video, fps: profile.fps }, audio: profile.audio, durationS: request.durationSec, faststart: true, extra },
  });
  try {
    if (captionFile !== null) {
      const style = captionStyleFor(profile, request.fontName);
      await writeFile(captionFile, captions.mode === 'burned' ? toAss(captions.cues, profile, style) : toSrt(captions.cues), 'utf8');
    }
    await runner.ffmpeg({
      stage: 'encoding the final video',
      args,
      durationS: request.durationSec,
      outputPath: request.output,
      signal: request.signal,
      onProgress: (p) => request.onProgress(p.fraction ?? 0),
    });
  } finally {
    if (captionFile !== null) await rm(captionFile, { force: true });
  }
}
