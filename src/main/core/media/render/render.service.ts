import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, ErrorCode, notFound } from '../../../../shared/ipc/errors';
import type { Job } from '../../../../shared/models/jobs';
import { RENDER_STAGE_LABELS, type Render, type RenderStage, type RenderStatus, type Video } from '../../../../shared/models/media';
import type { EventBus } from '../../events';
import { CategorisedFailure, type JobContext, type JobRunner } from '../../jobs';
import type { Clock, IdGenerator } from '../../platform/clock';
import type { FfmpegService } from '../ffmpeg';
import { RENDER_PROFILES, type RenderProfile, type VideoEncoding } from '../ffmpeg';
import { MEDIA_FOLDERS, type MediaFiles } from '../media-files.port';
import type { RenderNarrator } from './render-narration';
import { runPipeline, type PipelineDeps } from './render-pipeline';
import { createProgressTracker } from './render-progress';
import { createSegmentCache } from './render-cache';
import { freezeRenderSpec, hashFileSha256, renderSpecSchema, type ResolvedAsset } from './render-spec';
import type { RenderRepo, RenderRow } from './render.repo';
import { toRender } from './render-view';

/** The job kind of a render. */
export const RENDER_JOB_KIND = 'media.render';
/** Where finished segments are cached, under the data folder. */
export const SEGMENT_CACHE_FOLDER = path.join(MEDIA_FOLDERS.cache, 'segments');
/** The bundled font the render draws with (title cards, on-screen captions, burned captions, the thumbnail). */
export const RENDER_FONT = { file: 'LiberationSerif-Bold.ttf', family: 'Liberation Serif' } as const;

const payloadSchema = z.object({ renderId: z.string().min(1) });
type RenderPayload = z.infer<typeof payloadSchema>;

/** Tuning a test or a benchmark may change. */
export interface RenderOptions {
  /** Pieces drawn at once (default: as many as cores while they fit the memory budget). */
  segmentConcurrency?: number;
  /** x264 threads of each piece's encode (default: the cores shared equally between the pieces). */
  segmentThreads?: number;
  /** What a render (core + ffmpeg) may hold in memory, MB (default 1024). */
  memoryBudgetMb?: number;
  /** The machine's cores (default: `os.availableParallelism()`). */
  cores?: number;
  /** Crossfade between scenes, seconds (default 0.5). */
  transitionSec?: number;
  /** The profile of a format (tests: a scaled one, 320×180). */
  profileFor?: (format: Video['format']) => RenderProfile;
  /** Least time between two `render.changed` events of one render's progress (default 250 ms). */
  emitIntervalMs?: number;
  /**
   * The pieces' encode instead of the profile's (the benchmark renders the same frames a second
   * time losslessly, x264 qp 0, to time a bare encode of exactly the frames the render encoded).
   */
  finalVideo?: VideoEncoding;
}

export interface RenderServiceDeps {
  dataDir: string;
  repo: RenderRepo;
  jobs: JobRunner;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The video as it is now (the videos part). */
  loadVideo(id: string): Promise<Video>;
  /** An asset's file (the videos part). */
  resolveAsset(assetId: string): Promise<ResolvedAsset>;
  files: MediaFiles;
  narrator: RenderNarrator;
  ffmpeg: FfmpegService;
  /** The bundled fonts (`resources/fonts`). */
  fontsDir: string;
  options?: RenderOptions;
}

const FINISHED: readonly RenderStatus[] = ['done', 'failed', 'cancelled'];

/** Renders: durable jobs that turn a video into an MP4, captions and a thumbnail. */
export function createRenderService(deps: RenderServiceDeps) {
  const { repo, jobs, clock, logger } = deps;
  const options = deps.options ?? {};
  const emitIntervalMs = options.emitIntervalMs ?? 250;
  const dirOf = (id: string) => path.join(deps.dataDir, MEDIA_FOLDERS.renders, id);
  const pipelineDeps: PipelineDeps = {
    ffmpeg: deps.ffmpeg,
    narrator: deps.narrator,
    cache: createSegmentCache(path.join(deps.dataDir, SEGMENT_CACHE_FOLDER)),
    fontFile: path.join(deps.fontsDir, RENDER_FONT.file),
    fontsDir: deps.fontsDir,
    fontName: RENDER_FONT.family,
    ...(options.segmentConcurrency === undefined ? {} : { segmentConcurrency: options.segmentConcurrency }),
    ...(options.segmentThreads === undefined ? {} : { segmentThreads: options.segmentThreads }),
    ...(options.finalVideo === undefined ? {} : { finalVideo: options.finalVideo }),
    memoryBudgetBytes: (options.memoryBudgetMb ?? 1024) * 1024 * 1024,
    cores: options.cores ?? os.availableParallelism(),
    residentBytes: () => process.memoryUsage.rss(),
    now: () => clock.now(),
  };
  let closing = false;

  const find = (id: string): RenderRow => {
    const row = repo.get(id);
    if (!row) throw notFound('The render');
    return row;
  };
  const view = (row: RenderRow) => toRender(row, deps.files, dirOf(row.id));
  const publish = (row: RenderRow | undefined) => {
    if (!row || closing) return;
    void view(row).then(
      (render) => deps.events.emit('render.changed', render),
      (error: unknown) => logger.warn({ err: error, renderId: row.id }, 'could not describe a render'),
    );
  };
  const finish = async (id: string, status: RenderStatus, error: { code: string; message: string } | null) => {
    // Nothing half-written stays: a render that did not finish has no files.
    await rm(dirOf(id), { recursive: true, force: true });
    publish(repo.update(id, { status, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, etaSec: null, finishedAt: clock.now() }));
  };

  async function run(context: JobContext<RenderPayload>): Promise<void> {
    const row = repo.get(context.payload.renderId);
    if (!row || FINISHED.includes(row.status as RenderStatus)) return;
    const spec = renderSpecSchema.parse(JSON.parse(row.spec));
    const tracker = createProgressTracker(clock.now());
    const notices = new Set<string>(JSON.parse(row.notices) as string[]);
    let lastEmit = 0;
    let lastStage: RenderStage | null = null;
    publish(repo.update(row.id, { status: 'running', progress: 0, etaSec: null, stage: 'narration', errorCode: null, errorMessage: null }));
    const onProgress = (stage: RenderStage, fraction: number) => {
      const now = clock.now();
      const snapshot = tracker.at(stage, fraction, now);
      context.progress({ done: Math.round(snapshot.progress * 1000), total: 1000, message: RENDER_STAGE_LABELS[stage] });
      if (stage === lastStage && now - lastEmit < emitIntervalMs) return;
      lastStage = stage;
      lastEmit = now;
      publish(repo.update(row.id, { stage, progress: snapshot.progress, etaSec: snapshot.etaSec }));
    };
    try {
      const result = await runPipeline(pipelineDeps, {
        spec,
        dir: dirOf(row.id),
        signal: context.signal,
        onProgress,
        onNotices: (list) => {
          list.forEach((n) => notices.add(n));
          publish(repo.update(row.id, { notices: JSON.stringify([...notices]) }));
        },
      });
      await rm(path.join(dirOf(row.id), '.work'), { recursive: true, force: true });
      logger.info({ renderId: row.id, timings: result.timings, drawnSegments: result.drawnSegments }, 'render finished');
      publish(
        repo.update(row.id, {
          status: 'done',
          stage: null,
          progress: 1,
          etaSec: 0,
          files: JSON.stringify(result.files),
          durationSec: result.durationSec,
          loudness: JSON.stringify(result.loudness),
          timings: JSON.stringify(result.timings),
          finishedAt: clock.now(),
        }),
      );
    } catch (error) {
      throw await failed(row.id, context, error);
    }
  }

  /** Records how a render ended when its pipeline threw; returns what the job runner should see. */
  async function failed(id: string, context: JobContext<RenderPayload>, error: unknown): Promise<unknown> {
    // The core is closing: the job stays running and resumes at the next start, files and all.
    if (closing) return error;
    if (context.signal.aborted) {
      await finish(id, 'cancelled', null);
      return error;
    }
    const known = error instanceof AppError ? { code: error.code, message: error.message } : null;
    if (!known) logger.error({ err: error, renderId: id }, 'render failed');
    const stage = repo.get(id)?.stage as RenderStage | null;
    const reported = known ?? { code: ErrorCode.INTERNAL, message: `Rendering failed while ${RENDER_STAGE_LABELS[stage ?? 'narration'].toLowerCase()}. The details were written to the log.` };
    await finish(id, 'failed', reported);
    // A broken input or a missing file fails the same way again: no retry.
    return new CategorisedFailure(reported.code, reported.message, 'permanent', { cause: error });
  }

  jobs.register<RenderPayload>({
    kind: RENDER_JOB_KIND,
    payload: payloadSchema,
    // Attempts are spent by crashes too (each restart resumes the render).
    maxAttempts: 3,
    title: (payload) => `Render “${repo.get(payload.renderId)?.title ?? 'a video'}”`,
    run,
  });

  // A render's job that ended without its handler (cancelled while queued, from the jobs view, or
  // interrupted too often) ends its render too.
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'job.changed' || closing) return;
    const job = payload as Job;
    if (job.kind !== RENDER_JOB_KIND || (job.status !== 'cancelled' && job.status !== 'failed')) return;
    const row = repo.byJob(job.id);
    if (!row || FINISHED.includes(row.status as RenderStatus)) return;
    void finish(row.id, job.status, job.status === 'failed' ? (job.error ?? { code: ErrorCode.INTERNAL, message: 'The render stopped.' }) : null);
  });

  return {
    /** Freezes the video as it is now and queues its render (the same revision already rendering: that render). */
    async start(videoId: string): Promise<Render> {
      const video = await deps.loadVideo(videoId);
      const active = repo.findActive(video.id, video.revision);
      if (active) return view(active);
      const spec = await freezeRenderSpec(video, {
        resolveAsset: deps.resolveAsset,
        hashFile: hashFileSha256,
        profileFor: options.profileFor ?? ((format) => RENDER_PROFILES[format]),
        transitionSec: options.transitionSec ?? 0.5,
      });
      const id = deps.ids.newId();
      repo.insert({ id, videoId: video.id, projectId: video.projectId, status: 'queued', format: video.format, title: video.title, videoRevision: video.revision, spec: JSON.stringify(spec), createdAt: clock.now() });
      // Keyed by the video's revision: two starts of the same video at once make one render.
      const job = jobs.enqueue({ kind: RENDER_JOB_KIND, payload: { renderId: id }, projectId: video.projectId, idempotencyKey: `${RENDER_JOB_KIND}:${video.id}:${video.revision}` });
      const twin = repo.byJob(job.id);
      if (twin) {
        repo.delete(id);
        return view(twin);
      }
      const row = repo.update(id, { jobId: job.id }) as RenderRow;
      publish(row);
      return view(row);
    },
    async list(videoId: string): Promise<Render[]> {
      return Promise.all(repo.listByVideo(videoId).map(view));
    },
    async get(id: string): Promise<Render> {
      return view(find(id));
    },
    /** Stops a render; its finished scenes stay in the cache. */
    async cancel(id: string): Promise<Render> {
      const row = find(id);
      if (FINISHED.includes(row.status as RenderStatus) || row.jobId === null) return view(row);
      const job = jobs.cancel(row.jobId);
      // A queued job ends at once; a running one ends when its ffmpeg has stopped (see failed()).
      if (job.status === 'cancelled') await finish(id, 'cancelled', null);
      return view(find(id));
    },
    /** Deletes a finished render and its files. */
    async delete(id: string): Promise<void> {
      const row = find(id);
      if (!FINISHED.includes(row.status as RenderStatus)) throw new AppError(ErrorCode.CONFLICT, 'This render is still running: cancel it first, then delete it.');
      await rm(dirOf(id), { recursive: true, force: true });
      repo.delete(id);
    },
    /**
     * A video was deleted (or its project): its renders stop and go, files and all. Also run at
     * start for renders whose video went while the app was closed.
     */
    async deleteForVideo(videoId: string | null): Promise<void> {
      const rows = videoId === null ? repo.orphans() : repo.listByVideo(videoId);
      for (const row of rows) {
        if (!FINISHED.includes(row.status as RenderStatus) && row.jobId !== null) jobs.cancel(row.jobId);
        await rm(dirOf(row.id), { recursive: true, force: true });
        repo.delete(row.id);
      }
    },
    /** The folder of a render's files. */
    dirOf,
    /** A finished render's files on disk (video first), for the waveform and the export; null until it is done. */
    filesOnDisk(id: string): { video: string; files: string[]; title: string; projectId: string } | null {
      const row = repo.get(id);
      if (!row || row.status !== 'done' || row.files === null) return null;
      const stored = JSON.parse(row.files) as Record<'video' | 'thumbnail' | 'srt' | 'vtt', string | null>;
      const files = [stored.video, stored.srt, stored.vtt, stored.thumbnail].filter((f): f is string => f !== null).map((f) => path.join(dirOf(id), f));
      return { video: files[0] as string, files, title: row.title, projectId: row.projectId };
    },
    close(): void {
      closing = true;
      unsubscribe();
    },
  };
}

export type RenderService = ReturnType<typeof createRenderService>;
