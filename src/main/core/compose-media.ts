import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { MethodName } from '../../shared/ipc/contract';
import type { AppDatabase } from './db/connection';
import type { EventBus } from './events';
import type { DomainHandlers } from './handlers';
import type { JobRunner } from './jobs';
import { documentToPlainText, type ManuscriptService } from './manuscript';
import {
  composeTts,
  composeVideos,
  createFfmpegLocator,
  createFfmpegService,
  createMediaFiles,
  createRenderFileHandlers,
  createRenderRepo,
  createRenderService,
  createVoicesService,
  defaultFfmpegLocatorDeps,
  defaultPiperWorkerUrl,
  serveMediaFile,
  type ChapterText,
  type FfmpegService,
  type MediaFiles,
  type MediaRequest,
  type MediaResponse,
  type RenderOptions,
  type RenderSources,
  type TtsStack,
} from './media';
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
  /** Render tuning: segments at once, transition length, scaled profiles in tests. */
  render?: RenderOptions;
  /** Videos and assets for renders: the videos part's when absent (tests pass small doubles). */
  renderSources?: RenderSources;
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
  /** The bundled fonts (renders draw with them); the repository's `resources/fonts` when absent. */
  fontsFolder?: string;
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

const REPO_FONTS = fileURLToPath(new URL('../../../resources/fonts', import.meta.url));

type MediaMethods = Extract<MethodName, `media.${string}`>;

/**
 * Builds the media domain (videos and scripts, assets, voices, renders, media files) and its
 * `media.*` handlers, over one TTS stack, one ffmpeg locator and one media files signer.
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
  const locator = createFfmpegLocator(defaultFfmpegLocatorDeps());
  const ffmpeg = createFfmpegService({ locator });
  const chapterText: ChapterText = (projectId, chapterId) => {
    const chapter = deps.manuscript.outline(projectId).chapters.find((c) => c.id === chapterId);
    return chapter ? chapter.scenes.map((scene) => ({ title: scene.title, text: documentToPlainText(deps.manuscript.getScene(scene.id).content) })) : null;
  };
  const removeRenders = (videoId: string | null) => {
    renders.deleteForVideo(videoId).catch((error: unknown) => deps.logger.warn({ err: error, videoId }, 'renders of a deleted video not removed'));
  };
  const videos = composeVideos({
    ...deps,
    chapterText,
    mediaFiles,
    probe: (file) => ffmpeg.probe(file),
    defaultVoice: () => tts.defaultVoiceNow(),
    onVideoDeleted: (video) => removeRenders(video.id),
  });
  const renders = composeRenders(deps, { files: mediaFiles, ffmpeg, tts, sources: deps.config.renderSources ?? videos.forRender });
  // Renders of videos deleted with their project (or while the app was closed); tests that give
  // their own videos keep theirs.
  if (!deps.config.renderSources) removeRenders(null);
  const handlers: DomainHandlers<MediaMethods> = {
    // Videos, scripts and assets.
    ...videos.handlers,
    // Voices.
    'media.voices.list': (input) => voices.list(input),
    'media.voices.install': ({ voiceId }) => voices.install(voiceId),
    'media.voices.preview': ({ voice, text }) => voices.preview(voice, text),
    // Renders.
    'media.renders.start': ({ id }) => renders.start(id),
    'media.renders.list': ({ videoId }) => renders.list(videoId),
    'media.renders.get': ({ id }) => renders.get(id),
    'media.renders.cancel': ({ id }) => renders.cancel(id),
    'media.renders.delete': async ({ id }) => {
      await renders.delete(id);
      return { ok: true as const };
    },
    // Render files.
    ...createRenderFileHandlers({
      ffmpeg: locator,
      ids: deps.ids,
      ...(deps.config.videosDir !== undefined && { videosDir: deps.config.videosDir }),
      findRender: (id) => {
        const found = renders.filesOnDisk(id);
        return found && { ...found, projectTitle: deps.projects.findAny(found.projectId)?.title ?? 'Nova Studio' };
      },
    }),
  };
  return {
    handlers,
    surface,
    close() {
      renders.close();
      videos.close();
      voices.close();
      tts.close();
    },
  };
}

/** The render part: the renders table and the `media.render` job kind, over the shared TTS stack and ffmpeg. */
function composeRenders(deps: MediaDeps, shared: { files: MediaFiles; ffmpeg: FfmpegService; tts: TtsStack; sources: RenderSources }) {
  const { tts, sources } = shared;
  return createRenderService({
    dataDir: deps.dataDir,
    repo: createRenderRepo(deps.database.orm),
    jobs: deps.jobs,
    events: deps.events,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    loadVideo: (id) => sources.loadVideo(id),
    resolveAsset: (id) => sources.resolveAsset(id),
    files: shared.files,
    narrator: { narrate: (input) => tts.narrator.narrate(input), profilesFor: (chosen) => tts.profilesFor(chosen) },
    ffmpeg: shared.ffmpeg,
    fontsDir: deps.fontsFolder ?? REPO_FONTS,
    ...(deps.config.render && { options: deps.config.render }),
  });
}
