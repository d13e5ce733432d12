import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toSrt, type Cue } from '../captions';
import { captionStyleFor, toAss, type CaptionStyle } from './caption-style';
import { buildFfmpegArgs, type FfmpegInput } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph, filter, type FilterSpec } from './filter-graph';
import type { FfmpegProgress } from './progress-parser';
import type { RenderProfile } from './render-profiles';

/** Captions of the final video: drawn into the frames, or a track players can switch on. */
export interface FinalCaptions {
  readonly cues: readonly Cue[];
  /** `burn` draws them with libass (every player shows them); `soft` adds a mov_text track. */
  readonly mode: 'burn' | 'soft';
  /** ISO 639-2 language of a soft track (`eng`, `fra`…); `und` when absent. */
  readonly language?: string;
  /** Overrides the profile's {@link captionStyleFor} when burning. */
  readonly style?: CaptionStyle;
}

/** The last step of a render: picture, soundtrack and captions into one MP4. */
export interface FinalAssemblyRequest {
  /** The joined scenes, a lossless intermediate (see `crossfadeSegments` with `intermediate`). */
  readonly video: string;
  /** The final soundtrack (see `mixFinalAudio`). */
  readonly audio: string;
  readonly durationS: number;
  readonly profile: RenderProfile;
  /** The `.mp4` to write. */
  readonly output: string;
  readonly captions?: FinalCaptions;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FfmpegProgress) => void;
}

function captionFile(request: FinalAssemblyRequest, captions: FinalCaptions): { file: string; text: string } {
  const base = path.join(path.dirname(request.output), `.${path.basename(request.output)}.captions`);
  if (captions.mode === 'soft') return { file: `${base}.srt`, text: toSrt(captions.cues) };
  const style = captions.style ?? captionStyleFor(request.profile);
  return { file: `${base}.ass`, text: toAss(captions.cues, request.profile, style) };
}

/**
 * Encodes the final MP4: the only lossy video encode of a render (x264 with the profile's
 * settings, `+faststart`), the soundtrack as AAC, captions burned or as a soft track. The
 * caption file is written beside the output and removed afterwards.
 */
export async function assembleFinal(runner: FfmpegRunner, request: FinalAssemblyRequest): Promise<void> {
  const { profile, captions } = request;
  const caption = captions && captions.cues.length > 0 ? captionFile(request, captions) : null;
  const inputs: FfmpegInput[] = [
    { kind: 'file', path: request.video },
    { kind: 'file', path: request.audio },
  ];
  const picture: FilterSpec[] = [filter('fps', [profile.fps]), filter('scale', { w: profile.width, h: profile.height }), filter('setsar', [1])];
  if (caption && captions?.mode === 'burn') picture.push(filter('subtitles', { filename: caption.file }));
  picture.push(filter('format', ['yuv420p']));
  const graph = createFilterGraph();
  const [v] = graph.chain(['0:v'], picture, [graph.label('v')]);
  const maps = [v as string, '1:a'];
  const extra: string[] = [];
  if (caption && captions?.mode === 'soft') {
    inputs.push({ kind: 'file', path: caption.file });
    maps.push('2:s');
    extra.push('-c:s', 'mov_text', '-metadata:s:s:0', `language=${captions.language ?? 'und'}`);
  }
  const args = buildFfmpegArgs({
    inputs,
    filterGraph: graph,
    output: { path: request.output, maps, video: { ...profile.video, fps: profile.fps }, audio: profile.audio, durationS: request.durationS, faststart: true, extra },
  });
  try {
    if (caption) await writeFile(caption.file, caption.text, 'utf8');
    await runner.ffmpeg({
      stage: 'encoding the final video',
      args,
      durationS: request.durationS,
      outputPath: request.output,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
  } finally {
    if (caption) await rm(caption.file, { force: true });
  }
}
