import { access, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RenderStage } from '../../../../shared/models/media';
import type { FfmpegService } from '../ffmpeg';
import { RENDER_PROFILES, type RenderProfile } from '../ffmpeg';
import type { Cue } from '../captions';
import { muxFinal, type EncodedPiece } from './render-assembly';
import type { SegmentCache } from './render-cache';
import { cuesFor, narrateVideo, writeCaptionFiles, type RenderNarrator } from './render-narration';
import { planPieces, type PiecePlan } from './render-pieces';
import { renderPieces } from './render-segments';
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
  /** Pieces drawn at once. */
  segmentConcurrency: number;
  /** x264 threads of each piece's encode; ffmpeg's choice (every core) when absent. */
  segmentThreads?: number;
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
  /** Pieces drawn by this run (the rest came from the cache). */
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
  const pieces = planPieces(spec, narration.timeline.slots, { fontFile: deps.fontFile, fontName: deps.fontName, fontsDir: deps.fontsDir, video: ctx.profile.video, cues, captions: spec.captions });
  // Scene bodies first (a scene's error names the scene), then the crossfade windows between them.
  const bodies = await ctx.stage('segments', () => drawPieces(ctx, pieces.filter((p) => p.kind === 'body'), 'segments'));
  const windows = await ctx.stage('transitions', () => drawPieces(ctx, pieces.filter((p) => p.kind === 'window'), 'transitions'));
  const durationSec = narration.timeline.durationSec;
  const soundtrack = await ctx.stage('audio', () => mixSoundtrack(ctx, narrationWav, durationSec));
  const files = inPlayingOrder(pieces, bodies.files, windows.files);
  const loudness = await ctx.stage('assembly', () => assemble(ctx, { pieces: files, soundtrack, durationSec, cues }));
  await ctx.stage('thumbnail', () => thumbnail(ctx, durationSec));
  const withCaptionFiles = cues.length > 0;
  return {
    durationSec,
    loudness,
    files: { video: RENDER_FILE_NAMES.video, thumbnail: RENDER_FILE_NAMES.thumbnail, srt: withCaptionFiles ? RENDER_FILE_NAMES.srt : null, vtt: withCaptionFiles ? RENDER_FILE_NAMES.vtt : null },
    timings,
    drawnSegments: bodies.drawn + windows.drawn,
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

/** The pieces joined by stream copy with the soundtrack, its loudness measured, then moved into place under its final name. */
async function assemble(ctx: StageContext, input: { pieces: EncodedPiece[]; soundtrack: string; durationSec: number; cues: Cue[] }): Promise<PipelineResult['loudness']> {
  const { spec, signal } = ctx.run;
  const partial = path.join(ctx.work, 'video.partial.mp4');
  await muxFinal(ctx.deps.ffmpeg.runner, {
    pieces: input.pieces,
    audio: input.soundtrack,
    durationSec: input.durationSec,
    profile: ctx.profile,
    softCues: spec.captions === 'soft' ? input.cues : [],
    output: partial,
    signal,
    onProgress: (f) => ctx.run.onProgress('assembly', f * 0.8),
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

/** Draws pieces through the cache, reporting the stage's progress in frames. */
function drawPieces(ctx: StageContext, plans: PiecePlan[], stage: RenderStage): ReturnType<typeof renderPieces> {
  const { deps, run } = ctx;
  return renderPieces(plans, {
    runner: deps.ffmpeg.runner,
    cache: deps.cache,
    concurrency: deps.segmentConcurrency,
    ...(deps.segmentThreads === undefined ? {} : { threads: deps.segmentThreads }),
    signal: run.signal,
    onFrames: (done, total) => run.onProgress(stage, total === 0 ? 1 : done / total),
  });
}

/** The drawn files back in playing order: body, window, body… */
function inPlayingOrder(pieces: readonly PiecePlan[], bodies: readonly string[], windows: readonly string[]): EncodedPiece[] {
  let b = 0;
  let w = 0;
  return pieces.map((p) => ({ path: (p.kind === 'body' ? bodies[b++] : windows[w++]) as string, frames: p.frames }));
}
