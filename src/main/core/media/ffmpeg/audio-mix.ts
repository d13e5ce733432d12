import { rm } from 'node:fs/promises';
import path from 'node:path';
import { buildFfmpegArgs, type AudioEncoding, type FfmpegInput } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph, filter, type FilterGraph, type PadName } from './filter-graph';
import { FINAL_MIX_TARGET, LOUDNESS_LOG_LINES, LOUDNESS_METER, loudnessOfLog, normaliseLoudness, type LoudnessTarget } from './loudness';
import type { FfmpegProgress } from './progress-parser';

/** Background music under the narration. */
export interface MusicBed {
  readonly path: string;
  /** The music's level before ducking, dB (negative: it sits under the voice); −18 when absent. */
  readonly gainDb?: number;
  /** Lower the music while the narrator speaks (sidechain compression keyed by the voice); on when absent. */
  readonly duck?: boolean;
  /** Fade-in and fade-out length, seconds; 1.5 when absent (shortened for very short mixes). */
  readonly fadeS?: number;
}

/** The final soundtrack of one render. */
export interface FinalMixRequest {
  /** The narration WAV (the narrator's output). */
  readonly narration: string;
  readonly music?: MusicBed;
  /** The soundtrack's length: the video's. Narration is padded with silence, music looped and trimmed. */
  readonly durationS: number;
  /** Where the normalised mix goes: a 48 kHz 16-bit PCM WAV, or encoded with `audio`. */
  readonly output: string;
  /** The encoding of the output (the delivered AAC, say, encoded in the loudness pass itself); 16-bit PCM when absent. */
  readonly audio?: AudioEncoding;
  /** Loudness of the result; {@link FINAL_MIX_TARGET} (−14 LUFS, −1 dBTP) when absent. */
  readonly target?: LoudnessTarget;
  readonly signal?: AbortSignal;
  /** 0–1 over the whole mix: mixing (and measuring) is the first half, the gain pass the second. */
  readonly onProgress?: (fraction: number) => void;
}

const SAMPLE_FORMAT = filter('aformat', { sample_fmts: 'fltp', sample_rates: 48_000, channel_layouts: 'stereo' });

// Speech peaks sit well above −30 dBFS, so the music dips on every word and returns within
// ~0.4 s of a pause: ratio 8 takes the bed down by 10–15 dB under a normal voice.
const DUCKING = filter('sidechaincompress', { threshold: 0.03, ratio: 8, attack: 20, release: 400, makeup: 1 });

function musicChain(graph: FilterGraph, music: MusicBed, durationS: number): PadName {
  const fadeS = Math.min(music.fadeS ?? 1.5, durationS / 4);
  const fadeOutStart = Math.max(0, Math.round((durationS - fadeS) * 1000) / 1000);
  const [bed] = graph.chain(
    ['1:a'],
    [
      SAMPLE_FORMAT,
      filter('atrim', { duration: durationS }),
      filter('volume', [`${music.gainDb ?? -18}dB`]),
      filter('afade', { t: 'in', st: 0, d: fadeS }),
      filter('afade', { t: 'out', st: fadeOutStart, d: fadeS }),
    ],
    [graph.label('music')],
  );
  return bed as PadName;
}

/** The mixing graph: narration padded to the length, music under it (ducked when asked). */
export function buildMixGraph(request: Pick<FinalMixRequest, 'music' | 'durationS'>): { graph: FilterGraph; out: PadName } {
  const graph = createFilterGraph();
  const voiceFilters = [SAMPLE_FORMAT, filter('apad', { whole_dur: request.durationS }), filter('atrim', { duration: request.durationS })];
  if (request.music === undefined) {
    const [out] = graph.chain(['0:a'], voiceFilters, [graph.label('mix')]);
    return { graph, out: out as PadName };
  }
  const bed = musicChain(graph, request.music, request.durationS);
  let under = bed;
  let voice: PadName;
  if (request.music.duck ?? true) {
    const [v, key] = graph.chain(['0:a'], [...voiceFilters, filter('asplit', [2])], [graph.label('voice'), graph.label('key')]);
    voice = v as PadName;
    under = graph.chain([bed, key as PadName], [DUCKING], [graph.label('ducked')])[0] as PadName;
  } else {
    voice = graph.chain(['0:a'], voiceFilters, [graph.label('voice')])[0] as PadName;
  }
  // normalize=0: amix would otherwise halve both, and the loudness pass sets the level anyway.
  const [out] = graph.chain([voice, under], [filter('amix', { inputs: 2, duration: 'first', normalize: 0 })], [graph.label('mix')]);
  return { graph, out: out as PadName };
}

/**
 * Mixes the final soundtrack: narration plus optional looped, faded, ducked music, then the
 * two-pass loudness normalisation to −14 LUFS / −1 dBTP. The unnormalised mix is a temporary
 * WAV beside the output, removed afterwards; it is measured while it is written (ebur128 at the
 * end of the mixing graph), so the gain pass reads it once and writes the output (in its final
 * encoding when `audio` is given) in the same run.
 */
export async function mixFinalAudio(runner: FfmpegRunner, request: FinalMixRequest): Promise<void> {
  const { graph, out } = buildMixGraph(request);
  const [metered] = graph.chain([out], [LOUDNESS_METER], [graph.label('metered')]);
  const inputs: FfmpegInput[] = [{ kind: 'file', path: request.narration }];
  if (request.music) inputs.push({ kind: 'file', path: request.music.path, streamLoop: true });
  const premix = path.join(path.dirname(request.output), `.${path.basename(request.output)}.premix.wav`);
  const signal = request.signal ? { signal: request.signal } : {};
  const stage = 'mixing the soundtrack';
  try {
    const { stderrTail } = await runner.ffmpeg({
      stage,
      args: buildFfmpegArgs({ inputs, filterGraph: graph, output: { path: premix, maps: [metered as PadName], video: null, audio: { codec: 'pcm_f32le', sampleRate: 48_000 } } }),
      durationS: request.durationS,
      outputPath: premix,
      keepStderrLines: LOUDNESS_LOG_LINES,
      onProgress: (p: FfmpegProgress) => request.onProgress?.((p.fraction ?? 0) / 2),
      ...signal,
    });
    await normaliseLoudness(runner, premix, request.output, {
      target: request.target ?? FINAL_MIX_TARGET,
      measured: loudnessOfLog(stage, stderrTail),
      audio: request.audio ?? { codec: 'pcm_s16le', sampleRate: 48_000, channels: 2 },
      onProgress: (f) => request.onProgress?.(0.5 + f / 2),
      ...signal,
    });
  } finally {
    await rm(premix, { force: true });
  }
}
