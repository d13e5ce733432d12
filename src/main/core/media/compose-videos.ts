import type { EventPayload } from '../../../shared/ipc/events';
import type { MediaAssetKind, Video, VoiceProfile } from '../../../shared/models/media';
import type { AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { DomainHandlers } from '../handlers';
import type { Clock, IdGenerator } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { ProjectRepo } from '../projects';
import { createAssetRepo, createAssetService, type AssetService } from './assets';
import type { MediaInfo } from './ffmpeg/ffprobe-reader';
import type { MediaFiles } from './media-files.port';
import { createVideoHandlers, createVideoRepo, createVideoService, type ChapterText, type ScriptRuns, type VideoMethods, type VideoService } from './videos';

export interface VideosCompositionDeps {
  dataDir: string;
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  projects: ProjectRepo;
  runs: ScriptRuns;
  chapterText: ChapterText;
  mediaFiles: MediaFiles;
  probe(file: string): Promise<MediaInfo>;
  defaultVoice: () => VoiceProfile;
  onVideoDeleted?: (video: Video) => void;
}

/** What the render part reads (its `RenderSources`): a video as it is now, and where an asset's file is. */
export interface VideosForRender {
  loadVideo(id: string): Promise<Video>;
  resolveAsset(assetId: string): Promise<{ path: string; kind: MediaAssetKind }>;
}

/**
 * Builds the videos and assets services and their handlers, follows the crew's runs
 * (`run.changed`) into video drafts, and settles drafts whose run ended while the app was closed.
 */
export function composeVideos(deps: VideosCompositionDeps): {
  handlers: DomainHandlers<VideoMethods>;
  videos: VideoService;
  assets: AssetService;
  forRender: VideosForRender;
  close(): void;
} {
  const videoRepo = createVideoRepo(deps.database.orm);
  const assets = createAssetService({ ...deps, repo: createAssetRepo(deps.database.orm), usedBy: (projectId, assetId) => videoRepo.titlesUsingAsset(projectId, assetId) });
  const videos = createVideoService({
    ...deps,
    repo: videoRepo,
    assets,
    ...(deps.onVideoDeleted && { onDeleted: deps.onVideoDeleted }),
  });
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'run.changed') return;
    const { runId } = payload as EventPayload<'run.changed'>;
    try {
      videos.onRunChanged(runId);
    } catch (error) {
      deps.logger.error({ runId, err: error }, 'could not record the crew’s script on its video');
    }
  });
  try {
    videos.reconcile();
  } catch (error) {
    deps.logger.error({ err: error }, 'could not settle the crew’s scripts left from the last launch');
  }
  void assets.sweep().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not sweep abandoned imports'));
  return {
    handlers: createVideoHandlers(videos, assets),
    videos,
    assets,
    forRender: {
      loadVideo: (id) => Promise.resolve().then(() => videos.get(id)),
      resolveAsset: (assetId) =>
        Promise.resolve().then(() => {
          const { path, kind } = assets.resolveAsset(assetId);
          return { path, kind };
        }),
    },
    close() {
      unsubscribe();
      void assets.close();
    },
  };
}
