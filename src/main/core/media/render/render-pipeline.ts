import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RenderStage } from '../../../../shared/models/media';
import type { FfmpegService } from '../ffmpeg/ffmpeg.service';
import { RENDER_PROFILES, type RenderProfile } from '../ffmpeg/render-profiles';
import type { SegmentFile } from '../ffmpeg/segment-renderer';
import { encodeFinal, groupSegments, joinGroup, MAX_FINAL_INPUTS } from './render-assembly';
import type { Cue } from '../captions';
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

/** What every stage of one run shares. */
interface StageContext {
  deps: PipelineDeps;
  run: PipelineRun;
  profile: RenderProfile;
  work: string;
  file(name: string): string;
  stage<T>(name: RenderStage, body: () => Promise<T>): Promise<T>;
}

function stageContext(deps: PipelineDeps, run: PipelineRun, timings: Partial<Record<RenderStage, number>>): StageContext {
  return {
    deps,
    run,
    profile: profileOfSpec(run.spec),
    work: path.join(run.dir, '.work'),
    file: (name) => path.join(run.dir, name),
    async stage(name, body) {
      if (run.signal.aborted) throw run.signal.reason;
      const started = deps.now();
      run.onProgress(name, 0);
      const value = await body();
      timings[name] = (deps.now() - started) / 1000;
      run.onProgress(name, 1);
      return value;
    },
  };
}

/**
 * Runs a render's stages in order. Everything is written under `dir` (temporary work in its
 * `.work/` folder) and the segments in the cache; a run that starts again (after a crash) redoes
 * the cheap stages and takes the scenes it already drew from the cache.
 */
export async function runPipeline(deps: PipelineDeps, run: PipelineRun): Promise<PipelineResult> {
  const { spec, signal } = run;
  const timings: Partial<Record<RenderStage, number>> = {};
  const ctx = stageContext(deps, run, timings);
  await mkdir(ctx.work, { recursive: true });
  await checkFiles(spec);
  const narrationWav = path.join(ctx.work, 'narration.wav');
  const narration = await ctx.stage('narration', () => narrateVideo(spec, { narrator: deps.narrator, now: deps.now, signal, onProgress: (f) => run.onProgress('narration', f) }, narrationWav));
  run.onNotices(narration.notices);
  const cues = cuesFor(spec, narration.sentences);
  await ctx.stage('captions', () => (cues.length > 0 ? writeCaptionFiles(cues, ctx.file(RENDER_FILE_NAMES.srt), ctx.file(RENDER_FILE_NAMES.vtt)) : Promise.resolve()));
  const rendered = await ctx.stage('segments', () =>
    renderSegments(planSegments(spec, narration.timeline.slots, deps.fontFile), {
      runner: deps.ffmpeg.runner,
      cache: deps.cache,
      concurrency: deps.segmentConcurrency,
      signal,
      onFrames: (done, total) => run.onProgress('segments', total === 0 ? 1 : done / total),
    }),
  );
  const drawn = rendered.files.map((p, i) => ({ path: p, durationS: narration.timeline.slots[i]?.durationSec ?? 0 }));
  const segments = await ctx.stage('transitions', () => joinLongVideo(ctx, drawn));
  const durationSec = narration.timeline.durationSec;
  const soundtrack = await ctx.stage('audio', () => mixSoundtrack(ctx, narrationWav, durationSec));
  const loudness = await ctx.stage('assembly', () => assemble(ctx, { segments, soundtrack, durationSec, cues }));
  await ctx.stage('thumbnail', () => thumbnail(ctx, durationSec));
  const withCaptionFiles = cues.length > 0;
  return {
    durationSec,
    loudness,
    files: { video: RENDER_FILE_NAMES.video, thumbnail: RENDER_FILE_NAMES.thumbnail, srt: withCaptionFiles ? RENDER_FILE_NAMES.srt : null, vtt: withCaptionFiles ? RENDER_FILE_NAMES.vtt : null },
    timings,
    drawnSegments: rendered.drawn,
    ttsSec: narration.ttsSec,
  };
}

/** Narration and music, ducked and normalised (see mixFinalAudio). */
async function mixSoundtrack(ctx: StageContext, narrationWav: string, durationSec: number): Promise<string> {
  const { spec, signal } = ctx.run;
  const output = path.join(ctx.work, 'soundtrack.wav');
  await ctx.deps.ffmpeg.mixFinalAudio({
    narration: narrationWav,
    ...(spec.music === null ? {} : { music: { path: spec.music.path, gainDb: spec.music.gainDb } }),
    durationS: durationSec,
    output,
    signal,
    onProgress: (f) => ctx.run.onProgress('audio', f),
  });
  return output;
}

/** The final encode, its loudness measured, then moved into place under its final name. */
async function assemble(ctx: StageContext, input: { segments: SegmentFile[]; soundtrack: string; durationSec: number; cues: Cue[] }): Promise<PipelineResult['loudness']> {
  const { spec, signal } = ctx.run;
  const partial = path.join(ctx.work, 'video.partial.mp4');
  await encodeFinal(ctx.deps.ffmpeg.runner, {
    segments: input.segments,
    transitionSec: spec.transitionSec,
    audio: input.soundtrack,
    durationSec: input.durationSec,
    profile: ctx.profile,
    captions: { cues: input.cues, mode: spec.captions },
    fontsDir: ctx.deps.fontsDir,
    fontName: ctx.deps.fontName,
    output: partial,
    signal,
    onProgress: (f) => ctx.run.onProgress('assembly', f * 0.95),
  });
  // Measured on the file as delivered, after the AAC encode.
  const measured = await ctx.deps.ffmpeg.measureLoudness(partial, signal);
  await rename(partial, ctx.file(RENDER_FILE_NAMES.video));
  return { integratedLufs: measured.integratedLufs, truePeakDb: measured.truePeakDbtp };
}

/** The frame at the chosen moment (kept inside the video) with the title. */
function thumbnail(ctx: StageContext, durationSec: number): Promise<void> {
  const { spec, signal } = ctx.run;
  return ctx.deps.ffmpeg.renderThumbnail({
    source: ctx.file(RENDER_FILE_NAMES.video),
    atS: Math.max(0, Math.min(spec.thumbnail.atSec, durationSec - 2 / ctx.profile.fps)),
    ...(spec.thumbnail.title.trim() === '' ? {} : { title: spec.thumbnail.title }),
    profile: ctx.profile,
    output: ctx.file(RENDER_FILE_NAMES.thumbnail),
    fontFile: ctx.deps.fontFile,
    signal,
  });
}

/**
 * A long video's segments joined losslessly in groups, level after level, until the final encode
 * has at most MAX_FINAL_INPUTS to open; a short video's as they are.
 */
async function joinLongVideo(ctx: StageContext, segments: SegmentFile[]): Promise<SegmentFile[]> {
  let current = segments;
  const levels = Math.max(1, Math.ceil(Math.log(segments.length) / Math.log(MAX_FINAL_INPUTS)) - 1);
  for (let level = 0; current.length > MAX_FINAL_INPUTS; level++) {
    const groups = groupSegments(current);
    const joined: SegmentFile[] = [];
    for (const [index, group] of groups.entries()) {
      if (group.length === 1) {
        joined.push(group[0] as SegmentFile);
        continue;
      }
      const done = (f: number) => ctx.run.onProgress('transitions', Math.min(1, (level + (index + f) / groups.length) / levels));
      joined.push(
        await joinGroup(ctx.deps.ffmpeg.runner, group, path.join(ctx.work, `group-${level}-${index}.mkv`), { transitionSec: ctx.run.spec.transitionSec, profile: ctx.profile, signal: ctx.run.signal, onProgress: done }),
      );
    }
    // The previous level's joins are consumed: only the cache's segments and this level stay on disk.
    const kept = new Set(joined.map((s) => s.path));
    await Promise.all(current.filter((s) => s.path.startsWith(ctx.work) && !kept.has(s.path)).map((s) => rm(s.path, { force: true })));
    current = joined;
  }
  return current;
}
