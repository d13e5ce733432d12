import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { RenderStage } from '../../../../shared/models/media';
import type { FfmpegService } from '../ffmpeg';
import { RENDER_PROFILES, renderCaptionImages, type CaptionImages, type RenderProfile, type VideoEncoding } from '../ffmpeg';
import type { Cue } from '../captions';
import { muxFinal, type EncodedPiece } from './render-assembly';
import type { SegmentCache } from './render-cache';
import { cuesFor, narrateVideo, writeCaptionFiles, type RenderNarrator } from './render-narration';
import { OVERSAMPLE, pieceAt, planPieces, type PiecePlan } from './render-pieces';
import { lastPieceThreads, pieceParallelism } from './render-budget';
import { piecesToDraw, renderPieces } from './render-segments';
import { createStillStore, stillUses } from './render-stills';
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
  /** Pieces drawn at once; chosen from the memory budget when absent (see render-budget.ts). */
  segmentConcurrency?: number;
  /** x264 threads of each piece's encode; an equal share of the cores when absent. */
  segmentThreads?: number;
  /** The pieces' encode instead of the profile's (see RenderOptions.finalVideo). */
  finalVideo?: VideoEncoding;
  /** What the whole render (core + its ffmpeg processes) may hold in memory, bytes. */
  memoryBudgetBytes: number;
  /** The machine's cores. */
  cores: number;
  /** The core's resident memory now, bytes. */
  residentBytes(): number;
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
    profile: deps.finalVideo === undefined ? profileOfSpec(run.spec) : { ...profileOfSpec(run.spec), video: deps.finalVideo },
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
  const pieceSettings = { fontFile: deps.fontFile, fontName: deps.fontName, fontsDir: deps.fontsDir, video: ctx.profile.video, cues, captions: spec.captions };
  // The whole scenes' captions bound a piece's memory (cut pieces hold fewer); the workers drawing at once say how the end is cut.
  const mostCues = Math.max(0, ...planPieces(spec, narration.timeline.slots, pieceSettings).map((piece) => piece.cues.length));
  const parallelism = parallelismOf(deps, ctx.profile, mostCues);
  const pieces = planPieces(spec, narration.timeline.slots, pieceSettings, parallelism.concurrency);
  const durationSec = narration.timeline.durationSec;
  // The soundtrack needs only the narration: it is mixed, AAC-encoded and measured while the
  // pieces are drawn (its ffmpeg fills the cores the pieces' encodes leave idle), so the
  // assembly after the pieces is a stream copy of both.
  const soundtrack = inBackground(run.signal, (signal) => produceSoundtrack(ctx, narrationWav, durationSec, signal));
  const drawn = await cancelOnFailure(ctx.stage('segments', () => drawPieces(ctx, pieces, parallelism, soundtrack)), soundtrack);
  const files = pieces.map((p, i) => ({ path: drawn.files[i] as string, frames: p.frames }));
  // The thumbnail's frame is taken from its piece (the same bytes the video carries) on the core
  // the assembly's stream copy leaves idle, instead of from the video once it is joined.
  const cover = inBackground(run.signal, (signal) => thumbnail(ctx, { pieces, files: drawn.files, durationSec }, signal));
  const audio = await cancelOnFailure(ctx.stage('audio', () => soundtrack.result), cover);
  await cancelOnFailure(ctx.stage('assembly', () => assemble(ctx, { pieces: files, soundtrack: audio.file, durationSec, cues })), cover);
  const loudness = audio.loudness;
  await ctx.stage('thumbnail', () => cover.result);
  const withCaptionFiles = cues.length > 0;
  return {
    durationSec,
    loudness,
    files: { video: RENDER_FILE_NAMES.video, thumbnail: RENDER_FILE_NAMES.thumbnail, srt: withCaptionFiles ? RENDER_FILE_NAMES.srt : null, vtt: withCaptionFiles ? RENDER_FILE_NAMES.vtt : null },
    timings,
    drawnSegments: drawn.drawn,
    ttsSec: narration.ttsSec,
  };
}

/** Work started now and awaited later; `cancel` stops it (its ffmpeg killed) and waits for it to end. */
interface Background<T> {
  result: Promise<T>;
  /** Whether it has ended (done, failed or cancelled). */
  ended(): boolean;
  cancel(reason: unknown): Promise<void>;
}

function inBackground<T>(parent: AbortSignal, body: (signal: AbortSignal) => Promise<T>): Background<T> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  const result = body(stop.signal).finally(() => parent.removeEventListener('abort', onAbort));
  let ended = false;
  // Awaited by the stage that needs it; until then a failure must not count as unhandled.
  result.catch(() => undefined).finally(() => (ended = true));
  return {
    result,
    ended: () => ended,
    async cancel(reason) {
      stop.abort(reason);
      await result.catch(() => undefined);
    },
  };
}

/** What `work` gives; when it fails, `background` is cancelled (its ffmpeg stopped) before the failure goes on. */
async function cancelOnFailure<T>(work: Promise<T>, background: Background<unknown>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    await background.cancel(error);
    throw error;
  }
}

/** The soundtrack as delivered: narration and music ducked and normalised (see mixFinalAudio), AAC-encoded, its loudness measured. */
async function produceSoundtrack(ctx: StageContext, narrationWav: string, durationSec: number, signal: AbortSignal): Promise<{ file: string; loudness: PipelineResult['loudness'] }> {
  const { spec } = ctx.run;
  const file = path.join(ctx.work, 'soundtrack.m4a');
  // Encoded to the profile's AAC in the loudness pass itself: no normalised WAV in between.
  await ctx.deps.ffmpeg.mixFinalAudio({
    narration: narrationWav,
    ...(spec.music === null ? {} : { music: { path: spec.music.path, gainDb: spec.music.gainDb } }),
    durationS: durationSec,
    output: file,
    audio: ctx.profile.audio,
    signal,
  });
  // Measured on the AAC stream the video carries (the assembly copies it), not on the PCM before it.
  const measured = await ctx.deps.ffmpeg.measureLoudness(file, signal);
  return { file, loudness: { integratedLufs: measured.integratedLufs, truePeakDb: measured.truePeakDbtp } };
}

/** The pieces and the encoded soundtrack joined by stream copy, then moved into place under its final name. */
async function assemble(ctx: StageContext, input: { pieces: EncodedPiece[]; soundtrack: string; durationSec: number; cues: Cue[] }): Promise<void> {
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
    onProgress: (f) => ctx.run.onProgress('assembly', f),
  });
  await rename(partial, ctx.file(RENDER_FILE_NAMES.video));
}

/** The video's frame at the chosen moment (kept inside the video), decoded from the piece that holds it, with the title. */
function thumbnail(ctx: StageContext, video: { pieces: readonly PiecePlan[]; files: readonly string[]; durationSec: number }, signal: AbortSignal): Promise<void> {
  const { spec } = ctx.run;
  const at = pieceAt(video.pieces, Math.max(0, Math.min(spec.thumbnail.atSec, video.durationSec - 2 / ctx.profile.fps)));
  return ctx.deps.ffmpeg.renderThumbnail({
    source: video.files[at.index] as string,
    atS: at.offsetSec,
    ...(spec.thumbnail.title.trim() === '' ? {} : { title: spec.thumbnail.title }),
    profile: ctx.profile,
    output: ctx.file(RENDER_FILE_NAMES.thumbnail),
    fontFile: ctx.deps.fontFile,
    signal,
  });
}

/**
 * How many pieces at once and x264 threads in each: as asked, or what fits the memory budget
 * with `cues` (the most burned captions a piece holds);
 * and the threads of the last piece once the soundtrack's memory is free (see lastPieceThreads),
 * unless the threads were asked for.
 */
export function parallelismOf(deps: PipelineDeps, frame: { width: number; height: number }, cues = 0): { concurrency: number; threads: number; lastThreads: number } {
  const budget = { frame, cores: deps.cores, budgetBytes: deps.memoryBudgetBytes, residentBytes: deps.residentBytes(), cues };
  const fit = pieceParallelism(budget);
  const concurrency = deps.segmentConcurrency ?? fit.concurrency;
  const threads = deps.segmentThreads ?? Math.max(1, Math.floor(deps.cores / concurrency));
  return { concurrency, threads, lastThreads: deps.segmentThreads ?? lastPieceThreads(budget, { concurrency, threads }) };
}

/** Draws pieces through the cache, reporting the stage's progress in frames; the prescaled stills live in the work folder meanwhile. */
async function drawPieces(ctx: StageContext, plans: PiecePlan[], parallelism: ReturnType<typeof parallelismOf>, soundtrack: Background<unknown>): ReturnType<typeof renderPieces> {
  const { deps, run } = ctx;
  const stills = createStillStore({ dir: path.join(ctx.work, 'stills'), runner: deps.ffmpeg.runner, uses: stillUses(plans, OVERSAMPLE) });
  const { concurrency, threads, lastThreads } = parallelism;
  const captionsDir = path.join(ctx.work, 'captions');
  let captions: Promise<CaptionImages> | undefined;
  try {
    // Every burned caption of the pieces to draw, drawn once while the first pieces' stills are
    // prescaled (none when all are cached); a failure reaches the pieces that await them.
    const toDraw = await piecesToDraw(plans, deps.cache);
    const cues = toDraw.flatMap((plan) => plan.cues.map((cue) => cue.lines));
    captions = cues.length === 0 ? undefined : renderCaptionImages(deps.ffmpeg.runner, { captions: cues, profile: ctx.profile, fontName: deps.fontName, fontsDir: deps.fontsDir, dir: captionsDir, signal: run.signal });
    captions?.catch(() => undefined);
    return await renderPieces(plans, {
      runner: deps.ffmpeg.runner,
      cache: deps.cache,
      stills,
      toDraw: new Set(toDraw),
      ...(captions === undefined ? {} : { captions }),
      concurrency,
      threads,
      // Widened only once the soundtrack's ffmpeg has given its memory back.
      lastThreads: () => (soundtrack.ended() ? lastThreads : threads),
      // Until then it takes one worker's place (see pieceParallelism).
      lastWorkerAfter: soundtrack.result,
      signal: run.signal,
      onFrames: (done, total) => run.onProgress('segments', total === 0 ? 1 : done / total),
    });
  } finally {
    await captions?.catch(() => undefined);
    await stills.clear();
    await rm(captionsDir, { recursive: true, force: true });
  }
}
