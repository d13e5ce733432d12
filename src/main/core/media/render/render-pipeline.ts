import { access, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RenderStage } from '../../../../shared/models/media';
import type { FfmpegService } from '../ffmpeg/ffmpeg.service';
import { RENDER_PROFILES, type RenderProfile } from '../ffmpeg/render-profiles';
import type { SegmentFile } from '../ffmpeg/segment-renderer';
import { encodeFinal, groupSegments, joinGroup } from './render-assembly';
import { cuesFor, narrateVideo, writeCaptionFiles, type RenderNarrator } from './render-narration';
import { planSegments, renderSegments, type SegmentCache } from './render-segments';
import type { RenderSpec } from './render-spec';

/** The finished render's files, by name inside its folder. */
export const RENDER_FILE_NAMES = { video: 'video.mp4', srt: 'captions.srt', vtt: 'captions.vtt', thumbnail: 'thumbnail.jpg' } as const;

/** What the pipeline works with; the ffmpeg service's runner does every ffmpeg call. */
export interface PipelineDeps {
  ffmpeg: FfmpegService;
  narrator: RenderNarrator;
  cache: SegmentCache;
  /** The bundled font for title cards, on-screen captions and the thumbnail's title. */
  fontFile: string;
  /** Its folder and family name, for libass (burned captions). */
  fontsDir: string;
  fontName: string;
  /** Scenes drawn at once. */
  segmentConcurrency: number;
  now(): number;
}

/** One render's run. */
export interface PipelineRun {
  spec: RenderSpec;
  /** `<dataDir>/media/renders/<renderId>/`: the finished files. */
  dir: string;
  signal: AbortSignal;
  onProgress(stage: RenderStage, fraction: number): void;
  onNotices(notices: readonly string[]): void;
}

export interface PipelineResult {
  durationSec: number;
  loudness: { integratedLufs: number; truePeakDb: number };
  files: { video: string; thumbnail: string; srt: string | null; vtt: string | null };
  timings: Partial<Record<RenderStage, number>>;
  /** Segments drawn by this run (the rest came from the cache). */
  drawnSegments: number;
  /** Seconds in the TTS engines. */
  ttsSec: number;
}

/** The spec's profile: the format's encode settings at the frozen frame size. */
export function profileOfSpec(spec: RenderSpec): RenderProfile {
  return { ...RENDER_PROFILES[spec.format], ...spec.profile };
}

/** A scene's image or the music gone since the render started: a sentence naming it, not ffmpeg's log. */
async function checkFiles(spec: RenderSpec): Promise<void> {
  for (const scene of spec.scenes) {
    if (scene.visual.kind !== 'image') continue;
    await access(scene.visual.path).catch(() => {
      throw new AppError(ErrorCode.NOT_FOUND, `The image of scene ${scene.number} is missing (${path.basename(scene.visual.kind === 'image' ? scene.visual.path : '')}): choose another image for it and render again.`);
    });
  }
  if (spec.music !== null) {
    await access(spec.music.path).catch(() => {
      throw new AppError(ErrorCode.NOT_FOUND, `The music file is missing (${path.basename(spec.music?.path ?? '')}): choose other music or none, and render again.`);
    });
  }
}

/**
 * Runs a render's stages in order. Everything is written under `dir` (temporary work in its
 * `.work/` folder) and the segments in the cache; a run that starts again (after a crash) redoes
 * the cheap stages and takes the scenes it already drew from the cache.
 */
export async function runPipeline(deps: PipelineDeps, run: PipelineRun): Promise<PipelineResult> {
  const { spec, signal } = run;
  const profile = profileOfSpec(spec);
  const work = path.join(run.dir, '.work');
  await mkdir(work, { recursive: true });
  await checkFiles(spec);
  const timings: Partial<Record<RenderStage, number>> = {};
  const stage = async <T>(name: RenderStage, body: () => Promise<T>): Promise<T> => {
    if (signal.aborted) throw signal.reason;
    const started = deps.now();
    run.onProgress(name, 0);
    const value = await body();
    timings[name] = (deps.now() - started) / 1000;
    run.onProgress(name, 1);
    return value;
  };
  const file = (name: string) => path.join(run.dir, name);

  const narrationWav = path.join(work, 'narration.wav');
  const narration = await stage('narration', () =>
    narrateVideo(spec, { narrator: deps.narrator, now: deps.now, signal, onProgress: (f) => run.onProgress('narration', f) }, narrationWav),
  );
  run.onNotices(narration.notices);
  const cues = cuesFor(spec, narration.sentences);
  const withCaptionFiles = cues.length > 0;
  await stage('captions', () => (withCaptionFiles ? writeCaptionFiles(cues, file(RENDER_FILE_NAMES.srt), file(RENDER_FILE_NAMES.vtt)) : Promise.resolve()));

  const plans = planSegments(spec, narration.timeline.slots, deps.fontFile);
  const rendered = await stage('segments', () =>
    renderSegments(plans, { runner: deps.ffmpeg.runner, cache: deps.cache, concurrency: deps.segmentConcurrency, signal, onFrames: (done, total) => run.onProgress('segments', total === 0 ? 1 : done / total) }),
  );
  let segments: SegmentFile[] = rendered.files.map((p, i) => ({ path: p, durationS: narration.timeline.slots[i]?.durationSec ?? 0 }));

  segments = await stage('transitions', () => joinLongVideo(deps, segments, { spec, profile, work, signal, onProgress: (f) => run.onProgress('transitions', f) }));

  const soundtrack = path.join(work, 'soundtrack.wav');
  await stage('audio', () =>
    deps.ffmpeg.mixFinalAudio({
      narration: narrationWav,
      ...(spec.music === null ? {} : { music: { path: spec.music.path, gainDb: spec.music.gainDb } }),
      durationS: narration.timeline.durationSec,
      output: soundtrack,
      signal,
      onProgress: (f) => run.onProgress('audio', f),
    }),
  );

  const partialVideo = path.join(work, 'video.partial.mp4');
  const loudness = await stage('assembly', async () => {
    await encodeFinal(deps.ffmpeg.runner, {
      segments,
      transitionSec: spec.transitionSec,
      audio: soundtrack,
      durationSec: narration.timeline.durationSec,
      profile,
      captions: { cues, mode: spec.captions },
      fontsDir: deps.fontsDir,
      fontName: deps.fontName,
      output: partialVideo,
      signal,
      onProgress: (f) => run.onProgress('assembly', f * 0.95),
    });
    // Measured on the file as delivered, after the AAC encode.
    const measured = await deps.ffmpeg.measureLoudness(partialVideo, signal);
    await rename(partialVideo, file(RENDER_FILE_NAMES.video));
    return { integratedLufs: measured.integratedLufs, truePeakDb: measured.truePeakDbtp };
  });

  await stage('thumbnail', () =>
    deps.ffmpeg.renderThumbnail({
      source: file(RENDER_FILE_NAMES.video),
      atS: Math.max(0, Math.min(spec.thumbnail.atSec, narration.timeline.durationSec - 2 / profile.fps)),
      ...(spec.thumbnail.title.trim() === '' ? {} : { title: spec.thumbnail.title }),
      profile,
      output: file(RENDER_FILE_NAMES.thumbnail),
      fontFile: deps.fontFile,
      signal,
    }),
  );

  return {
    durationSec: narration.timeline.durationSec,
    loudness,
    files: {
      video: RENDER_FILE_NAMES.video,
      thumbnail: RENDER_FILE_NAMES.thumbnail,
      srt: withCaptionFiles ? RENDER_FILE_NAMES.srt : null,
      vtt: withCaptionFiles ? RENDER_FILE_NAMES.vtt : null,
    },
    timings,
    drawnSegments: rendered.drawn,
    ttsSec: narration.ttsSec,
  };
}

/** A long video's segments joined losslessly in groups (see MAX_FINAL_INPUTS); a short one's as they are. */
async function joinLongVideo(
  deps: PipelineDeps,
  segments: SegmentFile[],
  call: { spec: RenderSpec; profile: RenderProfile; work: string; signal: AbortSignal; onProgress: (f: number) => void },
): Promise<SegmentFile[]> {
  const groups = groupSegments(segments);
  if (groups.length === 0) return segments;
  const joined: SegmentFile[] = [];
  for (const [index, group] of groups.entries()) {
    if (group.length === 1) joined.push(group[0] as SegmentFile);
    else {
      const output = path.join(call.work, `group-${index}.mkv`);
      joined.push(
        await joinGroup(deps.ffmpeg.runner, group, output, {
          transitionSec: call.spec.transitionSec,
          profile: call.profile,
          signal: call.signal,
          onProgress: (f) => call.onProgress((index + f) / groups.length),
        }),
      );
    }
  }
  return joined;
}
