import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { MethodName } from '../../shared/ipc/contract';
import type { AppDatabase } from './db/connection';
import type { EventBus } from './events';
import type { DomainHandlers } from './handlers';
import type { JobRunner } from './jobs';
import { documentToPlainText, type ManuscriptService } from './manuscript';
import { composeTts, composeVideos, createFfmpegService, createMediaFiles, createVoicesService, defaultPiperWorkerUrl, serveMediaFile, type ChapterText, type MediaFiles, type MediaRequest, type MediaResponse } from './media';
import type { Clock, IdGenerator } from './platform/clock';
import { startModuleWorker } from './platform/module-worker';
import type { ProjectRepo } from './projects';
import type { RunService } from './runs';

/** Media settings a shell or a test may change. */
export interface MediaConfig {
  /** Where the OpenAI speech engine sends requests (tests: the local stand-in). */
  openaiBaseUrl?: string;
  /** The Piper voice catalogue's base URL (tests: a local server). */
  voiceCatalogueUrl?: string;
  /** Where exports go by default (`<videosDir>/Nova Studio/<project>`): Electron's `videos` path; `~/Videos` when absent. */
  videosDir?: string;
  /** Piper's worker module; null: no Piper engine (only espeak-ng and OpenAI speak). */
  piperWorker?: URL | null;
}

export interface MediaDeps {
  dataDir: string;
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  jobs: JobRunner;
  projects: ProjectRepo;
  manuscript: ManuscriptService;
  runs: RunService;
  /** The writer's OpenAI key, when one is stored (cloud TTS). */
  getOpenAIKey: () => Promise<string | null>;
  config: MediaConfig;
  /** Signs media file URLs for this launch; a random one when absent. */
  filesSecret?: Uint8Array;
}

/** What the shells use of the media domain: the files' URLs and the one handler that serves them. */
export interface MediaSurface {
  files: MediaFiles;
  /** Answers a `/media-files/…` request (browser-mode server, Electron's `app://` protocol). */
  serve(request: MediaRequest): Promise<MediaResponse>;
}

type MediaMethods = Extract<MethodName, `media.${string}`>;

/**
 * Builds the media domain (videos and scripts, assets, voices, renders, media files) and its
 * `media.*` handlers. Parts land one by one; a method whose part is not wired yet answers with
 * a clear error rather than not existing.
 */
export function composeMedia(deps: MediaDeps): { handlers: DomainHandlers<MediaMethods>; surface: MediaSurface; close(): void } {
  // Per launch: a URL the renderer got earlier (or a page copied) stops working at the next start.
  const filesSecret = deps.filesSecret ?? randomBytes(32);
  const mediaFiles = createMediaFiles({ dataDir: deps.dataDir, secret: filesSecret });
  const surface: MediaSurface = { files: mediaFiles, serve: (request) => serveMediaFile(mediaFiles.root, filesSecret, request) };
  const piperWorker = deps.config.piperWorker === undefined ? defaultPiperWorkerUrl() : deps.config.piperWorker;
  const tts = composeTts({
    dataDir: deps.dataDir,
    getOpenAIKey: deps.getOpenAIKey,
    logger: deps.logger,
    startPiperWorker: piperWorker === null ? null : () => startModuleWorker(piperWorker),
    ...(deps.config.openaiBaseUrl !== undefined && { openaiBaseUrl: deps.config.openaiBaseUrl }),
  });
  const voices = createVoicesService({
    dataDir: deps.dataDir,
    tts,
    mediaFiles,
    clock: deps.clock,
    logger: deps.logger,
    onInstallChange: (install) => deps.events.emit('media.voice.changed', install),
    ...(deps.config.voiceCatalogueUrl !== undefined && { catalogueUrl: deps.config.voiceCatalogueUrl }),
  });
  const ffmpeg = createFfmpegService();
  const chapterText: ChapterText = (projectId, chapterId) => {
    const chapter = deps.manuscript.outline(projectId).chapters.find((c) => c.id === chapterId);
    return chapter ? chapter.scenes.map((scene) => ({ title: scene.title, text: documentToPlainText(deps.manuscript.getScene(scene.id).content) })) : null;
  };
  const videos = composeVideos({ ...deps, chapterText, mediaFiles, probe: (file) => ffmpeg.probe(file), defaultVoice: () => tts.defaultVoiceNow() });
  const notYet = (): never => {
    throw new AppError(ErrorCode.NOT_FOUND, 'Video making is not available in this build yet.');
  };
  const handlers: DomainHandlers<MediaMethods> = {
    // Videos, scripts and assets.
    ...videos.handlers,
    // Voices.
    'media.voices.list': () => voices.list(),
    'media.voices.install': ({ voiceId }) => voices.install(voiceId),
    'media.voices.preview': ({ voice, text }) => voices.preview(voice, text),
    // Renders.
    'media.renders.start': notYet,
    'media.renders.list': notYet,
    'media.renders.get': notYet,
    'media.renders.cancel': notYet,
    'media.renders.delete': notYet,
    // Render files.
    'media.renders.waveform': notYet,
    'media.renders.export': notYet,
  };
  return {
    handlers,
    surface,
    close() {
      videos.close();
      voices.close();
      tts.close();
    },
  };
}
